// One file's lint result and how it is made: story rules per file (lintFile), backlog rules across files (lintBacklog).
import type { Story } from '../story/model';
import type { ParseCache } from '../markdown/parse';
import type { AnyRule, FindingSeverity, Fix, RelatedLocation, Report, Severity, Span } from './rule';
import { parseDirectives, Suppressions, UNUSED_DIRECTIVE, unknownRuleProblems, unusedDirectiveProblems } from './directives';
import { forgetPlaceholders } from '../story/placeholder';
import { DEFAULT_SETTINGS, type Settings } from '../story/settings';
import { buildStories, type ParsedFile } from '../story/build';
import { isOutcomesFile } from '../config/select';
import { detectEol, LineIndex } from '../markdown/text';
import { activeRules } from './active-rules';
import { BacklogState } from './backlog-state';
import { sectionLayoutOf } from './fixes';
import { positionOf, problemFinding, ruleFailure, toFinding } from './findings';
import { storyScore } from './score';
import type { StoryFindingsMemo } from './story-findings-memo';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedFinding extends RelatedLocation, Position {}

export interface Finding extends Position {
  ruleId: string;
  messageId: string;
  severity: FindingSeverity;
  message: string;
  span: Span;
  /** Index of the story in its file's `stories`, when the finding belongs to one. */
  storyIndex?: number;
  fix?: Fix;
  /** Offered in the editor only (see `Report.suggestions`). */
  suggestions?: Fix[];
  related?: RelatedFinding[];
}

export interface RuleSetting {
  severity: Severity;
  options?: Record<string, unknown>;
}

export interface LintOptions {
  /** The rules to run; the engine never picks them itself. */
  rules: readonly AnyRule[];
  /** Per-rule severity and options; a rule without an entry runs at its default severity. */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  settings?: Settings;
  /** Reuse parse trees across calls (the language server); the CLI parses each chunk once. */
  cache?: ParseCache;
  /**
   * Reuse story-rule findings of unchanged stories across calls (the language server). One memo
   * per configuration: it does not look at rule settings.
   */
  memo?: StoryFindingsMemo;
  /**
   * Report disable directives that silenced nothing, at this severity. lintBacklog reports them,
   * since only then has every rule run (see core/engine/directives.ts).
   */
  reportUnusedDirectives?: FindingSeverity;
}

export interface FileResult {
  filePath: string;
  text: string;
  parsed: ParsedFile;
  stories: Story[];
  findings: Finding[];
  /** Quality score 0-100 per story, same order as `stories`. */
  scores: number[];
  lines: LineIndex;
  /** Inline directives of the file and what they silenced. */
  suppressions: Suppressions;
  /** Findings silenced by directives (not in `findings`). */
  suppressed: Finding[];
  /**
   * Set on a result kept for the backlog only (leanResult): its stories have no `criteria` and
   * their sections no `content`.
   */
  lean?: true;
}

/**
 * What a cache keeps of a file's analysis (the CLI's --cache): its stories and the findings of the
 * story rules before directives. Valid only for the same text, config and storylint version.
 */
export interface ReusedAnalysis {
  parsed: Omit<ParsedFile, 'text'>;
  storyFindings: Finding[];
}

/**
 * The shape of a ReusedAnalysis: a cache stored under another one is not read. 2: plain-text
 * offsets as runs (core/markdown/offsets.ts), no longer one number per unit.
 */
export const ANALYSIS_FORMAT = 2;

/** The analysis of a result that a cache can store; see ReusedAnalysis. */
export function reusableAnalysis(result: FileResult, rules: readonly AnyRule[]): ReusedAnalysis {
  const storyRules = new Set(rules.filter((rule) => rule.scope === 'story').map((rule) => rule.name));
  const { text: _text, ...parsed } = result.parsed;
  const storyFindings = [...result.findings, ...result.suppressed].filter((finding) => storyRules.has(finding.ruleId));
  return { parsed, storyFindings };
}

/**
 * Builds the story model of one file and runs the story rules on it. Backlog rules run later.
 * With `reuse` (a cache hit) the parse and the story rules are skipped; directives still apply.
 */
