import type { Story } from '../story/model';
import { type ParseCache, RecentMap } from '../markdown/parse';
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
import { forgetPlaceholders } from '../story/placeholder';
import { DEFAULT_SETTINGS, type Settings } from '../story/settings';
import { buildStories, type ParsedFile } from '../story/build';
import { appendAll, detectEol, isHighSurrogate, isLowSurrogate, LineIndex } from '../markdown/text';

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

interface RuleState {
  active: ActiveRule;
  index: NeighbourIndex;
  findings: Map<LinkedEntry, Finding[]>;
  /** The rule's stories, and whether they are filed under their neighbour keys yet. */
  members: Set<LinkedEntry>;
  indexed: boolean;
  examined: number;
  /** A rule with a tally: its counts over `members`, and the outcome they give. */
  counts: Map<string, number>;
  outcome: string;
  /**
   * Per file, the entries of other files whose findings point into it (`related`), to shift those
   * spans when its stories shift; built by the first update that needs it.
   */
  pointers?: Map<string, Set<LinkedEntry>>;
}

/**
 * A kept story that moved along its line (an edit earlier on the line or in the lines above kept
 * every line break): `[start, end)` is where it was, `delta` how far it went. Its lines and
 * columns are unchanged; only spans into it change.
 */
interface Shift {
  start: number;
  end: number;
  delta: number;
}

/**
 * What an update changes in the backlog: stories gone, stories new, kept stories that moved to
 * another line, column or place in the backlog order, and per file the kept stories that shifted.
 */
interface Changes {
  gone: LinkedEntry[];
  added: LinkedEntry[];
  moved: LinkedEntry[];
  shifts: Map<string, Shift[]>;
}

/**
 * What a story of an edited file is matched on with the entry it had: its text, and what of its
 * surroundings the story model depends on besides (its kind; which heading of the text is its
 * own, as the parse cache's key in core/story.ts has it). BacklogState.keptEntries compares the same.
 */
const storyText = (text: string, story: Pick<Story, 'kind' | 'span' | 'titleSpan'>): string => `${story.kind}\u0000${story.titleSpan[0] - story.span[0]}\u0000${text.slice(story.span[0], story.span[1])}`;

/**
 * The backlog rules' findings over a set of files, kept up to date as files change: the CLI gives
 * it every file once, the language server each changed file on every pass. A change re-checks,
 * per rule, only the stories linked to it through the rule's `neighbourhood` keys, or for a rule
 * with a `tally` the changed stories while the tally's outcome stays (any other rule: every
 * story), so a keystroke costs what it touches, and the findings equal a check of the whole
 * backlog (tests/backlog-state.test.ts). A story of a changed file whose text is unchanged keeps
 * its entry: if it moved to another line and has findings it is re-checked, if it only shifted
 * along its line the spans pointing into it are shifted (see BacklogRule.neighbourhood).
 */
export class BacklogState {
  private readonly files = new Map<string, { result: FileResult; entries: LinkedEntry[] }>();
  private readonly rules: RuleState[];
  private readonly settings: Settings;

  constructor(options: LintOptions) {
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.rules = activeRules(options)
      .filter((active) => active.rule.scope === 'backlog')
      .map((active) => ({ active, index: new NeighbourIndex(), findings: new Map(), members: new Set(), indexed: false, examined: 0, counts: new Map(), outcome: '' }));
  }

  /** Stories a rule's checks have looked at so far: tests count work with it, not time. */
  examined(ruleName: string): number {
    return this.rules.find((state) => state.active.rule.name === ruleName)?.examined ?? 0;
  }

  /** The result the state holds for a file (the one it last got). */
  resultOf(filePath: string): FileResult | undefined {
    return this.files.get(filePath)?.result;
  }

  /**
   * Takes new or changed files (`rank`: the file's place in the backlog) and the paths of files
   * gone, re-checks what they touch, and returns the paths whose backlog findings changed
   * (every changed file among them).
   */
  update(changed: readonly { result: FileResult; rank: number }[], removed: readonly string[] = []): Set<string> {
    const touched = new Set<string>(changed.map(({ result }) => result.filePath));
    const changes: Changes = { gone: [], added: [], moved: [], shifts: new Map() };
    for (const filePath of removed) {
      const file = this.files.get(filePath);
      if (!file) continue;
      appendAll(changes.gone, file.entries);
      this.files.delete(filePath);
    }
    for (const { result, rank } of changed) {
      const entries = this.entriesOf(result, rank, changes);
      this.files.set(result.filePath, { result, entries });
    }
    for (const state of this.rules) this.recheck(state, changes, touched);
    return touched;
  }

  /** The backlog findings of a file's stories. */
  findingsOf(filePath: string): Finding[] {
    const entries = this.files.get(filePath)?.entries ?? [];
    return this.rules.flatMap((state) => entries.flatMap((entry) => state.findings.get(entry) ?? []));
  }

