// The fix-all edits: every fix of one story, one file or the whole workspace, applied in passes
// until none applies (a fix can make another problem fixable, or two fixes overlap).
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FileResult, fixUntilStable } from '../core';
import { documentEdit, minimalEdit } from './edits';
import type { Project, ProjectFile } from './project';

/**
 * Applies every fix (of one story when `storyIndex` is given) in passes until none applies, each
 * pass linting the text the previous one produced, and returns the edit for the whole change.
 */
function fixAllEdit(document: TextDocument, lint: (text: string) => FileResult, storyIndex?: number): TextEdit | undefined {
  const { text } = fixUntilStable(document.getText(), (current) =>
    lint(current).findings.flatMap((finding) => (finding.fix && (storyIndex === undefined || finding.storyIndex === storyIndex) ? [finding.fix] : [])),
  );
  return minimalEdit(document, text);
}

/** Every fix of the file (of one story when `storyIndex` is given); undefined when nothing changes. */
export function fileFixEdit(project: Project, file: ProjectFile, storyIndex?: number): WorkspaceEdit | undefined {
  const edit = fixAllEdit(file.document, (text) => project.lintForFixes(file.filePath, text), storyIndex);
  return edit && documentEdit(file, [edit]);
}

/** Every fix of every file with a fixable finding, as one edit; undefined when nothing changes. */
export function workspaceFixEdit(project: Project): WorkspaceEdit | undefined {
  const documentChanges = project
    .all()
    .filter((file) => !file.skipped && file.result?.findings.some((finding) => finding.fix))
    .flatMap((file) => fileFixEdit(project, file)?.documentChanges ?? []);
  return documentChanges.length > 0 ? { documentChanges } : undefined;
}
