import type { Story } from '../story/model';
import type { FindingSeverity, Span } from './rule';
import type { LineIndex } from '../markdown/text';

/**
 * Inline directives are HTML comments (invisible when the Markdown is rendered). The parser finds
 * them, so a comment inside a code block is text, not a directive.
 *
 *   <!-- storylint-disable [rules] -->            from here to the next enable (or the end of the file)
 *   <!-- storylint-enable [rules] -->             ends a disable (all rules, or the ones named)
 *   <!-- storylint-disable-line [rules] -->       the comment's own line
 *   <!-- storylint-disable-next-line [rules] -->  the line after the comment
 *   <!-- storylint-disable-file [rules] -->       the whole file
 *   <!-- storylint-disable-story [rules] -->      the story the comment sits in (anywhere in its text)
 *
 * No rule names means every rule. Names are separated by spaces or commas; text after " -- " is a
 * comment explaining why.
 */
export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file' | 'disable-story';

export interface Directive {
  kind: DirectiveKind;
  /** Rule names; empty = every rule. */
  rules: string[];
  span: Span;
  line: number;
  /** Rules (or '*' for all) that silenced at least one finding. */
  used: Set<string>;
}

/** Findings the engine itself reports about directives. */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';
export const UNKNOWN_RULE_IN_DIRECTIVE = 'unknown-rule-in-directive';

const PREFIX = 'storylint-';
const KINDS: readonly DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable-file', 'disable-story', 'disable', 'enable'];

/** Reads directives from a file's HTML comments (text without `<!--`/`-->`). */
export function parseDirectives(comments: readonly { text: string; span: Span }[], lines: LineIndex): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    if (!comment.text.startsWith(PREFIX)) continue;
    const body = comment.text.slice(PREFIX.length);
    const kind = KINDS.find((candidate) => body === candidate || body.startsWith(`${candidate} `) || body.startsWith(`${candidate}\t`) || body.startsWith(`${candidate}\n`));
    if (!kind) continue;
    const explanation = body.indexOf(' -- ');
    const list = body.slice(kind.length, explanation === -1 ? undefined : explanation);
    const rules = list.split(/[\s,]+/).filter((name) => name !== '');
    directives.push({ kind, rules, span: comment.span, line: lines.position(comment.span[0]).line, used: new Set() });
  }
  return directives;
}

/** The part of a finding directives look at. */
export interface Suppressible {
  ruleId: string;
  span: Span;
  line: number;
  storyIndex?: number;
}

/** Rule name under which directives that name no rule (so silence every rule) are indexed. */
const EVERY_RULE = '*';

/** The first directive (in file order) for each rule it names, or for every rule. */
class FirstByRule {
  private readonly first = new Map<string, Directive>();

  /** Directives must come in file order. */
  add(directive: Directive): void {
    for (const name of directive.rules.length === 0 ? [EVERY_RULE] : directive.rules) if (!this.first.has(name)) this.first.set(name, directive);
  }

  get(ruleId: string): Directive | undefined {
    return earliest(this.first.get(ruleId), this.first.get(EVERY_RULE));
  }
}

/** The earlier of two directives in the file. */
const earliest = (a: Directive | undefined, b: Directive | undefined) => (!a || (b && b.span[0] < a.span[0]) ? b : a);