  /**
   * The entries of a new or changed file. A story whose text the file had before keeps its entry
   * (updated in place: it stays filed where it is, its findings stay), listed in `moved` if it
   * now starts on another line or column or has another place in the order, in `shifts` if only
   * its offset changed; the others are `added`, and old entries left over are `gone`.
   */
  private entriesOf(result: FileResult, rank: number, changes: Changes): LinkedEntry[] {
    const old = this.files.get(result.filePath);
    const kept = old ? this.keptEntries(old, result) : [];
    const shifts: Shift[] = [];
    const entries = result.stories.map((story, storyIndex): LinkedEntry => {
      const line = result.lines.position(story.titleSpan[0]).line;
      const order = rank * STORIES_PER_FILE + storyIndex;
      const entry = kept[storyIndex];
      if (!entry) {
        const added: LinkedEntry = { filePath: result.filePath, story, line, result, storyIndex, order };
        changes.added.push(added);
        return added;
      }
      // Same line, column and order: every line and column in the story is as it was, and so is
      // every finding but for the spans into it when its offset changed.
      const was = entry.result.lines.position(entry.story.span[0]);
      const start = result.lines.position(story.span[0]);
      if (was.line !== start.line || was.column !== start.column || entry.order !== order) changes.moved.push(entry);
      else if (entry.story.span[0] !== story.span[0]) shifts.push({ start: entry.story.span[0], end: entry.story.span[1], delta: story.span[0] - entry.story.span[0] });
      entry.story = story;
      entry.result = result;
      entry.storyIndex = storyIndex;
      entry.line = line;
      entry.order = order;
      return entry;
    });
    if (old) {
      const taken = new Set(kept);
      for (const entry of old.entries) if (!taken.has(entry)) changes.gone.push(entry);
    }
    if (shifts.length > 0) changes.shifts.set(result.filePath, shifts.sort((a, b) => a.start - b.start));
    return entries;
  }

  /**
   * Per story of a changed file, the file's old entry with the same story text, if any. An edit
   * leaves most stories before and after it as they were: those are matched in order, only the
   * rest by text (identical stories in file order).
   */
  private keptEntries(old: { result: FileResult; entries: readonly LinkedEntry[] }, result: FileResult): (LinkedEntry | undefined)[] {
    const kept = new Array<LinkedEntry | undefined>(result.stories.length);
    const { entries } = old;
    const { stories } = result;
    const same = (entry: LinkedEntry, story: Story): boolean => {
      const was = entry.story;
      return (
        was.kind === story.kind &&
        was.span[1] - was.span[0] === story.span[1] - story.span[0] &&
        was.titleSpan[0] - was.span[0] === story.titleSpan[0] - story.span[0] &&
        old.result.text.slice(was.span[0], was.span[1]) === result.text.slice(story.span[0], story.span[1])
      );
    };
    let head = 0;
    while (head < entries.length && head < stories.length && same(entries[head]!, stories[head]!)) kept[head] = entries[head++];
    let tail = 0;
    while (tail < entries.length - head && tail < stories.length - head && same(entries[entries.length - 1 - tail]!, stories[stories.length - 1 - tail]!)) {
      kept[stories.length - 1 - tail] = entries[entries.length - 1 - tail];
      tail++;
    }
    if (head + tail === entries.length || head + tail === stories.length) return kept;
    const byText = new Map<string, { queue: LinkedEntry[]; next: number }>();
    for (let i = head; i < entries.length - tail; i++) {
      const key = storyText(old.result.text, entries[i]!.story);
      const held = byText.get(key);
      if (held) held.queue.push(entries[i]!);
      else byText.set(key, { queue: [entries[i]!], next: 0 });
    }
    for (let i = head; i < stories.length - tail; i++) {
      const held = byText.get(storyText(result.text, stories[i]!));
      if (held && held.next < held.queue.length) kept[i] = held.queue[held.next++];
    }
    return kept;
  }

  /**
   * Moves the spans of findings that point into stories which shifted along their line: the
   * findings of the file's own stories, and those of other files' stories that point into it
   * (BacklogRule.neighbourhood: spans lie in the stories of an entry and of entries linked to it).
   */
  private shiftFindings(state: RuleState, shifts: ReadonlyMap<string, readonly Shift[]>, touched: Set<string>): void {
    const { findings } = state;
    if (findings.size === 0) return;
    const pointers = this.pointersOf(state);
    for (const [filePath, list] of shifts) {
      const holders = new Set<LinkedEntry>();
      for (const entry of this.files.get(filePath)?.entries ?? []) if (findings.has(entry)) holders.add(entry);
      for (const entry of pointers.get(filePath) ?? []) holders.add(entry);
      for (const entry of holders) {
        const before = findings.get(entry)!;
        const now = before.map((finding) => shiftedFinding(finding, entry.filePath, filePath, list));
        if (now.every((finding, index) => finding === before[index])) continue;
        findings.set(entry, now);
        touched.add(entry.filePath);
      }
    }
  }

