import type { Section, Story, StoryKind } from '../story/model';
import type { SectionKind, Settings } from '../story/settings';
import type { SectionLayout } from './fixes';

/** A rule's configured level. `off` disables it. */
export type Severity = 'off' | 'info' | 'warning' | 'error';
/** The level a finding is reported with. */
export type FindingSeverity = Exclude<Severity, 'off'>;

/** [start, end) UTF-16 offsets into the file text. */
export type Span = readonly [start: number, end: number];

/** One replacement: the text in `span` becomes `text`. */
export interface Edit {
  span: Span;
  text: string;
}

/** A fix is a list of non-overlapping edits applied together. */
export interface Fix {
  /** Short imperative label, e.g. "Insert an Outcome section". */
  title: string;
  edits: Edit[];
}

export interface Report<M extends string> {
  messageId: M;
  span: Span;
  data?: Record<string, string>;
  fix?: Fix;
  /**
   * Changes offered in the editor but never applied by `--fix` or fix-on-save: they change what the
   * story says (a split into two stories), so a person chooses them (ESLint's `suggest`).
   */
  suggestions?: Fix[];
  /** Other places that explain the finding (e.g. the duplicate story). */
  related?: RelatedLocation[];
}

export interface RelatedLocation {
  filePath: string;
  span: Span;
  message: string;
}

