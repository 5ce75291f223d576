import type { Story } from '../story/model';
import { DEFAULT_SETTINGS, type Settings } from '../story/settings';
import { appendAll, detectEol } from '../markdown/text';
import type { AnyRule, BacklogEntry, Report } from './rule';
import type { FileResult, Finding, LintOptions } from './lint';
import { type ActiveRule, activeRules } from './active-rules';
import { ruleFailure, sameFindings, toFinding } from './findings';
import { NeighbourIndex } from './neighbour-index';
import { type Shift, shiftedFinding } from './story-shifts';

/** A story of the backlog, with where it lives and its place in the backlog's order. */
interface LinkedEntry extends BacklogEntry {
  result: FileResult;
  storyIndex: number;
  /** Files in backlog order, stories in file order: rules see entries sorted by it. */
  order: number;
}

/** A rule of the backlog, as BacklogState runs it. */
type AnyBacklogRule = Extract<AnyRule, { scope: 'backlog' }>;

/** Stories per file are far fewer than this, so file order and story index make one number. */
const STORIES_PER_FILE = 2 ** 21;

interface RuleState {
  active: ActiveRule;
  index: NeighbourIndex<LinkedEntry>;
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
 * own, as the parse cache's key in core/story/build.ts has it). BacklogState.keptEntries compares the same.
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
    const eol = detectEol(result.text);
    const entries = result.stories.map((story, storyIndex): LinkedEntry => {
      const line = result.lines.position(story.titleSpan[0]).line;
      const order = rank * STORIES_PER_FILE + storyIndex;
      const entry = kept[storyIndex];
      if (!entry) {
        const added: LinkedEntry = { filePath: result.filePath, story, line, result, storyIndex, order, eol };
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
      entry.eol = eol;
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

  private recheck(state: RuleState, changes: Changes, touched: Set<string>): void {
    const { rule } = state.active;
    if (rule.scope !== 'backlog') return;
    const component = this.toRecheck(state, rule, changes, touched);
    if (component.length > 0) this.check(state, rule, component, touched);
  }

  /**
   * Brings a rule's members, neighbour index and tally up to date with an update's changes,
   * shifts the spans into shifted stories, and returns the entries to re-check.
   */
  private toRecheck(state: RuleState, rule: AnyBacklogRule, changes: Changes, touched: Set<string>): LinkedEntry[] {
    // Declared outcomes are entries only of the rules that check them (RuleBase.checksOutcomes).
    const { gone, added, moved, shifts } = rule.checksOutcomes ? changes : withoutOutcomes(changes);
    const { index, findings, members, counts } = state;
    const { options } = state.active;
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
    if (first || outcomeChanged || (!neighbourhood && !tally)) return [...members];
    // Added entries have no findings yet, gone ones none any more: the spans to shift are the kept entries'.
    if (shifts.size > 0) this.shiftFindings(state, shifts, touched);
    // Neighbours of a gone entry that is gone too (a file's own stories) are no longer stories;
    // a moved story's line shows only in findings it has (BacklogRule.neighbourhood).
    const start = [...added];
    for (const entry of changed) if (members.has(entry)) start.push(entry);
    for (const entry of moved) if (findings.has(entry)) start.push(entry);
    return neighbourhood ? index.linkedTo(start) : [...new Set(start)];
  }

  /** Checks `component` (linked entries) with the rule and keeps its findings; `touched` gets the files whose findings changed. */
  private check(state: RuleState, rule: AnyBacklogRule, component: LinkedEntry[], touched: Set<string>): void {
    const { findings, members, counts } = state;
    const { severity, options } = state.active;
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

/** Adds `delta` to the count of `key` (none when undefined); a count of 0 is no key. */
function count(counts: Map<string, number>, key: string | undefined, delta: number): void {
  if (key === undefined) return;
  const n = (counts.get(key) ?? 0) + delta;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

const isStoryEntry = (entry: LinkedEntry): boolean => entry.story.kind !== 'outcome';

function withoutOutcomes(changes: Changes): Changes {
  return { ...changes, gone: changes.gone.filter(isStoryEntry), added: changes.added.filter(isStoryEntry), moved: changes.moved.filter(isStoryEntry) };
}
