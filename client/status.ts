import * as vscode from 'vscode';
import type { FileSummary } from '../protocol';

/** The language status item: the active file's stories and their average quality, from the server's file summaries. */
export function createStatus(): vscode.Disposable & { update(summary: FileSummary): void } {
  const summaries = new Map<string, FileSummary>();
  const item = vscode.languages.createLanguageStatusItem('storylint.status', { language: 'markdown' });
  item.name = 'Storylint';
  item.command = { title: 'Show output', command: 'storylint.showOutput' };
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const summary = uri ? summaries.get(uri) : undefined;
    item.text = !summary || summary.stories === 0 ? 'Storylint: no stories' : `Storylint: ${summary.stories} ${summary.stories === 1 ? 'story' : 'stories'}, average quality ${summary.averageScore}`;
  };
  show();
  const onEditor = vscode.window.onDidChangeActiveTextEditor(show);
  return {
    update(summary) {
      summaries.set(summary.uri, summary);
      show();
    },
    dispose() {
      onEditor.dispose();
      item.dispose();
    },
  };
}