/** Option descriptors are data: they give defaults, config validation and the JSON schema. */
export type OptionSpec =
  | { type: 'number'; default: number; minimum?: number; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string'; default: string; description: string }
  | { type: 'string[]'; default: readonly string[]; description: string };

export type OptionSpecs = Record<string, OptionSpec>;
export type OptionsOf<S extends OptionSpecs> = { [K in keyof S]: S[K]['default'] };

export interface StoryContext<S extends OptionSpecs, M extends string> {
  story: Story;
  /** The whole file text; spans index into it. */
  text: string;
  options: OptionsOf<S>;
  settings: Settings;
  /** How the file's stories lay out their sections (order, lead-ins), so a fix inserts a section as they do. */
  sectionLayout?: SectionLayout;
  report(report: Report<M>): void;
}

/**
 * A story as backlog rules see it: all but what only story rules read (the criteria and the
 * sections' contents). The language server keeps no more than this of the files it scanned and
 * are not open (leanResult in core/engine/lint.ts), so a backlog rule cannot depend on the rest.
 */
export type BacklogStory = Omit<Story, 'criteria' | 'sections'> & { sections: readonly Omit<Section, 'content'>[] };

/** A story as backlog rules see it: enough to compare stories across files. */
export interface BacklogEntry {
  filePath: string;
  story: BacklogStory;
  /** 1-based line of the story's title, so a message can name where the other story is. */
  line: number;
  /** The file's line ending, for a suggestion that inserts a line (BacklogState sets it). */
  eol?: '\n' | '\r\n';
}

export interface BacklogContext<S extends OptionSpecs, M extends string> {
  /** The stories to check, in backlog order: the whole backlog, or the part an edit is linked to. */
  stories: readonly BacklogEntry[];
  /**
   * For a rule with a `tally`: per key, how many stories of the whole backlog have it (not only
   * of `stories`), in no particular order. Empty for other rules.
   */
  counts: ReadonlyMap<string, number>;
  options: OptionsOf<S>;
  settings: Settings;
  report(entry: BacklogEntry, report: Report<M>): void;
}

interface RuleBase<S extends OptionSpecs, M extends string> {
  name: string;
  description: string;
  tags: readonly string[];
  fixable: boolean;
  severity: FindingSeverity;
  options: S;
  messages: Record<M, string>;
  /**
   * Section rules ask for outcome, problem and criteria sections; they apply only to the story
   * kinds listed in `requireSectionsFor` (heading and file stories by default).
   */
  needsSections?: boolean;
  /**
   * The rule also checks declared product outcomes (stories of kind `outcome`): a story rule runs
   * on them, a backlog rule sees them in `stories`. Without it the engine keeps them from the rule.
   */
  checksOutcomes?: boolean;
  /**
   * The build-trap question of the backlog report this rule answers (report/questions.ts holds the
   * questions' labels and texts): a story with sections fails the question when the rule reported
   * on it. With `withinSection`, only a finding inside a section of that kind counts (an output
   * named as the outcome, not one in the "so that" clause). A question none of whose rules ran is
   * not measured.
   */
  answers?: RuleAnswer;
}

/** A build-trap question of the backlog report, by its key. */
export type ReportQuestion = 'outcome' | 'evidence' | 'criteria';

/** The build-trap question a rule answers, and where in the story its findings count (see RuleBase.answers). */
export interface RuleAnswer {
  question: ReportQuestion;
  withinSection?: SectionKind;
}

export interface StoryRule<S extends OptionSpecs = OptionSpecs, M extends string = string>
  extends RuleBase<S, M> {
  scope: 'story';
  check(context: StoryContext<S, M>): void;
}

export interface BacklogRule<S extends OptionSpecs = OptionSpecs, M extends string = string>
  extends RuleBase<S, M> {
  scope: 'backlog';
  check(context: BacklogContext<S, M>): void;
  /**
   * What an entry's findings can depend on: the keys it is filed under and the keys it looks up
   * (`probes`: a probe links to entries filed under it, two probes alone do not link). `check`
   * over every entry linked to it, directly or through others, must report for it what `check`
   * over the whole backlog does; the editor then re-checks only the stories linked to an edit
   * (BacklogState in core/engine/backlog-state.ts). A rule with neither this nor a `tally` is checked over the
   * whole backlog on every edit.
   *
   * A rule with a neighbourhood or a tally promises more. The neighbourhood (and a tally key)
   * depends on the entry's story alone, never on where it is: when an edit moves a story whose
   * text is unchanged, BacklogState keeps its entry, filed where it was. Where stories are (file, lines, offsets, backlog order) may show only in what findings
   * say, not in which stories have findings, and then only so: a finding's spans (`span`, fix
   * edits, `related`) lie in its own story or in linked ones; a message may name a story's line
   * (describeStory) but never an offset; and a finding names or points at another story only when
   * that story has findings of the rule too (a duplicate names its twin, which is reported as
   * well). So a story that moved to another line or place in the order is re-checked only when
   * it has findings, and one that only shifted along its line (a character typed before it, no
   * line break added or removed) is not re-checked: the spans into it are shifted.
   */
  neighbourhood?(entry: BacklogEntry, options: OptionsOf<S>): Neighbourhood;
  /**
   * For a rule whose findings for an entry depend on the entry (and those linked to it, with a
   * neighbourhood) and on counts over the whole backlog (uniform-template: how many stories use
   * each template). `key` is what an entry is counted under (undefined: not counted); `check`
   * reads the counts from `context.counts`. `outcome` sums up what of the counts findings can
   * show (uniform-template: nothing reported, or the majority template and its rounded share):
   * counts with the same outcome give every entry the same findings. While the outcome stays, an
   * edit re-checks only the stories it changed (with their neighbourhood, if the rule has one);
   * when it changes, every story.
   */
  tally?: Tally<OptionsOf<S>>;
}

export interface Tally<O> {
  key(entry: BacklogEntry, options: O): string | undefined;
  outcome(counts: ReadonlyMap<string, number>, options: O): string;
}

/** Per key of a rule's tally, how many of `entries` have it (empty for a rule without one). */
export function tallyCounts<O>(tally: Tally<O> | undefined, entries: Iterable<BacklogEntry>, options: O): Map<string, number> {
  const counts = new Map<string, number>();
  if (!tally) return counts;
  for (const entry of entries) {
    const key = tally.key(entry, options);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export type NeighbourKey = string | number;

export interface Neighbourhood {
  keys: readonly NeighbourKey[];
  probes?: readonly NeighbourKey[];
}

export type Rule<S extends OptionSpecs = OptionSpecs, M extends string = string> =
  | StoryRule<S, M>
  | BacklogRule<S, M>;

// `any` here lets a registry hold rules with different option and message types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, any>;

export const defineStoryRule = <S extends OptionSpecs, M extends string>(
  rule: Omit<StoryRule<S, M>, 'scope'>,
): StoryRule<S, M> => ({ ...rule, scope: 'story' });

export const defineBacklogRule = <S extends OptionSpecs, M extends string>(
  rule: Omit<BacklogRule<S, M>, 'scope'>,
): BacklogRule<S, M> => ({ ...rule, scope: 'backlog' });

/** Where the CLI's report and SARIF link each rule's page (the editor serves the pages itself, server/diagnostics.ts). */
export const DOCS_BASE_URL = 'https://github.com/storylint/storylint/blob/main/rules/';

/**
 * The one place a rule's documentation address is derived: `base` with `{rule}` replaced by the
 * rule's name, or else `<base><rule>.md` (a `/` added when `base` lacks one).
 */
export function docsUrl(ruleName: string, base: string = DOCS_BASE_URL): string {
  if (base.includes('{rule}')) return base.replaceAll('{rule}', encodeURIComponent(ruleName));
  return `${base}${base.endsWith('/') ? '' : '/'}${encodeURIComponent(ruleName)}.md`;
}

export function defaultOptions<S extends OptionSpecs>(specs: S): OptionsOf<S> {
  const options: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) options[key] = spec.default;
  return options as OptionsOf<S>;
}

/** Fills `{placeholder}`s of a message template. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => data[key] ?? whole);
}

export type { Story, StoryKind };
