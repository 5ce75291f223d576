import type { Finding, FileResult, RuleSetting } from '../core/engine/lint';
import type { FormattedResult } from './formatters';
import { displayPath } from './formatters/paths';
import type { Story, StoryKind } from '../core/story/model';
import { type AnyRule, docsUrl, type FindingSeverity } from '../core/engine/rule';
import { scan } from '../core/markdown/scan';
import { DEFAULT_SETTINGS, type Settings } from '../core/story/settings';
import { appendAll } from '../core/markdown/text';
import { buildOutcomeMap, type DeclaredOutcome, type MappedStory, type OutcomeMap, type Place } from './outcomes';
import { type AnsweredQuestion, answersOf, isMeasured, type QuestionFigure, type QuestionKey, questionFigure, questionsAnsweredBy, type StoryAnswers } from './questions';

/**
 * Backlog health figures computed from the engine's results: the HTML report, the terminal summary
 * and the editor's report panel all read this one structure, so they agree with the diagnostics.
 * Nothing here re-checks a story: every answer comes from which rules reported where (questions.ts
 * says which rules answer which build-trap question).
 */

const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];
export type SeverityCounts = Record<FindingSeverity, number>;

export interface StoryRow {
  /** Path shown to the reader: relative to the working folder when the file lies inside it. */
  file: string;
  /** The file as the engine named it (a path or a URI), for opening it. */
  filePath: string;
  line: number;
  id?: string;
  title: string;
  kind: StoryKind;
  epic?: string;
  score: number;
  findings: number;
  severities: SeverityCounts;
  /** Rule ids that reported on the story, most findings first. */
  rules: string[];
  /** Per measured question; absent for stories the section rules do not apply to (one-line stories by default). */
  answers?: StoryAnswers;
}

export interface RuleFigure {
  ruleId: string;
  description?: string;
  findings: number;
  /** Distinct stories the rule reported on. */
  stories: number;
  severities: SeverityCounts;
  docsUrl: string;
}

export interface GroupFigure {
  name: string;
  stories: number;
  findings: number;
  severities: SeverityCounts;
  averageScore: number | null;
  /** Per measured question. */
  answers: Partial<Record<QuestionKey, { yes: number; total: number }>>;
}

export interface HistogramBucket {
  /** Inclusive bounds; the last bucket holds 90-100. */
  from: number;
  to: number;
  count: number;
}

export interface BacklogReport {
  totals: {
    files: number;
    stories: number;
    /** Stories the section rules apply to: the base of the build-trap shares. */
    storiesWithSections: number;
    storiesWithoutSections: number;
    /** Story kinds without sections, e.g. ["line"]. */
    kindsWithoutSections: StoryKind[];
    /** Stories with no finding at all (score 100). */
    cleanStories: number;
    findings: number;
    severities: SeverityCounts;
  };
  scores: { average: number | null; median: number | null; histogram: HistogramBucket[] };
  questions: QuestionFigure[];
  /** Most findings first. */
  rules: RuleFigure[];
  files: GroupFigure[];
  /** Stories grouped under the nearest enclosing heading that is not itself a story; empty when none is. */
  epics: GroupFigure[];
  stories: StoryRow[];
  /** Which declared product outcome each story serves; absent when the backlog declares none. Outcomes are not stories: no other figure counts them. */
  outcomes?: OutcomeMap;
}

export interface ReportOptions {
  /** Folder that displayed paths are made relative to. */
  cwd?: string;
  /** The rules that ran: which build-trap questions they answer (their `answers` meta) and, with `ruleSettings`, which were measured. */
  rules: readonly AnyRule[];
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  settings?: Settings;
}

const TITLE_LIMIT = 200;

