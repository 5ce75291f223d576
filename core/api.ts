// The rule API: everything a rule in rules/ may use of core, and nothing else (tests/layering.test.ts).
export { describeStory } from './engine/describe-story';
export { appendSectionFix } from './engine/fixes';
export {
  type AnyRule,
  type BacklogEntry,
  defineBacklogRule,
  defineStoryRule,
  type Edit,
  type Fix,
  type Neighbourhood,
  type Span,
} from './engine/rule';
export { consecutiveOffsets } from './markdown/offsets';
export { detectEol, lineAfter, normalizeForComparison, PhraseMatcher, phraseMatcherFor, trimmedEnd, type Word, words } from './markdown/text';
export { type Criterion, mapSpan, type OutcomeMetric, type OutcomeReference, type PlainText, type Section, sectionsOf, type Statement, type StatementSlice, type Story } from './story/model';
export { findPlaceholders, firstPlaceholder, type Placeholder, sectionPlaceholder } from './story/placeholder';
export type { StatementPart } from './story/settings';
