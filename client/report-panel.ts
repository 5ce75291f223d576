import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { escapeHtml, REPORT_REQUEST, type ReportResponse } from '../protocol';

export const SHOW_REPORT_COMMAND = 'storylint.showReport';

/** Edits arrive per keystroke; the report is rebuilt once typing pauses. */
const REFRESH_DELAY_MS = 500;

const MARKDOWN_FILE = /\.(md|markdown|mdx)$/i;

interface OpenStoryMessage {
  command: 'open';
  file: string;
  line: number;
}

/**
 * "Storylint: Show backlog report": a webview with the report the language server renders from the
 * same results it publishes as diagnostics. It is rebuilt when a Markdown file changes while the panel
 * is open, and a click on a story opens that story in the editor.
 */
export function registerReportPanel(context: vscode.ExtensionContext, client: Pick<BaseLanguageClient, 'sendRequest'>): void {
  let panel: vscode.WebviewPanel | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stale = false;
  let shown = '';

  const refresh = async (): Promise<void> => {
    if (!panel) return;
    stale = false;
    let html: string;
    try {
      html = (await client.sendRequest<ReportResponse>(REPORT_REQUEST)).html;
    } catch (error) {
      html = messagePage(`The backlog report could not be built: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Reloading the page loses scroll and sort order: skip it when only the nonce changed.
    if (!panel || withoutNonce(html) === withoutNonce(shown)) return;
    shown = html;
    panel.webview.html = html;
  };

  const storiesChanged = (uri: vscode.Uri): void => {
    if (!panel || !MARKDOWN_FILE.test(uri.path)) return;
    if (!panel.visible) {
      stale = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
  };

  const show = async (): Promise<void> => {
    if (panel) {
      panel.reveal();
      await refresh();
      return;
    }
    panel = vscode.window.createWebviewPanel('storylint.report', 'Backlog report', vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page is self-contained: it may load nothing from disk.
      localResourceRoots: [],
      enableFindWidget: true,
    });
    panel.webview.html = messagePage('Building the backlog report…');
    panel.onDidDispose(() => {
      panel = undefined;
      shown = '';
      clearTimeout(timer);
    });
    panel.onDidChangeViewState(() => {
      if (panel?.visible && stale) void refresh();
    });
    panel.webview.onDidReceiveMessage((message: unknown) => void openStory(message));
    await refresh();
  };

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,mdx}');
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_REPORT_COMMAND, show),
    vscode.workspace.onDidChangeTextDocument((event) => storiesChanged(event.document.uri)),
    watcher,
    watcher.onDidCreate(storiesChanged),
    watcher.onDidChange(storiesChanged),
    watcher.onDidDelete(storiesChanged),
    { dispose: () => panel?.dispose() },
  );
}

async function openStory(message: unknown): Promise<void> {
  if (!isOpenStoryMessage(message)) return;
  const uri = toUri(message.file);
  // The page only names workspace files; anything else is not ours to open.
  if (!vscode.workspace.getWorkspaceFolder(uri)) return;
  const position = new vscode.Position(message.line - 1, 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One, preview: false });
}

function isOpenStoryMessage(message: unknown): message is OpenStoryMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { command, file, line } = message as Record<string, unknown>;
  return command === 'open' && typeof file === 'string' && file.length > 0 && typeof line === 'number' && Number.isInteger(line) && line >= 1;
}

/** The server names files by path; a URI (e.g. of a remote workspace) is taken as it is. */
function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

const withoutNonce = (html: string): string => {
  const nonce = /nonce-([0-9a-zA-Z+/=]+)/.exec(html)?.[1];
  return nonce ? html.split(nonce).join('') : html;
};

/** A page with one sentence, under the same no-script, no-resource policy as the report. */
function messagePage(text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>Backlog report</title></head><body><p>${escapeHtml(text)}</p></body></html>`;
}
