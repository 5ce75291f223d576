// Story quality scores: what each finding takes off a story's 100.
import type { FindingSeverity } from './rule';
import type { Finding } from './lint';

/** Points a finding of each severity takes off a story's score of 100. */
export const SCORE_PENALTY: Readonly<Record<FindingSeverity, number>> = { error: 25, warning: 10, info: 3 };

/** 100 minus 25 per error, 10 per warning and 3 per info finding, never below 0. */
export function storyScore(findings: readonly Pick<Finding, 'severity'>[]): number {
  const penalty = findings.reduce((sum, finding) => sum + SCORE_PENALTY[finding.severity], 0);
  return Math.max(0, 100 - penalty);
}
