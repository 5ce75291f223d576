// The fix-all edits: every fix of one story, one file or the whole workspace, applied in passes
// until none applies (a fix can make another problem fixable, or two fixes overlap).
import { relative, sep } from 'node:path';
import type { Connection, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FileResult, fixUntilStable } from '../core';
import { type FixPlan, fixPlanQuestion } from '../protocol';
import { notify } from './messages';
import { documentEdit, type EditSupport, forClient, minimalEdit } from './edits';
import type { Project, ProjectFile } from './project';

/**
 * Applies every fix (of one story when `storyIndex` is given) in passes until none applies, each
 * pass linting the text the previous one produced: the edit for the whole change and the fixes applied.
 */
function fixAll(document: TextDocument, lint: (text: string) => FileResult, storyIndex?: number): { edit?: TextEdit; fixes: number } {
  const { text, applied } = fixUntilStable(document.getText(), (current) =>
    lint(current).findings.flatMap((finding) => (finding.fix && (storyIndex === undefined || finding.storyIndex === storyIndex) ? [finding.fix] : [])),
  );
  return { edit: minimalEdit(document, text), fixes: applied };
}

const fileFixes = (project: Project, file: ProjectFile, storyIndex?: number) => fixAll(file.document, (text) => project.lintForFixes(file.filePath, text), storyIndex);

/** Every fix of the file (of one story when `storyIndex` is given); undefined when nothing changes. */
export function fileFixEdit(project: Project, file: ProjectFile, storyIndex?: number): WorkspaceEdit | undefined {
  const { edit } = fileFixes(project, file, storyIndex);
  return edit && documentEdit(file, [edit]);
}

/** One file's part of the workspace fix: its edit and how many fixes it applies. */
interface FileFix {
  file: ProjectFile;
  edit: TextEdit;
  fixes: number;
}

/**
 * The workspace fix, file by file: backlogs only (files with stories: a README or a doc page the
 * editor has open is not rewritten), each with a fixable finding and an edit that changes it.
 * `only` limits it to the files the user confirmed.
 */
function workspaceFixes(project: Project, only?: ReadonlySet<string>): FileFix[] {
  return project
    .allByPath()
    .filter((file) => !file.skipped && (file.result?.stories.length ?? 0) > 0 && file.result?.findings.some((finding) => finding.fix) && (!only || only.has(file.uri)))
    .flatMap((file) => {
      const { edit, fixes } = fileFixes(project, file);
      return edit ? [{ file, edit, fixes }] : [];
    });
}

/** What the workspace fix would change, for the user to confirm: names relative to `rootOf(file)`. */
export function workspaceFixPlan(project: Project, rootOf: (filePath: string) => string): FixPlan {
  const files = workspaceFixes(project).map(({ file, fixes }) => ({ uri: file.uri, name: relative(rootOf(file.filePath), file.filePath).split(sep).join('/'), fixes }));
  return { files, fixes: files.reduce((sum, file) => sum + file.fixes, 0) };
}

/** Every fix of the backlog files (of the confirmed ones when `only` is given), as one edit; undefined when nothing changes. */
export function workspaceFixEdit(project: Project, only?: ReadonlySet<string>): WorkspaceEdit | undefined {
  const documentChanges = workspaceFixes(project, only).flatMap(({ file, edit }) => documentEdit(file, [edit]).documentChanges ?? []);
  return documentChanges.length > 0 ? { documentChanges } : undefined;
}

/** The workspace fix as a command: of the files the user confirmed (the client asks first), or asked for here (another editor). */
export async function applyWorkspaceFix(
  connection: Connection,
  project: Project,
  rootOf: (filePath: string) => string,
  editSupport: EditSupport,
  confirmed: unknown,
): Promise<void> {
  let only = Array.isArray(confirmed) ? new Set(confirmed.map(String)) : undefined;
  if (!only) {
    const plan = workspaceFixPlan(project, rootOf);
    if (plan.files.length === 0) return notify(connection, 'info', 'Storylint found nothing to fix in the workspace.');
    const names = plan.files.map((file) => `${file.name} (${file.fixes})`).join(', ');
    // A client that cannot answer has not confirmed: nothing is written.
    const answer = await connection.window.showWarningMessage(`${fixPlanQuestion(plan)} ${names}`, { title: 'Apply' }, { title: 'Cancel' }).catch(() => undefined);
    if (answer?.title !== 'Apply') return;
    only = new Set(plan.files.map((file) => file.uri));
  }
  const edit = workspaceFixEdit(project, only);
  if (!edit) return;
  const outcome = await connection.workspace.applyEdit({ label: 'Fix storylint problems in the workspace', edit: forClient(edit, editSupport)! });
  if (!outcome.applied) notify(connection, 'warning', `Storylint could not apply the fixes${outcome.failureReason ? `: ${outcome.failureReason}` : ''}. Try again once the files are saved.`);
}
