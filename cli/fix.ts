import { relative } from 'node:path';
import { lintWithConfig, type SharedLintOptions } from '../core/engine/configured';
import type { FileResult } from '../core/engine/lint';
import { applyFixes, inTextOrder, MAX_FIX_PASSES } from '../core/engine/fixes';
import type { Edit } from '../core/engine/rule';
import { unifiedDiff } from './diff';
import { describeFsError } from './files';
import { ChangedOnDiskError, encodeFixed, type Piece, writeFileAtomic } from './io';
import type { LintInput } from './run';

export interface FileChange {
  input: LintInput;
  fixed: string;
  /** The fixed text as ranges of the text as read and inserted text, so unfixed bytes can be copied. */
  pieces: Piece[];
}

const pieceLength = (piece: Piece): number => ('text' in piece ? piece.text.length : piece.to - piece.from);

/**
 * The pieces after a pass's edits (in the order applyFixes took them) replaced their spans: one
 * sweep over pieces and edits together, as both are in text order.
 */
function editPieces(pieces: readonly Piece[], edits: readonly Edit[], length: number): Piece[] {
  const edited: Piece[] = [];
  let index = 0;
  let pieceStart = 0;
  /** Copies [from, to) of the text the pieces make up; `from` never goes back. */
  const copy = (from: number, to: number): void => {
    while (index < pieces.length && pieceStart < to) {
      const piece = pieces[index]!;
      const pieceEnd = pieceStart + pieceLength(piece);
      const start = Math.max(from, pieceStart) - pieceStart;
      const end = Math.min(to, pieceEnd) - pieceStart;
      if (start < end) edited.push('text' in piece ? { text: piece.text.slice(start, end) } : { from: piece.from + start, to: piece.from + end });
      if (pieceEnd > to) return;
      index++;
      pieceStart = pieceEnd;
    }
  };
  let at = 0;
  for (const edit of inTextOrder(edits)) {
    copy(at, edit.span[0]);
    edited.push({ text: edit.text });
    at = edit.span[1];
  }
  copy(at, length);
  return edited;
}

/**
 * Applies fixes in passes until none applies (at most MAX_FIX_PASSES), linting all files together
 * each pass so backlog rules see the current text of every file. Files whose front matter did not
 * parse are never changed, nor are --backlog files. Returns the findings of the fixed text and the changed files.
 */
export function fixInputs(inputs: readonly LintInput[], shared: SharedLintOptions): { results: FileResult[]; changes: FileChange[] } {
  const current = inputs.map((input) => ({ ...input }));
  const pieces = inputs.map((input): Piece[] => [{ from: 0, to: input.text.length }]);
  let results = lintWithConfig(current, shared);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    results.forEach((result, index) => {
      // A --backlog file is read, not linted: it is never changed.
      if (result.parsed.frontMatter?.error || inputs[index]!.backlogOnly) return;
      const fixes = result.findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
      if (fixes.length === 0) return;
      const { text, applied } = applyFixes(result.text, fixes);
      if (text === result.text) return;
      pieces[index] = editPieces(pieces[index]!, applied.flatMap((fix) => fix.edits), result.text.length);
      current[index]!.text = text;
      changed = true;
    });
    if (!changed) break;
    results = lintWithConfig(current, shared);
  }
  const changes = current.flatMap((file, index) => (file.text === inputs[index]!.text ? [] : [{ input: inputs[index]!, fixed: file.text, pieces: pieces[index]! }]));
  return { results, changes };
}

/**
 * Writes each fixed file atomically, refusing files that changed on disk since they were read.
 * Returns the inputs as they now are on disk (fixed where written, as read where not) and whether
 * every change was written.
 */
export function writeFixes(
  inputs: readonly LintInput[],
  changes: readonly FileChange[],
  cwd: string,
  report: { warn(message: string): void; fail(message: string): void },
): { onDisk: LintInput[]; allWritten: boolean } {
  const written = new Map<LintInput, string>();
  for (const { input, fixed, pieces } of changes) {
    const source = input.source;
    if (!source) continue;
    const shown = relative(cwd, source.path) || source.path;
    try {
      writeFileAtomic(source.path, encodeFixed(source, pieces, fixed), { expected: source.raw });
      written.set(input, fixed);
    } catch (error) {
      if (error instanceof ChangedOnDiskError) report.warn(`not fixing '${shown}': it changed on disk while storylint ran; run again`);
      else report.fail(`cannot write '${shown}': ${describeFsError(error)}`);
    }
  }
  return { onDisk: inputs.map((input) => ({ ...input, text: written.get(input) ?? input.text })), allWritten: written.size === changes.length };
}

/** The fixes as one unified diff, paths relative to the cwd. */
export function diffFixes(changes: readonly FileChange[], cwd: string): string {
  return changes.map(({ input, fixed }) => unifiedDiff(relative(cwd, input.filePath).split('\\').join('/') || input.filePath, input.text, fixed)).join('');
}
