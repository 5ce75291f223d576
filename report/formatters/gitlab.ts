import type { FindingSeverity } from '../../core/engine/rule';
import type { Formatter } from '.';
import { fingerprints } from './fingerprint';
import { relativePath } from './paths';

/**
 * GitLab's severities: an error fails the run, so `major`; a warning `minor`; an info `info`.
 * `critical` and `blocker` are left to security and build-breaking tools, so a story finding never
 * outranks them in the merge request widget.
 */
const SEVERITY: Record<FindingSeverity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * GitLab Code Quality: the CodeClimate issue JSON GitLab reads from a `codequality` report artifact,
 * one issue per finding, paths relative to the folder storylint ran in (the repository root in CI).
 */
const gitlab: Formatter = (results, context) => {
  const issues = results.flatMap((result) => {
    const prints = fingerprints(result, context.cwd);
    const path = relativePath(result.filePath, context.cwd) ?? result.filePath.replace(/\\/g, '/');
    return result.findings.map((finding, index) => ({
      type: 'issue',
      engine_name: 'storylint',
      check_name: finding.ruleId,
      description: finding.message,
      categories: ['Clarity'],
      fingerprint: prints[index]!,
      severity: SEVERITY[finding.severity],
      location: { path, lines: { begin: finding.line, end: finding.endLine } },
    }));
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};

export default gitlab;
