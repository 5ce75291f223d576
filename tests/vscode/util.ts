/**
 * Helpers for the extension tests: they run inside the VS Code extension host and use only the
 * `vscode` API, the way a user's editor talks to the extension.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './runner';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'storylint.storylint';
export const SOURCE = 'storylint';

/** Server-side linting, the language client's start and the background scan take a moment on a busy machine. */
export const LINT_TIMEOUT_MS = 20_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (tests/vscode/workspace) is not open');
  return folder.uri;
}

export const fileUri = (relativePath: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));

/** The extension; fails at once when it is not installed, instead of every test waiting for diagnostics. */
export function storylintExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const others = vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.'));
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed (non-built-in extensions: ${others.join(', ') || 'none'})`);
  return extension;
}

export async function openStory(relativePath: string): Promise<vscode.TextEditor> {
  storylintExtension();
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function readOnDisk(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(relativePath)));
}

export async function writeOnDisk(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(relativePath), new TextEncoder().encode(text));
}

const SEVERITY_NAME: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A diagnostic as the expected data writes it: 1-based "line:column-endLine:endColumn", like the CLI. */
export interface CompactDiagnostic {
  code: string;
  severity: string;
  range: string;
  message: string;
}

export const ruleOf = (diagnostic: vscode.Diagnostic): string =>
  typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);

export const compactRange = (range: vscode.Range): string =>
  `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

export function compact(diagnostic: vscode.Diagnostic): CompactDiagnostic {
  return {
    code: ruleOf(diagnostic),
    severity: SEVERITY_NAME[diagnostic.severity],
    range: compactRange(diagnostic.range),
    message: diagnostic.message,
  };
}

export const storylintDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);

/** The file's storylint diagnostics once `ready` accepts them. */
export function diagnosticsWhen(
  uri: vscode.Uri,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  message: string,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const diagnostics = storylintDiagnostics(uri);
    return ready(diagnostics) ? diagnostics : undefined;
  }, { timeout: LINT_TIMEOUT_MS, interval: 100, message: `${message} (now: ${JSON.stringify(storylintDiagnostics(uri).map(compact))})` });
}

/**
 * The code actions at a range once one titled `title` is among them. Right after diagnostics appear
 * the first request can miss the server's fixes, so this asks again until it is there.
 */
export function codeActionsWith(uri: vscode.Uri, range: vscode.Range, title: string, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  let last: string[] = [];
  return waitFor(async () => {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind?.value)) ?? [];
    last = actions.map((action) => action.title);
    return actions.some((action) => action.title === title) ? actions : undefined;
  }, { timeout: LINT_TIMEOUT_MS, interval: 250, message: `a code action "${title}"` }).catch((error: Error) => {
    throw new Error(`${error.message}; last offered: ${JSON.stringify(last)}`);
  });
}

/** Markdown and plain strings of hover contents, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Waits for the text of an open document (edits from the server arrive asynchronously). */
export function textBecomes(document: vscode.TextDocument, expected: string, message: string): Promise<unknown> {
  return waitFor(() => document.getText() === expected, { timeout: LINT_TIMEOUT_MS, message }).catch((error: Error) => {
    assert.equal(document.getText(), expected, error.message);
    throw error;
  });
}

/** Closes every editor without saving (tests that changed files restore them themselves). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// --- config-feedback: the extension's messages with buttons (client/dialogs.ts), read and answered.

/** A message the extension showed with buttons. */
export interface ShownMessage {
  severity: string;
  message: string;
  modal: boolean;
  detail?: string;
  actions: string[];
}

type ShowMessage = (severity: string, message: string, options: vscode.MessageOptions, ...actions: string[]) => Thenable<string | undefined>;

/**
 * Records every message the extension shows with buttons and answers it with `answer` (a modal
 * cannot be clicked from a test), until `restore()`. A message that is not modal is still shown.
 */
export async function recordMessages(answer: (shown: ShownMessage) => string | undefined): Promise<{ shown: ShownMessage[]; restore(): void }> {
  const api = (await storylintExtension().activate()) as { dialogs: { show: ShowMessage } };
  const original = api.dialogs.show;
  const shown: ShownMessage[] = [];
  api.dialogs.show = (severity, message, options, ...actions) => {
    const record = { severity, message, modal: options.modal === true, ...(options.detail !== undefined ? { detail: options.detail } : {}), actions };
    shown.push(record);
    if (!record.modal) void original(severity, message, options, ...actions);
    return Promise.resolve(answer(record));
  };
  return { shown, restore: () => void (api.dialogs.show = original) };
}

/** Sends a request to the running language server (e.g. `storylint/stats`, answered once pending work is done). */
export async function serverRequest<T>(method: string): Promise<T> {
  const api = (await storylintExtension().activate()) as { client: { sendRequest<R>(method: string): Promise<R> } };
  return api.client.sendRequest<T>(method);
}

/** Measured figures (printed, never asserted) are kept by the runner, which writes them with the results. */
export { note } from './runner';
