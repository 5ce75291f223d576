import { relative } from 'node:path';
import { lintWithConfig, type SharedLintOptions } from '../core/config';
import type { FileResult } from '../core/engine';
import { applyFixes, MAX_FIX_PASSES } from '../core/fixes';
import { unifiedDiff } from './diff';
import { describeFsError } from './files';
import { ChangedOnDiskError, encodeSource, writeFileAtomic } from './io';
import type { LintInput } from './run';

export interface FileChange {
  input: LintInput;
  fixed: string;
}

/**
 * Applies fixes in passes until none applies (at most MAX_FIX_PASSES), linting all files together
 * each pass so backlog rules see the current text of every file. Files whose front matter did not
 * parse are never changed. Returns the findings of the fixed text and the changed files.
 */
export function fixInputs(inputs: readonly LintInput[], shared: SharedLintOptions): { results: FileResult[]; changes: FileChange[] } {
  const current = inputs.map((input) => ({ ...input }));
  let results = lintWithConfig(current, shared);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    results.forEach((result, index) => {
      if (result.parsed.frontMatter?.error) return;
      const fixes = result.findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
      if (fixes.length === 0) return;
      const { text } = applyFixes(result.text, fixes);
      if (text === result.text) return;
      current[index]!.text = text;
      changed = true;
    });
    if (!changed) break;
    results = lintWithConfig(current, shared);
  }
  const changes = current.flatMap((file, index) => (file.text === inputs[index]!.text ? [] : [{ input: inputs[index]!, fixed: file.text }]));
  return { results, changes };
}

/** Writes each fixed file atomically, refusing files that changed on disk since they were read. */
export function writeFixes(changes: readonly FileChange[], cwd: string, report: { warn(message: string): void; fail(message: string): void }): void {
  for (const { input, fixed } of changes) {
    const source = input.source;
    if (!source) continue;
    const shown = relative(cwd, source.path) || source.path;
    try {
      writeFileAtomic(source.path, encodeSource(source, fixed), { expected: source.raw });
    } catch (error) {
      if (error instanceof ChangedOnDiskError) report.warn(`not fixing '${shown}': it changed on disk while storylint ran; run again`);
      else report.fail(`cannot write '${shown}': ${describeFsError(error)}`);
    }
  }
}

/** The fixes as one unified diff, paths relative to the cwd. */
export function diffFixes(changes: readonly FileChange[], cwd: string): string {
  return changes.map(({ input, fixed }) => unifiedDiff(relative(cwd, input.filePath).split('\\').join('/') || input.filePath, input.text, fixed)).join('');
}