export function buildReport(results: readonly FileResult[], options: ReportOptions): BacklogReport {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const questions = questionsAnsweredBy(options.rules);
  const active = activeRuleIds(options);
  const measured = questions.filter((question) => isMeasured(question, active));
  const stories: StoryRow[] = [];
  const ruleFigures = new Map<string, RuleFigure & { storyKeys: Set<string> }>();
  const totals = zeroSeverities();
  const files: GroupFigure[] = [];
  const declared: DeclaredOutcome[] = [];
  const mapped: MappedStory[] = [];

  for (const result of results) {
    const file = shownPath(result.filePath, options.cwd);
    const rows: StoryRow[] = [];
    const epics = epicsOf(result);
    const findingsByStory = result.stories.map((): Finding[] => []);
    for (const finding of result.findings) {
      totals[finding.severity]++;
      const figure = ruleFigure(ruleFigures, finding.ruleId, options.rules);
      figure.findings++;
      figure.severities[finding.severity]++;
      if (finding.storyIndex !== undefined && result.stories[finding.storyIndex]?.kind !== 'outcome') {
        findingsByStory[finding.storyIndex]?.push(finding);
        figure.storyKeys.add(`${result.filePath}\u0000${finding.storyIndex}`);
      }
    }
    result.stories.forEach((story, index) => {
      const line = result.lines.position(story.titleSpan[0]).line;
      if (story.kind === 'outcome') {
        declared.push({ story, place: { file, filePath: result.filePath, line }, title: displayTitle(story) });
        return;
      }
      const findings = findingsByStory[index]!;
      const row = storyRow(story, { file, filePath: result.filePath, line }, result.scores[index] ?? 100, findings);
      const epic = epics.get(story);
      if (epic) row.epic = epic;
      if (settings.requireSectionsFor.includes(story.kind)) row.answers = answersOf(measured, story, findings);
      rows.push(row);
      const serving = { file, filePath: result.filePath, line, title: row.title, score: row.score, ...(row.id ? { id: row.id } : {}) };
      mapped.push({ story, row: serving, withSections: row.answers !== undefined });
    });
    // Findings outside any story still count for their file.
    files.push(groupFigure(file, rows, measured, result.findings));
    appendAll(stories, rows);
  }

  const withSections = stories.filter((row) => row.answers);
  const epicRows = stories.filter((row) => row.epic !== undefined);
  const outcomes = buildOutcomeMap(declared, mapped);
  return {
    totals: {
      files: results.length,
      stories: stories.length,
      storiesWithSections: withSections.length,
      storiesWithoutSections: stories.length - withSections.length,
      kindsWithoutSections: (['heading', 'file', 'line'] as const).filter((kind) => !settings.requireSectionsFor.includes(kind)),
      cleanStories: stories.filter((row) => row.findings === 0).length,
      findings: totals.error + totals.warning + totals.info,
      severities: totals,
    },
    scores: scoreFigures(stories.map((row) => row.score)),
    questions: questions.map((question) => questionFigure(question, withSections, measured.includes(question))),
    rules: [...ruleFigures.values()]
      .map(({ storyKeys, ...figure }) => ({ ...figure, stories: storyKeys.size }))
      .sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId)),
    files,
    epics: epicRows.length === 0 ? [] : groupBy(epicRows, (row) => row.epic!).map(([name, rows]) => groupFigure(name, rows, measured)),
    stories,
    ...(outcomes ? { outcomes } : {}),
  };
}

function storyRow(story: Story, place: Place, score: number, findings: readonly Finding[]): StoryRow {
  const row: StoryRow = {
    ...place,
    title: displayTitle(story),
    kind: story.kind,
    score,
    findings: findings.length,
    severities: countSeverities(findings),
    rules: rulesByFrequency(findings),
  };
  if (story.id) row.id = story.id.text;
  return row;
}

/** The report formatters get the run's results typed as findings only; the CLI passes full results. */
export function asFileResults(results: readonly FormattedResult[]): readonly FileResult[] {
  if (results.some((result) => !('stories' in result && 'scores' in result))) {
    throw new Error('The backlog report needs the stories of each file, not only its findings: pass the results of lintFiles().');
  }
  return results as readonly FileResult[];
}

/** Rule ids that run: those not turned off. */
function activeRuleIds(options: ReportOptions): Set<string> {
  return new Set(options.rules.filter((rule) => (options.ruleSettings?.[rule.name]?.severity ?? rule.severity) !== 'off').map((rule) => rule.name));
}

function ruleFigure(
  figures: Map<string, RuleFigure & { storyKeys: Set<string> }>,
  ruleId: string,
  rules: readonly AnyRule[],
): RuleFigure & { storyKeys: Set<string> } {
  let figure = figures.get(ruleId);
  if (!figure) {
    const description = rules.find((rule) => rule.name === ruleId)?.description;
    figure = { ruleId, findings: 0, stories: 0, severities: zeroSeverities(), docsUrl: docsUrl(ruleId), storyKeys: new Set() };
    if (description) figure.description = description;
    figures.set(ruleId, figure);
  }
  return figure;
}

