import * as vscode from 'vscode';
import type { FileSummary } from '../protocol';

const count = (n: number) => n.toLocaleString('en-US');

/** What the item says about a file: its stories and their average quality, or, when not every finding is shown, how many are. */
function describe(summary: FileSummary | undefined): { text: string; detail?: string; severity: vscode.LanguageStatusSeverity } {
  const { Information, Warning } = vscode.LanguageStatusSeverity;
  if (summary && summary.omitted > 0) {
    const shown = summary.findings - summary.omitted;
    return {
      text: `Storylint: ${count(summary.findings)} findings, ${count(shown)} shown`,
      detail: `The editor shows ${count(shown)} problems per file: errors first, then warnings. The code lens and the report count all ${count(summary.findings)}.`,
      severity: Warning,
    };
  }
  if (!summary || summary.stories === 0) return { text: 'Storylint: no stories', severity: Information };
  return { text: `Storylint: ${summary.stories} ${summary.stories === 1 ? 'story' : 'stories'}, average quality ${summary.averageScore}`, severity: Information };
}

/** Answers what the item shows (text, detail, severity): the extension tests read it, as the API gives no access to another extension's items. */
export const STATUS_COMMAND = 'storylint.languageStatus';

/** The language status item: the active file's stories and their average quality, from the server's file summaries. */
export function createStatus(): vscode.Disposable & { update(summary: FileSummary): void } {
  const summaries = new Map<string, FileSummary>();
  const item = vscode.languages.createLanguageStatusItem('storylint.status', { language: 'markdown' });
  item.name = 'Storylint';
  item.command = { title: 'Show output', command: 'storylint.showOutput' };
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    Object.assign(item, { detail: undefined }, describe(uri ? summaries.get(uri) : undefined));
  };
  show();
  const onEditor = vscode.window.onDidChangeActiveTextEditor(show);
  const query = vscode.commands.registerCommand(STATUS_COMMAND, () => ({ text: item.text, detail: item.detail, severity: item.severity }));
  return {
    update(summary) {
      summaries.set(summary.uri, summary);
      show();
    },
    dispose() {
      onEditor.dispose();
      query.dispose();
      item.dispose();
    },
  };
}
