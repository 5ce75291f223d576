import type { Story } from './model';
import type { ParseCache } from './parse';
import {
  type AnyRule,
  type BacklogEntry,
  defaultOptions,
  type FindingSeverity,
  type Fix,
  type NeighbourKey,
  type Neighbourhood,
  formatMessage,
  type RelatedLocation,
  type Report,
  type Severity,
  type Span,
} from './rule';
import { type DirectiveProblem, parseDirectives, Suppressions, UNUSED_DIRECTIVE, unknownRuleProblems, unusedDirectiveProblems } from './directives';
import { KeyTable } from './key-table';
import { forgetPlaceholders } from './placeholder';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { buildStories, type ParsedFile } from './story';
import { appendAll, detectEol, isHighSurrogate, isLowSurrogate, LineIndex } from './text';

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
   * since only then has every rule run (see core/directives.ts).
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

interface ActiveRule {
  rule: AnyRule;
  severity: FindingSeverity;
  options: Record<string, unknown>;
}

function activeRules(options: LintOptions): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of options.rules) {
    const setting = options.ruleSettings?.[rule.name];
    const severity = setting?.severity ?? rule.severity;
    if (severity === 'off') continue;
    active.push({ rule, severity, options: { ...defaultOptions(rule.options), ...setting?.options } });
  }
  return active;
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
 * offsets as runs (core/offsets.ts), no longer one number per unit.
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
  const parsed: ParsedFile = reuse ? { ...reuse.parsed, text } : buildStories(text, { settings, cache: options.cache });
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const suppressions = new Suppressions(parseDirectives(parsed.comments, lines), parsed.stories);
  const result: FileResult = { filePath, text, parsed, stories: parsed.stories, findings, scores: [], lines, suppressions, suppressed: [] };

  for (const finding of reuse?.storyFindings ?? []) keep(result, finding);
  const storyRules = reuse ? [] : activeRules(options).flatMap((active) => (active.rule.scope === 'story' ? [{ ...active, rule: active.rule }] : []));
  const eol = detectEol(text);
  parsed.stories.forEach((story, storyIndex) => {
    if (storyRules.length === 0) return;
    // A story whose text (and place at the end of the file or not) is unchanged has the same
    // findings as last time, shifted: an edit re-checks only the stories it touched.
    const key = options.memo && `${story.kind}\u0000${eol}\u0000${story.span[1] === text.length}\u0000${text.slice(story.span[0], story.span[1])}`;
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
      if (rule.needsSections && !settings.requireSectionsFor.includes(story.kind)) continue;
      const report = (r: Report<string>): void => {
        own.push(toFinding(result, rule, severity, r, storyIndex));
      };
      try {
        rule.check({ story, text, options: ruleOptions, settings, report });
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

function problemFinding(result: FileResult, problem: DirectiveProblem): Finding {
  return { ...problem, message: pooled(problem.message), messageId: problem.ruleId, ...positionOf(result.lines, problem.span) };
}

/** A story of the backlog, with where it lives and its place in the backlog's order. */
interface LinkedEntry extends BacklogEntry {
  result: FileResult;
  storyIndex: number;
  /** Files in backlog order, stories in file order: rules see entries sorted by it. */
  order: number;
}

/** Stories per file are far fewer than this, so file order and story index make one number. */
const STORIES_PER_FILE = 2 ** 21;

/**
 * The backlog rules' findings over a set of files, kept up to date as files change: the CLI gives
 * it every file once, the language server each changed file on every pass. A change re-checks,
 * per rule, only the stories linked to it through the rule's `neighbourhood` keys (a rule without
 * one: every story), so a keystroke costs what it touches, and the findings equal a check of the
 * whole backlog (tests/backlog-state.test.ts).
 */
export class BacklogState {
  private readonly files = new Map<string, { result: FileResult; entries: LinkedEntry[] }>();
  private readonly rules: {
    active: ActiveRule;
    index: NeighbourIndex;
    findings: Map<LinkedEntry, Finding[]>;
    /** The rule's stories, and whether they are filed under their neighbour keys yet. */
    members: Set<LinkedEntry>;
    indexed: boolean;
    examined: number;
  }[];
  private readonly settings: Settings;

  constructor(options: LintOptions) {
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.rules = activeRules(options)
      .filter((active) => active.rule.scope === 'backlog')
      .map((active) => ({ active, index: new NeighbourIndex(), findings: new Map(), members: new Set(), indexed: false, examined: 0 }));
  }

  /** Stories a rule's checks have looked at so far: tests count work with it, not time. */
  examined(ruleName: string): number {
    return this.rules.find((state) => state.active.rule.name === ruleName)?.examined ?? 0;
  }

  /** The result the state holds for a file (the one it last got). */
  resultOf(filePath: string): FileResult | undefined {
    return this.files.get(filePath)?.result;
  }

  /** Files the state holds. */
  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  /**
   * Takes new or changed files (`rank`: the file's place in the backlog) and the paths of files
   * gone, re-checks what they touch, and returns the paths whose backlog findings changed
   * (every changed file among them).
   */
  update(changed: readonly { result: FileResult; rank: number }[], removed: readonly string[] = []): Set<string> {
    const touched = new Set<string>(changed.map(({ result }) => result.filePath));
    const gone = [...removed, ...changed.map(({ result }) => result.filePath)].flatMap((filePath) => this.files.get(filePath)?.entries ?? []);
    for (const filePath of removed) this.files.delete(filePath);
    const added: LinkedEntry[] = [];
    for (const { result, rank } of changed) {
      const entries = result.stories.map((story, storyIndex) => ({
        filePath: result.filePath,
        story,
        line: result.lines.position(story.titleSpan[0]).line,
        result,
        storyIndex,
        order: rank * STORIES_PER_FILE + storyIndex,
      }));
      this.files.set(result.filePath, { result, entries });
      appendAll(added, entries);
    }
    for (const state of this.rules) this.recheck(state, gone, added, touched);
    return touched;
  }

  /** The backlog findings of a file's stories. */
  findingsOf(filePath: string): Finding[] {
    const entries = this.files.get(filePath)?.entries ?? [];
    return this.rules.flatMap((state) => entries.flatMap((entry) => state.findings.get(entry) ?? []));
  }

  private recheck(state: BacklogState['rules'][number], gone: readonly LinkedEntry[], added: readonly LinkedEntry[], touched: Set<string>): void {
    const { active, index, findings } = state;
    const { rule, severity, options } = active;
    if (rule.scope !== 'backlog') return;
    const neighbourhood = rule.neighbourhood;
    // The first update (all the CLI ever makes) checks everything at once: the neighbour index is
    // built only when a second update needs it, so a one-shot run never pays for it.
    const first = state.members.size === 0;
    if (neighbourhood && !first && !state.indexed) {
      for (const entry of state.members) index.add(entry, neighbourhood(entry, options));
      state.indexed = true;
    }
    const changed: LinkedEntry[] = [];
    for (const entry of gone) {
      index.remove(entry, changed);
      state.members.delete(entry);
      findings.delete(entry);
    }
    for (const entry of added) {
      state.members.add(entry);
      if (state.indexed) index.add(entry, neighbourhood!(entry, options));
    }
    // Neighbours of a gone entry that is gone too (a file's own stories) are no longer stories.
    const component = !neighbourhood || first ? [...state.members] : index.linkedTo([...added, ...changed.filter((entry) => state.members.has(entry))]);
    component.sort((a, b) => a.order - b.order);
    state.examined += component.length;
    const reported = new Map<LinkedEntry, Finding[]>();
    const report = (entry: BacklogEntry, r: Report<string>): void => {
      const owner = entry as LinkedEntry;
      if (!state.members.has(owner)) return;
      const list = reported.get(owner) ?? [];
      list.push(toFinding(owner.result, rule, severity, r, owner.storyIndex, (filePath) => this.files.get(filePath)?.result));
      reported.set(owner, list);
    };
    try {
      rule.check({ stories: component, options, settings: this.settings, report });
    } catch (error) {
      const head = component[0];
      if (head) reported.set(head, [ruleFailure(head.result, rule, head.story, head.storyIndex, error)]);
    }
    // Entries without findings before or now are unchanged: compare only the others (a
    // whole-backlog check reports on few of its thousands of stories).
    const inComponent = component.length === state.members.size ? undefined : new Set(component);
    const compared = new Set<LinkedEntry>(reported.keys());
    for (const entry of findings.keys()) if (!inComponent || inComponent.has(entry)) compared.add(entry);
    for (const entry of compared) {
      const now = reported.get(entry) ?? [];
      const before = findings.get(entry) ?? [];
      if (now.length === 0) findings.delete(entry);
      else findings.set(entry, now);
      if (!sameFindings(before, now)) touched.add(entry.filePath);
    }
  }

}

/**
 * Entries by the keys they are filed under and the keys they probe. Two entries are linked when
 * one's key is the other's key or probe. A backlog of 15,000 stories files about two million keys
 * (unique-story probes each statement with a word or two taken out), so the keys live in typed
 * arrays (KeyTable), folded to 30-bit numbers: two keys folded alike link entries that need not be,
 * which costs a re-check and never changes a finding (a check over more linked entries reports
 * the same for each).
 */
class NeighbourIndex {
  private readonly filed = new KeyTable();
  private readonly probing = new KeyTable();
  private readonly records = new Map<LinkedEntry, { id: number; neighbourhood: Neighbourhood }>();
  /** Entries by id; ids of removed entries are reused. */
  private readonly entries: (LinkedEntry | undefined)[] = [];
  private readonly freeIds: number[] = [];

  add(entry: LinkedEntry, neighbourhood: Neighbourhood): void {
    if (this.records.has(entry)) return;
    const id = this.freeIds.pop() ?? this.entries.length;
    this.entries[id] = entry;
    this.records.set(entry, { id, neighbourhood });
    for (const key of neighbourhood.keys) this.filed.add(foldKey(key), id);
    for (const key of neighbourhood.probes ?? []) this.probing.add(foldKey(key), id);
  }

  /** Removes an entry; `linked` receives the entries it was linked to (their findings may change). */
  remove(entry: LinkedEntry, linked: LinkedEntry[]): void {
    const record = this.records.get(entry);
    if (!record) return;
    const { id, neighbourhood } = record;
    this.records.delete(entry);
    for (const key of neighbourhood.keys) this.filed.delete(foldKey(key), id);
    for (const key of neighbourhood.probes ?? []) this.probing.delete(foldKey(key), id);
    this.entries[id] = undefined;
    this.freeIds.push(id);
    this.forEachNeighbour(neighbourhood, (other) => linked.push(other));
  }

  /** The entries linked to `start`, directly or through others (start included). */
  linkedTo(start: readonly LinkedEntry[]): LinkedEntry[] {
    const seen = new Set<LinkedEntry>();
    const pending = [...start];
    const visit = (other: LinkedEntry): void => {
      if (!seen.has(other)) pending.push(other);
    };
    while (pending.length > 0) {
      const entry = pending.pop()!;
      if (seen.has(entry)) continue;
      seen.add(entry);
      const record = this.records.get(entry);
      if (record) this.forEachNeighbour(record.neighbourhood, visit);
    }
    return [...seen];
  }

  private forEachNeighbour({ keys, probes = [] }: Neighbourhood, visit: (entry: LinkedEntry) => void): void {
    const byId = (id: number): void => visit(this.entries[id]!);
    for (const key of keys) {
      const folded = foldKey(key);
      this.filed.forEach(folded, byId);
      this.probing.forEach(folded, byId);
    }
    for (const key of probes) this.filed.forEach(foldKey(key), byId);
  }
}

const FOLDED_KEYS = 2 ** 30;

/** A neighbour key as a 30-bit number: a small integer as it is, anything else by a hash. */
function foldKey(key: NeighbourKey): number {
  if (typeof key === 'number') {
    if (Number.isInteger(key) && key >= 0 && key < FOLDED_KEYS) return key;
    if (Number.isSafeInteger(key)) return mix(Math.imul(mix(Math.floor(key / 2 ** 32) ^ 0x5bd1e995), 0x9e3779b1) ^ (key >>> 0));
    key = String(key);
  }
  // FNV-1a.
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return mix(hash);
}

/** 32 bits, well mixed, down to 30. */
function mix(value: number): number {
  let hash = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 2;
}


const findingKey = (finding: Finding): string => JSON.stringify([finding.ruleId, finding.message, finding.severity, finding.span, finding.line, finding.column, finding.related]);
const sameFindings = (a: readonly Finding[], b: readonly Finding[]): boolean => a.length === b.length && a.every((finding, index) => findingKey(finding) === findingKey(b[index]!));

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

function toFinding(
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
  if (report.related?.length) {
    finding.related = report.related.map((related) => {
      const other = (related.filePath === result.filePath ? result : resultOf(related.filePath)) ?? result;
      return { ...related, ...positionOf(other.lines, clampSpan(related.span, other.text.length)) };
    });
  }
  return finding;
}

function ruleFailure(result: FileResult, rule: AnyRule, story: Pick<Story, 'titleSpan'>, storyIndex: number, error: unknown): Finding {
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

export function positionOf(lines: LineIndex, span: Span): Position {
  const start = lines.position(span[0]);
  const end = lines.position(span[1]);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
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

/** Points a finding of each severity takes off a story's score of 100. */
export const SCORE_PENALTY: Readonly<Record<FindingSeverity, number>> = { error: 25, warning: 10, info: 3 };

/** 100 minus 25 per error, 10 per warning and 3 per info finding, never below 0. */
export function storyScore(findings: readonly Pick<Finding, 'severity'>[]): number {
  const penalty = findings.reduce((sum, finding) => sum + SCORE_PENALTY[finding.severity], 0);
  return Math.max(0, 100 - penalty);
}

/**
 * Story-rule findings by story text, stored relative to the story's start so that a story that
 * only moved (an edit above it) gets its findings back shifted. Bounded, least recently used out.
 */
export class StoryFindingsMemo {
  private readonly entries = new Map<string, Finding[]>();
  constructor(private readonly capacity = 20_000) {}

  get(key: string, start: number): Finding[] | undefined {
    const relative = this.entries.get(key);
    if (!relative) return undefined;
    this.entries.delete(key);
    this.entries.set(key, relative);
    return relative.map((finding) => shiftFinding(finding, start));
  }

  set(key: string, start: number, findings: readonly Finding[]): void {
    this.entries.set(key, findings.map((finding) => shiftFinding(finding, -start)));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

function shiftFinding(finding: Finding, delta: number): Finding {
  const shift = (span: Span): Span => [span[0] + delta, span[1] + delta];
  const shifted: Finding = { ...finding, span: shift(finding.span) };
  if (finding.fix) shifted.fix = { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...edit, span: shift(edit.span) })) };
  // Related locations of story rules point into the same file.
  if (finding.related) shifted.related = finding.related.map((related) => ({ ...related, span: shift(related.span) }));
  return shifted;
}
