import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Edit, type FileResult, fixUntilStable } from '../core';
import { rangeOf } from './diagnostics';

export const toTextEdit = (document: TextDocument, edit: Edit): TextEdit => ({ range: rangeOf(document, edit.span), newText: edit.text });

/**
 * One edit from `before` to `after` covering only what differs (common prefix and suffix kept),
 * so the editor keeps the cursor and folding outside the changed region.
 */
export function minimalEdit(document: TextDocument, after: string): TextEdit | undefined {
  const before = document.getText();
  if (before === after) return undefined;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return toTextEdit(document, { span: [prefix, before.length - suffix], text: after.slice(prefix, after.length - suffix) });
}

/**
 * Applies every fix (of one story when `storyIndex` is given) in passes until none applies, each
 * pass linting the text the previous one produced, and returns the edit for the whole change.
 */
export function fixAllEdit(
  document: TextDocument,
  lint: (text: string) => FileResult,
  storyIndex?: number,
): TextEdit | undefined {
  const { text } = fixUntilStable(document.getText(), (current) =>
    lint(current).findings.flatMap((finding) => (finding.fix && (storyIndex === undefined || finding.storyIndex === storyIndex) ? [finding.fix] : [])),
  );
  return minimalEdit(document, text);
}

/** What the client can apply (its workspaceEdit capability). */
export interface EditSupport {
  documentChanges: boolean;
  createFiles: boolean;
}

/**
 * An edit as the client can apply it. The server builds edits as versioned documentChanges; a
 * client without them gets plain `changes` per URI, and an edit that creates a file is left out
 * (undefined) for a client that cannot create one.
 */
export function forClient(edit: WorkspaceEdit, support: EditSupport): WorkspaceEdit | undefined {
  const operations = edit.documentChanges ?? [];
  if (!support.createFiles && operations.some((operation) => 'kind' in operation)) return undefined;
  if (support.documentChanges || edit.documentChanges === undefined) return edit;
  const changes: Record<string, TextEdit[]> = {};
  // The server builds plain text edits only (no snippets or annotations).
  for (const operation of operations) if ('textDocument' in operation) (changes[operation.textDocument.uri] ??= []).push(...(operation.edits as TextEdit[]));
  return { changes };
}