  private pointersOf(state: RuleState): Map<string, Set<LinkedEntry>> {
    if (!state.pointers) {
      state.pointers = new Map();
      for (const [entry, list] of state.findings) point(state.pointers, entry, list, 1);
    }
    return state.pointers;
  }

  /** Sets an entry's findings (none: deletes them), keeping the rule's pointers up to date. */
  private setFindings(state: RuleState, entry: LinkedEntry, now: readonly Finding[]): void {
    if (state.pointers) {
      const before = state.findings.get(entry);
      if (before) point(state.pointers, entry, before, -1);
      point(state.pointers, entry, now, 1);
    }
    if (now.length === 0) state.findings.delete(entry);
    else state.findings.set(entry, now as Finding[]);
  }

  private recheck(state: RuleState, { gone, added, moved, shifts }: Changes, touched: Set<string>): void {
    const { active, index, findings, members, counts } = state;
    const { rule, severity, options } = active;
    if (rule.scope !== 'backlog') return;
    const { neighbourhood, tally } = rule;
    // The first update (all the CLI ever makes) checks everything at once: the neighbour index is
    // built only when a second update needs it, so a one-shot run never pays for it.
    const first = members.size === 0;
    if (neighbourhood && !first && !state.indexed) {
      for (const entry of members) index.add(entry, neighbourhood(entry, options));
      state.indexed = true;
    }
    const changed: LinkedEntry[] = [];
    for (const entry of gone) {
      index.remove(entry, changed);
      members.delete(entry);
      this.setFindings(state, entry, []);
      if (tally) count(counts, tally.key(entry, options), -1);
    }
    for (const entry of added) {
      members.add(entry);
      if (state.indexed) index.add(entry, neighbourhood!(entry, options));
      if (tally) count(counts, tally.key(entry, options), 1);
    }
    let outcomeChanged = false;
    if (tally) {
      const outcome = tally.outcome(counts, options);
      outcomeChanged = outcome !== state.outcome;
      state.outcome = outcome;
    }
    let component: LinkedEntry[];
    if (first || outcomeChanged || (!neighbourhood && !tally)) component = [...members];
    else {
      // Added entries have no findings yet, gone ones none any more: the spans to shift are the kept entries'.
      if (shifts.size > 0) this.shiftFindings(state, shifts, touched);
      // Neighbours of a gone entry that is gone too (a file's own stories) are no longer stories;
      // a moved story's line shows only in findings it has (BacklogRule.neighbourhood).
      const start = [...added];
      for (const entry of changed) if (members.has(entry)) start.push(entry);
      for (const entry of moved) if (findings.has(entry)) start.push(entry);
      component = neighbourhood ? index.linkedTo(start) : [...new Set(start)];
    }
    if (component.length === 0) return;
    component.sort((a, b) => a.order - b.order);
    state.examined += component.length;
    const reported = new Map<LinkedEntry, Finding[]>();
    const report = (entry: BacklogEntry, r: Report<string>): void => {
      const owner = entry as LinkedEntry;
      if (!members.has(owner)) return;
      const list = reported.get(owner) ?? [];
      list.push(toFinding(owner.result, rule, severity, r, owner.storyIndex, (filePath) => this.files.get(filePath)?.result));
      reported.set(owner, list);
    };
    try {
      rule.check({ stories: component, counts, options, settings: this.settings, report });
    } catch (error) {
      const head = component[0];
      if (head) reported.set(head, [ruleFailure(head.result, rule, head.story, head.storyIndex, error)]);
    }
    // Entries without findings before or now are unchanged: compare only the others (a
    // whole-backlog check reports on few of its thousands of stories).
    const compared = new Set<LinkedEntry>(reported.keys());
    if (component.length === members.size) for (const entry of findings.keys()) compared.add(entry);
    else for (const entry of component) if (findings.has(entry)) compared.add(entry);
    for (const entry of compared) {
      const now = reported.get(entry) ?? [];
      const before = findings.get(entry) ?? [];
      // Set even when equal: a finding's story index is not part of the comparison.
      this.setFindings(state, entry, now);
      if (!sameFindings(before, now)) touched.add(entry.filePath);
    }
  }
}

/** Adds (`delta` 1) or removes (-1) an entry as pointing into the other files its findings point into. */
function point(pointers: Map<string, Set<LinkedEntry>>, entry: LinkedEntry, findings: readonly Finding[], delta: 1 | -1): void {
  for (const finding of findings) {
    for (const related of finding.related ?? []) {
      if (related.filePath === entry.filePath) continue;
      let set = pointers.get(related.filePath);
      if (delta === 1) {
        if (!set) pointers.set(related.filePath, (set = new Set()));
        set.add(entry);
      } else if (set) {
        set.delete(entry);
        if (set.size === 0) pointers.delete(related.filePath);
      }
    }
  }
}