function groupFigure(name: string, rows: readonly StoryRow[], questions: readonly AnsweredQuestion[], findings?: readonly Finding[]): GroupFigure {
  const severities = findings ? countSeverities(findings) : sumSeverities(rows);
  const answers: GroupFigure['answers'] = {};
  const applicable = rows.filter((row) => row.answers);
  for (const question of questions) {
    answers[question.key] = { yes: applicable.filter((row) => row.answers![question.key]).length, total: applicable.length };
  }
  return {
    name,
    stories: rows.length,
    findings: severities.error + severities.warning + severities.info,
    severities,
    averageScore: rows.length === 0 ? null : round1(rows.reduce((sum, row) => sum + row.score, 0) / rows.length),
    answers,
  };
}

function scoreFigures(scores: readonly number[]): BacklogReport['scores'] {
  const histogram: HistogramBucket[] = Array.from({ length: 10 }, (_, index) => ({
    from: index * 10,
    to: index === 9 ? 100 : index * 10 + 9,
    count: 0,
  }));
  for (const score of scores) histogram[Math.min(9, Math.floor(score / 10))]!.count++;
  if (scores.length === 0) return { average: null, median: null, histogram };
  const sorted = [...scores].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { average: round1(scores.reduce((sum, score) => sum + score, 0) / scores.length), median, histogram };
}

/**
 * The epic of each story: the nearest enclosing heading that is neither a story nor inside one
 * (e.g. "# Epic: Checkout" above "## CHK-101 …", or "## Onboarding" above a list of one-line stories).
 */
function epicsOf(result: FileResult): Map<Story, string> {
  const epics = new Map<Story, string>();
  if (result.stories.every((story) => story.kind === 'file')) return epics;
  // An outcome's heading is no epic either.
  const storyAt = new Map(result.stories.filter((story) => story.kind === 'heading' || story.kind === 'outcome').map((story) => [story.span[0], story]));
  const lineStories = result.stories.filter((story) => story.kind === 'line');
  const open: { level: number; title: string }[] = [];
  let insideStoryUntil = -1;
  let next = 0;
  const assignLineStoriesBefore = (offset: number): void => {
    for (; next < lineStories.length && lineStories[next]!.span[0] < offset; next++) {
      const title = open[open.length - 1]?.title;
      if (title) epics.set(lineStories[next]!, title);
    }
  };
  for (const heading of scan(result.text).headings) {
    assignLineStoriesBefore(heading.span[0]);
    while (open.length > 0 && open[open.length - 1]!.level >= heading.level) open.pop();
    const story = storyAt.get(heading.span[0]);
    if (story) {
      const title = open[open.length - 1]?.title;
      if (title) epics.set(story, title);
      insideStoryUntil = story.span[1];
    } else if (heading.span[0] >= insideStoryUntil) {
      const title = result.text.slice(heading.textSpan[0], heading.textSpan[1]).trim();
      if (title) open.push({ level: heading.level, title });
    }
  }
  assignLineStoriesBefore(Infinity);
  return epics;
}

function displayTitle(story: Story): string {
  const text = (story.title || story.statement?.text || story.unrecognised?.text || '').replace(/\s+/g, ' ').trim();
  if (!text) return '(untitled)';
  return text.length > TITLE_LIMIT ? `${text.slice(0, TITLE_LIMIT - 1)}…` : text;
}

/** The path shown for a file: relative to `cwd`; a file: URI (the language server's name) becomes its path. */
function shownPath(filePath: string, cwd: string | undefined): string {
  const path = filePath.startsWith('file://') ? decodeURIComponent(filePath.slice('file://'.length)) : filePath;
  return cwd ? displayPath(path, cwd) : path;
}

function rulesByFrequency(findings: readonly Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([ruleId]) => ruleId);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups];
}

const zeroSeverities = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

function countSeverities(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts = zeroSeverities();
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function sumSeverities(rows: readonly StoryRow[]): SeverityCounts {
  const counts = zeroSeverities();
  for (const row of rows) for (const severity of SEVERITIES) counts[severity] += row.severities[severity];
  return counts;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** "62%" for a share, "—" when there is none. */
export const formatShare = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
