import type { Story } from './model';
import type { FindingSeverity, Span } from './rule';
import type { LineIndex } from './text';

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

/** Decides which findings directives silence, and remembers which directives did something. */
export class Suppressions {
  constructor(
    readonly directives: readonly Directive[],
    private readonly stories: readonly Story[],
  ) {}

  /** The directive that silences the finding, marked as used; undefined when none does. */
  suppress(finding: Suppressible): Directive | undefined {
    // Engine findings about directives cannot be silenced by directives.
    if (finding.ruleId === UNUSED_DIRECTIVE || finding.ruleId === UNKNOWN_RULE_IN_DIRECTIVE) return undefined;
    const covering = this.directives.find((directive) => this.covers(directive, finding));
    if (covering) covering.used.add(covering.rules.includes(finding.ruleId) ? finding.ruleId : '*');
    return covering;
  }

  private covers(directive: Directive, finding: Suppressible): boolean {
    if (directive.kind === 'enable') return false;
    if (!appliesTo(directive, finding.ruleId)) return false;
    switch (directive.kind) {
      case 'disable-file':
        return true;
      case 'disable-line':
        return finding.line === directive.line;
      case 'disable-next-line':
        return finding.line === directive.line + 1;
      case 'disable-story': {
        const story = this.storyOf(finding);
        return story !== undefined && directive.span[0] >= story.span[0] && directive.span[1] <= story.span[1];
      }
      case 'disable':
        return directive.span[0] <= finding.span[0] && !this.enabledBetween(directive, finding);
    }
  }

  /** Whether an enable comment for the rule sits between a range disable and the finding. */
  private enabledBetween(disable: Directive, finding: Suppressible): boolean {
    return this.directives.some(
      (enable) =>
        enable.kind === 'enable' &&
        enable.span[0] > disable.span[0] &&
        enable.span[0] <= finding.span[0] &&
        (enable.rules.length === 0 || enable.rules.includes(finding.ruleId)),
    );
  }

  private storyOf(finding: Suppressible): Story | undefined {
    if (finding.storyIndex !== undefined) return this.stories[finding.storyIndex];
    return this.stories.find((story) => story.span[0] <= finding.span[0] && finding.span[0] < story.span[1]);
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
