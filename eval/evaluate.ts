// Lints every case of the judgement dataset and compares each rule's verdict with the hand label.
import { type AnyRule, type FileResult, type Finding, lintFiles } from '../core';
import { type CorpusStory, corpusId, firingCounts, judgesOneLineStories, type LintedBacklog, lintCorpus } from '../scripts/corpus';
import { type Case, type CasePart, DEVELOPMENT_PARTS, INDEPENDENT_SETS, type IndependentPart } from './dataset';

/** The goals of the issue, checked for rules with enough positive labels to measure them. */
export const GOALS = { precision: 0.9, recall: 0.85, minimumPositives: 15 } as const;

/** One rule on one case: the label against what the rule did. */
export interface Verdict {
  caseId: string;
  part: CasePart;
  source: string;
  rule: string;
  expected: boolean;
  predicted: boolean;
  /** The labeller's reason, when the label has one. */
  reason?: string;
  /** The story's statement, or the start of its text when it has none. */
  statement: string;
  /** The rule's findings on the story (empty when it stayed silent). */
  findings: FiredFinding[];
}

/** A finding of the rule: where it points in the dataset or corpus file ("written.md:1603"), the text there, its message. */
export interface FiredFinding {
  at: string;
  /** The finding's line and the next non-blank lines (a heading alone says little), flattened. */
  excerpt: string;
  message: string;
}

/** Non-blank lines shown from where a finding points. */
const EXCERPT_LINES = 3;

