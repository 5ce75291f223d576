import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit } from '../core';
import { rangeOf } from './diagnostics';
import type { ProjectFile } from './project';

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

/** A versioned edit of the file (null version: the file as on disk), as the server builds every edit. */
export function documentEdit(file: ProjectFile, edits: TextEdit[]): WorkspaceEdit {
  return {
    documentChanges: [{ textDocument: { uri: file.uri, version: file.open ? file.document.version : null }, edits }],
  };
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
