import type { AnyRule } from '../core/api';
// Statement and backlog rules (imports)
import atomicStory from './atomic-story';
import minimalStatement from './minimal-statement';
import problemOriented from './problem-oriented';
import requireBenefit from './require-benefit';
import specificRole from './specific-role';
import storyFormat from './story-format';
import linkedOutcome from './linked-outcome';
import orphanOutcome from './orphan-outcome';
import uniformTemplate from './uniform-template';
import uniqueId from './unique-id';
import uniqueStory from './unique-story';
import userPerspective from './user-perspective';
// Section rules (imports)
import gherkinComplete from './gherkin-complete';
import measurableOutcome from './measurable-outcome';
import outcomeNotOutput from './outcome-not-output';
import requireAcceptanceCriteria from './require-acceptance-criteria';
import requireEvidence from './require-evidence';
import requireOutcome from './require-outcome';
import requireProblem from './require-problem';
import storySize from './story-size';
import testableCriteria from './testable-criteria';
import unvalidatedAssumption from './unvalidated-assumption';

/** Every rule, in the order findings at the same place are listed and fixes are applied. */
export const rules: readonly AnyRule[] = [
  // Statement and backlog rules: the statement first, then how it reads, then the backlog as a whole.
  storyFormat,
  requireBenefit,
  specificRole,
  userPerspective,
  atomicStory,
  minimalStatement,
  problemOriented,
  uniqueId,
  linkedOutcome,
  orphanOutcome,
  uniqueStory,
  uniformTemplate,
  // Section rules: problem, outcome, then acceptance criteria, the order a story reads in.
  requireProblem,
  requireEvidence,
  unvalidatedAssumption,
  requireOutcome,
  measurableOutcome,
  outcomeNotOutput,
  requireAcceptanceCriteria,
  testableCriteria,
  gherkinComplete,
  storySize,
];

export const rulesByName: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.name, rule]));
