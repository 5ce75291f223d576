import * as vscode from 'vscode';
import { dialogs } from './dialogs';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('storylint');
const HINT_OFF = 'storylint.fixOnAutoSaveHint.off';
const DONT_SHOW = "Don't show again";

/**
 * What `editor.codeActionsOnSave` says about storylint's fix-all for the document (its language's
 * value first): "always", "explicit", "never" or undefined. As in VS Code, a broader kind listed
 * (`source.fixAll`) decides over the narrower one; `true` is the old spelling of "explicit".
 */
export function fixOnSaveMode(document: vscode.TextDocument): string | undefined {
  const value = vscode.workspace.getConfiguration('editor', document).get<Record<string, unknown> | string[]>('codeActionsOnSave');
  if (Array.isArray(value)) return value.includes(FIX_ALL.value) || value.includes('source.fixAll') ? 'explicit' : undefined;
  const setting = value?.['source.fixAll'] ?? value?.[FIX_ALL.value];
  return setting === true ? 'explicit' : setting === false ? 'never' : typeof setting === 'string' ? setting : undefined;
}

/** The server's fix-all edits of the document, as its source.fixAll.storylint code action gives them. */
async function fixAllEdits(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL.value);
  const fix = (actions ?? []).find((action) => action.kind && FIX_ALL.contains(action.kind) && action.edit);
  return fix?.edit?.get(document.uri) ?? [];
}

/**
 * Fix on save with auto save. VS Code runs code actions on save for explicit saves ("explicit" and
 * "always"), and for auto saves on focus or window change ("always" only), never for
 * `files.autoSave: afterDelay`. With "always", this applies the fix-all before an afterDelay save
 * too, so the file on disk holds the fixed text. With "explicit" and auto save, it says once why
 * an auto save fixes nothing.
 */
export function registerFixOnSave(context: vscode.ExtensionContext): void {
  let hinted = false;
  const hint = async (): Promise<void> => {
    hinted = true;
    if (context.globalState.get(HINT_OFF)) return;
    const message =
      'Storylint fixes on save run on explicit saves only: "source.fixAll.storylint" is "explicit" in editor.codeActionsOnSave. Set it to "always" to fix on auto save too.';
    if ((await dialogs.show('info', message, {}, DONT_SHOW)) === DONT_SHOW) await context.globalState.update(HINT_OFF, true);
  };
  context.subscriptions.push(
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (event.reason === vscode.TextDocumentSaveReason.Manual || event.document.languageId !== 'markdown') return;
      const mode = fixOnSaveMode(event.document);
      // VS Code itself runs "always" on focus and window changes.
      if (mode === 'always' && event.reason === vscode.TextDocumentSaveReason.AfterDelay) event.waitUntil(fixAllEdits(event.document));
      else if (mode === 'explicit' && !hinted) void hint();
    }),
  );
}
