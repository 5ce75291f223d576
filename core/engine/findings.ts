// Findings made from what rules and directives report: clamped spans, positions, pooled texts.
import type { Story } from '../story/model';
import { isHighSurrogate, isLowSurrogate, type LineIndex } from '../markdown/text';
import { type AnyRule, type FindingSeverity, type Fix, formatMessage, type Report, type Span } from './rule';
import type { DirectiveProblem } from './directives';
import type { FileResult, Finding, Position } from './lint';

const findingKey = (finding: Finding): string => JSON.stringify([finding.ruleId, finding.message, finding.severity, finding.span, finding.line, finding.column, finding.related]);
/** Whether two lists hold the same findings in the same order: rule, message, severity, place, related. */
export const sameFindings = (a: readonly Finding[], b: readonly Finding[]): boolean => a.length === b.length && a.every((finding, index) => findingKey(finding) === findingKey(b[index]!));

/** A rule's report as a finding of `result`; `resultOf` gives the other files its related locations point into. */
export function toFinding(
  result: FileResult,
  rule: AnyRule,
  severity: FindingSeverity,
  report: Report<string>,
  storyIndex: number | undefined,
  resultOf: (filePath: string) => FileResult | undefined = () => undefined,
): Finding {
  const template = (rule.messages as Record<string, string>)[report.messageId] ?? report.messageId;
  const span = clampSpan(report.span, result.text.length);
  const finding: Finding = {
    ruleId: rule.name,
    messageId: report.messageId,
    severity,
    message: pooled(formatMessage(template, report.data)),
    span,
    ...positionOf(result.lines, span),
    storyIndex,
  };
  if (report.fix && report.fix.edits.length > 0) finding.fix = pooledFix(onWholeCharacters(report.fix, result.text));
  const suggestions = report.suggestions?.filter((suggestion) => suggestion.edits.length > 0);
  if (suggestions?.length) finding.suggestions = suggestions.map((suggestion) => pooledFix(onWholeCharacters(suggestion, result.text)));
  if (report.related?.length) {
    finding.related = report.related.map((related) => {
      const other = (related.filePath === result.filePath ? result : resultOf(related.filePath)) ?? result;
      return { ...related, ...positionOf(other.lines, clampSpan(related.span, other.text.length)) };
    });
  }
  return finding;
}

/** The finding that says a rule threw on a story (the other rules and stories still run). */
export function ruleFailure(result: FileResult, rule: AnyRule, story: Pick<Story, 'titleSpan'>, storyIndex: number, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  const span = clampSpan(story.titleSpan, result.text.length);
  return {
    ruleId: rule.name,
    messageId: 'rule-failed',
    severity: 'error',
    message: `Rule ${rule.name} failed on this story (${reason}); please report it with the story text.`,
    span,
    ...positionOf(result.lines, span),
    storyIndex,
  };
}

/**
 * The fix with no edit boundary between the halves of a surrogate pair (an emoji): a rule's span
 * can be off by a unit after an entity or escape, and an edit there would break the character.
 */
function onWholeCharacters(fix: Fix, text: string): Fix {
  const splitsPair = (offset: number) => isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
  if (!fix.edits.some((edit) => splitsPair(edit.span[0]) || splitsPair(edit.span[1]))) return fix;
  const after = (offset: number) => (splitsPair(offset) ? offset + 1 : offset);
  const before = (offset: number) => (splitsPair(offset) ? offset - 1 : offset);
  return {
    ...fix,
    // An insertion moves past the character; a replacement grows to cover it whole.
    edits: fix.edits.map((edit) => ({ ...edit, span: edit.span[0] === edit.span[1] ? [after(edit.span[0]), after(edit.span[0])] : [before(edit.span[0]), after(edit.span[1])] })),
  };
}

/** The span inside `[0, length]`: the span itself when it is (findings share the story's spans). */
function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span[0], length));
  const end = Math.max(start, Math.min(span[1], length));
  return start === span[0] && end === span[1] ? span : [start, end];
}

/**
 * One copy of each distinct message and fix text: a backlog's thousands of findings say a few
 * thousand different things (49,147 findings, 6,968 messages on the bench's medium corpus), and a
 * copy per finding cost more than the rest of the finding. Bounded: past its capacity the pool
 * starts over, so text from edits long gone is not kept; long texts are not pooled.
 */
const pool = new Map<string, string>();
const POOL_CAPACITY = 20_000;
const POOLED_LENGTH = 2_000;

function pooled(text: string): string {
  if (text.length > POOLED_LENGTH) return text;
  const known = pool.get(text);
  if (known !== undefined) return known;
  if (pool.size >= POOL_CAPACITY) pool.clear();
  pool.set(text, text);
  return text;
}

function pooledFix(fix: Fix): Fix {
  return { ...fix, title: pooled(fix.title), edits: fix.edits.map((edit) => ({ ...edit, text: pooled(edit.text) })) };
}

/** Where a span starts and ends, as lines and columns. */
export function positionOf(lines: LineIndex, span: Span): Position {
  const start = lines.position(span[0]);
  const end = lines.position(span[1]);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A directive problem (unknown rule, unused directive) as a finding. */
export function problemFinding(result: FileResult, problem: DirectiveProblem): Finding {
  return { ...problem, message: pooled(problem.message), messageId: problem.ruleId, ...positionOf(result.lines, problem.span) };
}