/** A case the harness could not judge, or a rule that crashed on it. */
export interface HarnessProblem {
  caseId: string;
  source: string;
  /** The labelled rules this problem left unjudged (or wrongly judged). */
  rules: string[];
  problem: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface RuleScore extends Counts {
  rule: string;
  positives: number;
  /** undefined when the rule never fired (precision) or nothing is labelled positive (recall). */
  precision?: number;
  recall?: number;
  f1?: number;
  /** Whether the goals hold; undefined when the rule has too few positives to judge. */
  meetsGoals?: boolean;
  byPart: Partial<Record<CasePart, Counts>>;
}

export interface Evaluation {
  verdicts: Verdict[];
  problems: HarnessProblem[];
  /** Per rule on the development set (corpus, written, front matter): the cases the rules were tuned on. */
  scores: RuleScore[];
  /** Per rule on the held-out part only (heldout.md), never tuned on; empty when it has no verdicts. */
  heldout: RuleScore[];
  /** Per rule on each independent set with verdicts (INDEPENDENT_SETS order). */
  independent: { part: IndependentPart; scores: RuleScore[] }[];
  /** How often each corpus rule fires on the full corpus (every non-empty line of every backlog). */
  corpus: { stories: number; backlogs: number; firing: { rule: string; stories: number }[] };
}

/** One case linted: its single story's findings, or why it could not be judged. */
type Linted = { result: FileResult; storyIndex: number; statement: string; locate: Locate } | { problem: string };
/** Where a finding of the case's story points, in the file the case is written in. */
type Locate = (finding: Finding) => Omit<FiredFinding, 'message'>;

/**
 * Evaluates every case with `rules`: corpus cases inside their whole backlog (unique-story needs the
 * other stories), written cases each as a file of its own.
 */
export function evaluate(cases: readonly Case[], rules: readonly AnyRule[], corpus: readonly CorpusStory[]): Evaluation {
  const corpusRules = rules.filter(judgesOneLineStories);
  const linted = lintCorpus(corpus, corpusRules);
  const byCorpusId = new Map(
    linted.flatMap((backlog) => backlog.stories.map((story, n) => [corpusId(story), { backlog, story, parsed: backlog.parsedIndexes[n]! }] as const)),
  );
  const known = new Set(rules.map((rule) => rule.name));
  const verdicts: Verdict[] = [];
  const problems: HarnessProblem[] = [];

  for (const item of cases) {
    const outcome = item.corpus ? lintCorpusCase(item, byCorpusId) : lintWrittenCase(item, rules);
    if ('problem' in outcome) {
      problems.push({ caseId: item.id, source: item.source, rules: Object.keys(item.labels), problem: outcome.problem });
      continue;
    }
    const findings = outcome.result.findings.filter((finding) => finding.storyIndex === outcome.storyIndex);
    for (const failure of findings.filter((finding) => finding.messageId === 'rule-failed')) {
      problems.push({ caseId: item.id, source: item.source, rules: [failure.ruleId], problem: failure.message });
    }
    for (const [rule, expected] of Object.entries(item.labels)) {
      if (!known.has(rule)) {
        problems.push({ caseId: item.id, source: item.source, rules: [rule], problem: `labelled rule ${rule} is not a storylint rule` });
        continue;
      }
      const fired = findings.filter((finding) => finding.ruleId === rule);
      verdicts.push({
        caseId: item.id,
        part: item.part,
        source: item.source,
        rule,
        expected,
        predicted: fired.length > 0,
        reason: item.reasons[rule],
        statement: outcome.statement,
        findings: fired.map((finding) => ({ ...outcome.locate(finding), message: finding.message })),
      });
    }
  }
  const development = verdicts.filter((verdict) => DEVELOPMENT_PARTS.includes(verdict.part));
  const heldout = verdicts.filter((verdict) => verdict.part === 'heldout');
  const order = (among: readonly Verdict[]) => rules.map((rule) => rule.name).filter((rule) => among.some((verdict) => verdict.rule === rule));
  return {
    verdicts,
    problems,
    scores: order(development).map((rule) => scoreRule(rule, development)),
    heldout: order(heldout).map((rule) => scoreRule(rule, heldout)),
    independent: INDEPENDENT_SETS.flatMap(({ part }) => {
      const own = verdicts.filter((verdict) => verdict.part === part);
      return own.length > 0 ? [{ part, scores: order(own).map((rule) => scoreRule(rule, own)) }] : [];
    }),
    corpus: {
      stories: linted.reduce((sum, { result }) => sum + result.stories.length, 0),
      backlogs: linted.length,
      firing: firingCounts(linted, corpusRules.map((rule) => rule.name)),
    },
  };
}

function lintCorpusCase(
  item: Case,
  byCorpusId: ReadonlyMap<string, { backlog: LintedBacklog; story: CorpusStory; parsed: number[] }>,
): Linted {
  const { backlog, line, text } = item.corpus!;
  if (!text.trim()) return { problem: 'the corpus line is empty: the corpus keeps non-empty lines only, so there is no story to judge' };
  const found = byCorpusId.get(corpusId({ backlog, line, text }));
  if (!found || found.story.backlog !== backlog) return { problem: `${backlog}:${line} is not a story of the corpus` };
  if (found.story.text !== text.trim()) return { problem: `the case text differs from ${backlog}:${line} ("${found.story.text.slice(0, 80)}")` };
  // A corpus story is one line, so every finding on it points at that line of the backlog.
  return oneStory(found.backlog.result, found.parsed, text, () => ({ at: item.source, excerpt: found.story.text }));
}

function lintWrittenCase(item: Case, rules: readonly AnyRule[]): Linted {
  const { text, firstLine } = item.markdown!;
  const result = lintFiles([{ filePath: `${item.id}.md`, text }], { rules })[0]!;
  const file = item.source.replace(/:\d+$/, '');
  const lines = text.split('\n');
  const locate: Locate = (finding) => ({
    at: `${file}:${firstLine + finding.line - 1}`,
    excerpt: lines.slice(finding.line - 1).filter((line) => line.trim()).slice(0, EXCERPT_LINES).join(' '),
  });
  return oneStory(result, result.stories.map((_, index) => index), text, locate);
}

function oneStory(result: FileResult, indexes: readonly number[], text: string, locate: Locate): Linted {
  if (indexes.length !== 1) return { problem: `the case was parsed into ${indexes.length} stories, expected exactly one` };
  const storyIndex = indexes[0]!;
  const story = result.stories[storyIndex]!;
  const statement = story.statement?.text ?? story.unrecognised?.text ?? text.trim().slice(0, 200);
  return { result, storyIndex, statement, locate };
}

function scoreRule(rule: string, verdicts: readonly Verdict[]): RuleScore {
  const own = verdicts.filter((verdict) => verdict.rule === rule);
  const counts = count(own);
  const positives = counts.tp + counts.fn;
  const precision = ratio(counts.tp, counts.tp + counts.fp);
  const recall = ratio(counts.tp, positives);
  const f1 = precision === undefined || recall === undefined || precision + recall === 0 ? undefined : (2 * precision * recall) / (precision + recall);
  const byPart: Partial<Record<CasePart, Counts>> = {};
  for (const part of new Set(own.map((verdict) => verdict.part))) byPart[part] = count(own.filter((verdict) => verdict.part === part));
  const meetsGoals =
    positives < GOALS.minimumPositives ? undefined : (precision ?? 0) >= GOALS.precision && (recall ?? 0) >= GOALS.recall;
  return { rule, positives, ...counts, precision, recall, f1, meetsGoals, byPart };
}

function count(verdicts: readonly Verdict[]): Counts {
  const counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { expected, predicted } of verdicts) {
    if (expected && predicted) counts.tp++;
    else if (predicted) counts.fp++;
    else if (expected) counts.fn++;
    else counts.tn++;
  }
  return counts;
}

const ratio = (part: number, whole: number): number | undefined => (whole === 0 ? undefined : part / whole);