export function lintFile(filePath: string, text: string, options: LintOptions, reuse?: ReusedAnalysis): FileResult {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const parsed: ParsedFile = reuse ? { ...reuse.parsed, text } : buildStories(text, { settings, cache: options.cache, outcomesFile: isOutcomesFile(settings, filePath) });
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const suppressions = new Suppressions(parseDirectives(parsed.comments, lines), parsed.stories);
  const result: FileResult = { filePath, text, parsed, stories: parsed.stories, findings, scores: [], lines, suppressions, suppressed: [] };

  for (const finding of reuse?.storyFindings ?? []) keep(result, finding);
  const storyRules = reuse ? [] : activeRules(options).flatMap((active) => (active.rule.scope === 'story' ? [{ ...active, rule: active.rule }] : []));
  const eol = detectEol(text);
  // The file's section order and style: a section fix follows them, so they key the memo too.
  const sectionLayout = storyRules.length > 0 ? sectionLayoutOf(parsed.stories) : undefined;
  const layoutKey = sectionLayout ? `${sectionLayout.order.join(',')}${sectionLayout.leadIns ? ' lead-ins' : ''}` : '';
  parsed.stories.forEach((story, storyIndex) => {
    if (storyRules.length === 0) return;
    // A story whose text (and place at the end of the file or not) is unchanged has the same
    // findings as last time, shifted: an edit re-checks only the stories it touched.
    const key = options.memo && `${story.kind}\u0000${eol}\u0000${layoutKey}\u0000${story.span[1] === text.length}\u0000${text.slice(story.span[0], story.span[1])}`;
    const remembered = key ? options.memo!.get(key, story.span[0]) : undefined;
    if (remembered) {
      for (const finding of remembered) {
        const related = finding.related?.map((location) => ({ ...location, ...positionOf(lines, location.span) }));
        keep(result, { ...finding, ...positionOf(lines, finding.span), storyIndex, ...(related ? { related } : {}) });
      }
      return;
    }
    const own: Finding[] = [];
    for (const { rule, severity, options: ruleOptions } of storyRules) {
      // Outcomes are checked only by the rules that say so; they have no story sections to require.
      if (story.kind === 'outcome' ? !rule.checksOutcomes : rule.needsSections && !settings.requireSectionsFor.includes(story.kind)) continue;
      const report = (r: Report<string>): void => {
        own.push(toFinding(result, rule, severity, r, storyIndex));
      };
      try {
        rule.check({ story, text, options: ruleOptions, settings, sectionLayout, report });
      } catch (error) {
        own.push(ruleFailure(result, rule, story, storyIndex, error));
      }
    }
    if (key) options.memo!.set(key, story.span[0], own);
    for (const finding of own) keep(result, finding);
  });
  forgetPlaceholders();
  const knownRules = new Set(options.rules.map((rule) => rule.name));
  for (const problem of unknownRuleProblems(suppressions.directives, knownRules)) findings.push(problemFinding(result, problem));
  finish(result, options.rules);
  return result;
}

/**
 * The result without what only the story rules read, once they have run: the stories' criteria and
 * their sections' contents, which take about a seventh of a scanned backlog's memory (the
 * texts and offsets of every criterion and section). What stays is what the backlog rules
 * (BacklogStory), the findings and the backlog report use. The properties are absent, not empty:
 * a reader that needs them fails loudly instead of seeing a story without criteria. The language
 * server keeps this for the files it scanned and are not open, and lints a file again in full when
 * it is opened.
 */
export function leanResult(result: FileResult): FileResult {
  // Absent on purpose (see above): a lean story is a BacklogStory that stands in for a Story.
  const stories = result.stories.map(({ criteria: _criteria, ...story }) => ({
    ...story,
    sections: story.sections.map(({ content: _content, ...section }) => section),
  })) as unknown as Story[];
  return { ...result, parsed: { ...result.parsed, stories }, stories, lean: true };
}

/** Adds a finding unless an inline directive silences it. */
function keep(result: FileResult, finding: Finding): void {
  if (result.suppressions.suppress(finding)) result.suppressed.push(finding);
  else result.findings.push(finding);
}

/** Runs the backlog rules (uniqueness, uniform template) across every file linted together. */
export function lintBacklog(results: readonly FileResult[], options: LintOptions): void {
  const state = new BacklogState(options);
  const touched = new Set<FileResult>();
  state.update(results.map((result, rank) => ({ result, rank })));
  for (const result of results) {
    const findings = state.findingsOf(result.filePath);
    for (const finding of findings) keep(result, finding);
    if (findings.length > 0) touched.add(result);
  }
  if (options.reportUnusedDirectives) {
    const knownRules = new Set(options.rules.map((rule) => rule.name));
    for (const result of results) {
      // Idempotent: a second lintBacklog over the same results replaces the earlier report.
      const findings = result.findings.filter((finding) => finding.ruleId !== UNUSED_DIRECTIVE);
      const problems = unusedDirectiveProblems(result.suppressions.directives, options.reportUnusedDirectives, knownRules);
      if (problems.length === 0 && findings.length === result.findings.length) continue;
      result.findings = [...findings, ...problems.map((problem) => problemFinding(result, problem))];
      touched.add(result);
    }
  }
  for (const result of touched) finish(result, options.rules);
}

/**
 * A copy of a story result with backlog findings added (directives applied), ordered and scored;
 * without any, the result itself (lintFile ordered and scored it): most files of a backlog have
 * none, and a copy each would be two results per file.
 */
export function withBacklogFindings(result: FileResult, findings: readonly Finding[], rules: readonly AnyRule[]): FileResult {
  if (findings.length === 0) return result;
  const copy = { ...result, findings: [...result.findings], suppressed: [...result.suppressed], scores: [...result.scores] };
  for (const finding of findings) keep(copy, finding);
  finish(copy, rules);
  return copy;
}

/** Lints several files as one backlog: story rules per file, then backlog rules across them. */
export function lintFiles(files: readonly { filePath: string; text: string }[], options: LintOptions): FileResult[] {
  const results = files.map((file) => lintFile(file.filePath, file.text, options));
  lintBacklog(results, options);
  return results;
}

/**
 * Orders findings by position, then by the rules' registry order: at the same place, fixes apply
 * in that order too (a statement skeleton goes in before appended sections).
 */
function finish(result: FileResult, rules: readonly AnyRule[]): void {
  const order = new Map(rules.map((rule, index) => [rule.name, index]));
  const rank = (finding: Finding): number => order.get(finding.ruleId) ?? rules.length;
  result.findings.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || rank(a) - rank(b));
  // One pass over the findings: filtering them per story is quadratic on a big export.
  const byStory: Pick<Finding, 'severity'>[][] = result.stories.map(() => []);
  for (const finding of result.findings) if (finding.storyIndex !== undefined) byStory[finding.storyIndex]?.push(finding);
  result.scores = byStory.map(storyScore);
}

