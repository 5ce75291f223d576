import type { AnnotatedTextEdit, SnippetTextEdit, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { consecutiveOffsets, type Edit, findPlaceholders } from '../core';
import { rangeOf } from './diagnostics';
import type { ProjectFile } from './project';

/** An edit inside a TextDocumentEdit. */
export type DocumentEditPart = TextEdit | AnnotatedTextEdit | SnippetTextEdit;

export const toTextEdit = (document: TextDocument, edit: Edit): TextEdit => ({ range: rangeOf(document, edit.span), newText: edit.text });

/** Text as literal snippet text: `$`, `}` and `\` escaped. */
const escapeSnippet = (text: string): string => text.replace(/[$}\\]/g, '\\$&');

/**
 * The edit as a snippet that selects the first placeholder it inserts ("{metric}"), so the cursor
 * lands where the author types; a plain edit when it inserts none.
 */
export function toSnippetEdit(document: TextDocument, edit: Edit): TextEdit | SnippetTextEdit {
  const first = findPlaceholders({ text: edit.text, offsets: consecutiveOffsets(0, edit.text.length + 1) })[0];
  if (!first) return toTextEdit(document, edit);
  const { text } = edit;
  const value = `${escapeSnippet(text.slice(0, first.start))}\${1:${escapeSnippet(first.text)}}${escapeSnippet(text.slice(first.end))}`;
  return { range: rangeOf(document, edit.span), snippet: { kind: 'snippet', value } };
}

/** The text a snippet inserts: its escapes and tab stops read back (the snippets toSnippetEdit writes). */
export function snippetText(value: string): string {
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) text += value[++i];
    else if (char === '$' && value[i + 1] === '{') {
      // "${1:" opens a tab stop: its text stays, the marker goes.
      let j = i + 2;
      while (j < value.length && value[j]! >= '0' && value[j]! <= '9') j++;
      i = value[j] === ':' ? j : j - 1;
    } else if (char !== '}') text += char;
  }
  return text;
}

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
export function documentEdit(file: ProjectFile, edits: DocumentEditPart[]): WorkspaceEdit {
  return {
    documentChanges: [{ textDocument: { uri: file.uri, version: file.open ? file.document.version : null }, edits }],
  };
}

/** What the client can apply (its workspaceEdit capability). */
export interface EditSupport {
  documentChanges: boolean;
  createFiles: boolean;
  /** Snippet text edits (LSP 3.18 `snippetEditSupport`): a fix can put the cursor on its placeholder. */
  snippets: boolean;
}

/** A snippet edit as the plain edit of the same text, for a client without snippet edits. */
const plainEdit = (edit: DocumentEditPart): TextEdit => ('snippet' in edit ? { range: edit.range, newText: snippetText(edit.snippet.value) } : edit);

/**
 * An edit as the client can apply it. The server builds edits as versioned documentChanges, a
 * quick fix's as a snippet: a client without snippet edits gets the plain text, a client without
 * documentChanges plain `changes` per URI, and an edit that creates a file is left out
 * (undefined) for a client that cannot create one.
 */
export function forClient(edit: WorkspaceEdit, support: EditSupport): WorkspaceEdit | undefined {
  const operations = edit.documentChanges ?? [];
  if (!support.createFiles && operations.some((operation) => 'kind' in operation)) return undefined;
  if (edit.documentChanges === undefined) return edit;
  if (support.documentChanges) {
    if (support.snippets) return edit;
    const plain = (operation: TextDocumentEdit): TextDocumentEdit => ({ ...operation, edits: operation.edits.map(plainEdit) });
    return { ...edit, documentChanges: operations.map((operation) => ('textDocument' in operation ? plain(operation) : operation)) };
  }
  const changes: Record<string, TextEdit[]> = {};
  // The server builds no annotated edits; snippets become their text.
  for (const operation of operations) if ('textDocument' in operation) (changes[operation.textDocument.uri] ??= []).push(...operation.edits.map(plainEdit));
  return { changes };
}
