import type { AnyRule } from '../core';
// Statement and backlog rules (imports)
// Section rules (imports)
import requireAcceptanceCriteria from './require-acceptance-criteria';

/** Every rule, in the order findings at the same place are listed and fixes are applied. */
export const rules: readonly AnyRule[] = [
  // Statement and backlog rules
  // Section rules
  requireAcceptanceCriteria,
];

export const rulesByName: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.name, rule]));