/** A span of `filePath` moved with the shifted story it lies in (the last one starting at or before it). */
function shiftedSpan(span: Span, shifts: readonly Shift[]): Span {
  let low = 0;
  let high = shifts.length - 1;
  let found: Shift | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (shifts[middle]!.start <= span[0]) {
      found = shifts[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && span[1] <= found.end ? [span[0] + found.delta, span[1] + found.delta] : span;
}

/** The finding (of a story in `ownFile`) with its spans into `filePath` shifted; itself if none moved. */
function shiftedFinding(finding: Finding, ownFile: string, filePath: string, shifts: readonly Shift[]): Finding {
  let moved = false;
  const shift = <T extends { span: Span }>(located: T): T => {
    const span = shiftedSpan(located.span, shifts);
    if (span === located.span) return located;
    moved = true;
    return { ...located, span };
  };
  const own = ownFile === filePath;
  const { span } = own ? shift(finding) : finding;
  const edits = own ? finding.fix?.edits.map(shift) : undefined;
  const related = finding.related?.map((location) => (location.filePath === filePath ? shift(location) : location));
  if (!moved) return finding;
  return { ...finding, span, ...(edits ? { fix: { ...finding.fix!, edits } } : {}), ...(related ? { related } : {}) };
}

/** Adds `delta` to the count of `key` (none when undefined); a count of 0 is no key. */
function count(counts: Map<string, number>, key: string | undefined, delta: number): void {
  if (key === undefined) return;
  const n = (counts.get(key) ?? 0) + delta;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
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
  private readonly records = new Map<LinkedEntry, IndexRecord>();
  /** Entries by id; ids of removed entries are reused. */
  private readonly entries: (LinkedEntry | undefined)[] = [];
  private readonly freeIds: number[] = [];

  add(entry: LinkedEntry, neighbourhood: Neighbourhood): void {
    if (this.records.has(entry)) return;
    const id = this.freeIds.pop() ?? this.entries.length;
    const record = { id, keys: foldedKeys(neighbourhood.keys), probes: foldedKeys(neighbourhood.probes ?? []) };
    this.entries[id] = entry;
    this.records.set(entry, record);
    for (const key of record.keys) this.filed.add(key, id);
    for (const key of record.probes) this.probing.add(key, id);
  }

  /** Removes an entry; `linked` receives the entries it was linked to (their findings may change). */
  remove(entry: LinkedEntry, linked: LinkedEntry[]): void {
    const record = this.records.get(entry);
    if (!record) return;
    const { id } = record;
    this.records.delete(entry);
    for (const key of record.keys) this.filed.delete(key, id);
    for (const key of record.probes) this.probing.delete(key, id);
    this.entries[id] = undefined;
    this.freeIds.push(id);
    this.forEachNeighbour(record, (other) => linked.push(other));
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
      if (record) this.forEachNeighbour(record, visit);
    }
    return [...seen];
  }

  private forEachNeighbour({ keys, probes }: IndexRecord, visit: (entry: LinkedEntry) => void): void {
    const byId = (id: number): void => visit(this.entries[id]!);
    for (const key of keys) {
      this.filed.forEach(key, byId);
      this.probing.forEach(key, byId);
    }
    for (const key of probes) this.filed.forEach(key, byId);
  }
}

/** An indexed entry's id and its neighbourhood folded (foldKey), each key once: 4 bytes a key. */
interface IndexRecord {
  id: number;
  keys: Int32Array;
  probes: Int32Array;
}

const foldedKeys = (keys: readonly NeighbourKey[]): Int32Array => Int32Array.from(new Set(keys.map(foldKey)));

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
/** Whether two lists hold the same findings in the same order: rule, message, severity, place, related. */
export const sameFindings = (a: readonly Finding[], b: readonly Finding[]): boolean => a.length === b.length && a.every((finding, index) => findingKey(finding) === findingKey(b[index]!));

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
 * only moved (an edit above it) gets its findings back shifted. Bounded: the recently used stay.
 */
export class StoryFindingsMemo {
  /** `entries`: where to keep them, e.g. a ParseCache's values derived for one config. */
  constructor(private readonly entries: RecentMap<string, unknown> = new RecentMap(20_000)) {}

  get(key: string, start: number): Finding[] | undefined {
    const relative = this.entries.get(key) as Finding[] | undefined;
    return relative?.map((finding) => shiftFinding(finding, start));
  }

  set(key: string, start: number, findings: readonly Finding[]): void {
    this.entries.set(key, findings.map((finding) => shiftFinding(finding, -start)));
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