/** How many directives of a list in file order start at or before `offset`. */
function countUpTo(directives: readonly Directive[], offset: number): number {
  let low = 0;
  let high = directives.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (directives[middle]!.span[0] <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Decides which findings directives silence, and remembers which directives did something. The
 * directives are indexed by kind, line, story and rule, so each finding costs a few lookups and
 * binary searches, not a pass over every directive: a backlog with a directive on each of 10,000
 * stories stays linear.
 */
export class Suppressions {
  private readonly fileWide = new FirstByRule();
  /** disable-line directives under their own line, disable-next-line ones under the next. */
  private readonly byLine = new Map<number, FirstByRule>();
  /** disable-story directives in file order, and per story the ones inside it (built on first use). */
  private readonly storyWide: Directive[] = [];
  private readonly byStory = new Map<number, FirstByRule>();
  /** Range disables and enables in file order, and per rule the ones that apply to it (built on first use). */
  private readonly ranges: Directive[] = [];
  private readonly rangesByRule = new Map<string, { disables: Directive[]; enables: Directive[] }>();

  /** The stories' spans: only they matter here, and a result's suppressions must not keep its stories. */
  private readonly storySpans: readonly Span[];

  /** `directives` in file order, as parseDirectives returns them. */
  constructor(
    readonly directives: readonly Directive[],
    stories: readonly Pick<Story, 'span'>[],
  ) {
    this.storySpans = stories.map((story) => story.span);
    for (const directive of directives) {
      switch (directive.kind) {
        case 'disable-file':
          this.fileWide.add(directive);
          break;
        case 'disable-line':
        case 'disable-next-line': {
          const line = directive.kind === 'disable-line' ? directive.line : directive.line + 1;
          let onLine = this.byLine.get(line);
          if (!onLine) this.byLine.set(line, (onLine = new FirstByRule()));
          onLine.add(directive);
          break;
        }
        case 'disable-story':
          this.storyWide.push(directive);
          break;
        case 'disable':
        case 'enable':
          this.ranges.push(directive);
      }
    }
  }

  /** The directive that silences the finding, marked as used; undefined when none does. */
  suppress(finding: Suppressible): Directive | undefined {
    // Engine findings about directives cannot be silenced by directives.
    if (finding.ruleId === UNUSED_DIRECTIVE || finding.ruleId === UNKNOWN_RULE_IN_DIRECTIVE) return undefined;
    const covering = [this.byLine.get(finding.line)?.get(finding.ruleId), this.inStory(finding), this.rangeDisable(finding)].reduce(
      earliest,
      this.fileWide.get(finding.ruleId),
    );
    if (covering) covering.used.add(covering.rules.includes(finding.ruleId) ? finding.ruleId : EVERY_RULE);
    return covering;
  }

  /** The first disable-story directive for the rule inside the finding's story. */
  private inStory(finding: Suppressible): Directive | undefined {
    if (this.storyWide.length === 0) return undefined;
    const story = this.storyOf(finding);
    if (story === undefined) return undefined;
    let inside = this.byStory.get(story);
    if (!inside) {
      inside = new FirstByRule();
      const [start, end] = this.storySpans[story]!;
      for (let i = countUpTo(this.storyWide, start - 1); i < this.storyWide.length && this.storyWide[i]!.span[0] < end; i++) {
        if (this.storyWide[i]!.span[1] <= end) inside.add(this.storyWide[i]!);
      }
      this.byStory.set(story, inside);
    }
    return inside.get(finding.ruleId);
  }

  /** The first range disable for the rule before the finding with no enable for the rule between them. */
  private rangeDisable(finding: Suppressible): Directive | undefined {
    if (this.ranges.length === 0) return undefined;
    let forRule = this.rangesByRule.get(finding.ruleId);
    if (!forRule) {
      const applying = this.ranges.filter((directive) => appliesTo(directive, finding.ruleId));
      forRule = { disables: applying.filter((directive) => directive.kind === 'disable'), enables: applying.filter((directive) => directive.kind === 'enable') };
      this.rangesByRule.set(finding.ruleId, forRule);
    }
    const at = finding.span[0];
    const enabled = countUpTo(forRule.enables, at);
    const after = enabled === 0 ? -1 : forRule.enables[enabled - 1]!.span[0];
    const disable = forRule.disables[countUpTo(forRule.disables, after)];
    return disable && disable.span[0] <= at ? disable : undefined;
  }

  /** The index of the finding's story. */
  private storyOf(finding: Suppressible): number | undefined {
    if (finding.storyIndex !== undefined) return finding.storyIndex < this.storySpans.length ? finding.storyIndex : undefined;
    const index = this.storySpans.findIndex((span) => span[0] <= finding.span[0] && finding.span[0] < span[1]);
    return index === -1 ? undefined : index;
  }
}

const appliesTo = (directive: Directive, ruleId: string) => directive.rules.length === 0 || directive.rules.includes(ruleId);

/** A finding the engine reports about a directive, before positions are added. */
export interface DirectiveProblem {
  ruleId: typeof UNUSED_DIRECTIVE | typeof UNKNOWN_RULE_IN_DIRECTIVE;
  severity: FindingSeverity;
  message: string;
  span: Span;
}

/** Directives naming rules the run does not know: the suppression would silently do nothing. */
export function unknownRuleProblems(directives: readonly Directive[], knownRules: ReadonlySet<string>): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  for (const directive of directives) {
    for (const name of directive.rules) {
      if (knownRules.has(name)) continue;
      problems.push({
        ruleId: UNKNOWN_RULE_IN_DIRECTIVE,
        severity: 'warning',
        message: `Unknown rule "${name}" in storylint-${directive.kind}: check the spelling; rule names are listed in the docs.`,
        span: directive.span,
      });
    }
  }
  return problems;
}

/** Disable directives that silenced nothing (for `--report-unused-disable-directives`). */
export function unusedDirectiveProblems(directives: readonly Directive[], severity: FindingSeverity, knownRules: ReadonlySet<string>): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const unused = directive.rules.length === 0 ? (directive.used.size === 0 ? ['*'] : []) : directive.rules.filter((name) => knownRules.has(name) && !directive.used.has(name));
    if (unused.length === 0) continue;
    const what = unused[0] === '*' ? 'any finding' : `any ${unused.join(', ')} finding`;
    problems.push({
      ruleId: UNUSED_DIRECTIVE,
      severity,
      message: `Unused storylint-${directive.kind}: it does not silence ${what}; remove it (or the rule names it no longer needs).`,
      span: directive.span,
    });
  }
  return problems;
}
