import { type AnyRule, defaultOptions, type FindingSeverity } from './rule';
import type { LintOptions } from './lint';

/** A rule a configuration turns on: the story rules (lintFile) and the backlog rules (BacklogState) run these. */
export interface ActiveRule {
  rule: AnyRule;
  severity: FindingSeverity;
  options: Record<string, unknown>;
}

/** The rules of `options` that are not off, with their severity and options. */
export function activeRules(options: LintOptions): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of options.rules) {
    const setting = options.ruleSettings?.[rule.name];
    const severity = setting?.severity ?? rule.severity;
    if (severity === 'off') continue;
    active.push({ rule, severity, options: { ...defaultOptions(rule.options), ...setting?.options } });
  }
  return active;
}
