import type { Story } from '../core/story/model';
import { count, number } from './formatters/words';

/**
 * The outcome map of the backlog report: which declared product outcome each story serves. It reads
 * only what the engine parsed (`kind: 'outcome'` entries and `Story.serves`), so the report, the
 * summary and the editor's report panel agree with linked-outcome and orphan-outcome.
 */

/** Where a story or an outcome is, as the report shows and links it. */
export interface Place {
  /** Path shown to the reader. */
  file: string;
  /** The file as the engine named it (a path or a URI), for opening it. */
  filePath: string;
  line: number;
}

/** A story as the outcome map lists it. */
export interface ServingStory extends Place {
  id?: string;
  title: string;
  score: number;
}

export interface OutcomeFigure extends Place {
  id: string;
  title: string;
  metric?: string;
  baseline?: string;
  target?: string;
  /** Stories serving it, in backlog order; a story naming it twice is listed once. */
  stories: ServingStory[];
  /** Mean score of those stories; null when none serves it. */
  averageScore: number | null;
}

export interface OutcomeMap {
  /** Declared outcomes in backlog order; an id declared twice keeps its first declaration. */
  outcomes: OutcomeFigure[];
  /** Declared outcomes no story serves. */
  orphans: number;
  /** Ids stories name that no outcome declares, with the stories naming each. */
  undeclared: { id: string; stories: ServingStory[] }[];
  /** Stories with sections (the base of the build-trap shares) that serve no declared outcome. */
  unserved: { stories: ServingStory[]; total: number; share: number | null; averageScore: number | null };
}

/** A non-outcome story of the report with its row figures; `withSections` as the build-trap shares count it. */
export interface MappedStory {
  story: Story;
  row: ServingStory;
  withSections: boolean;
}

/** A declared outcome with its place and its title as the report shows titles. */
export interface DeclaredOutcome {
  story: Story;
  place: Place;
  title: string;
}

/** The outcome map, or undefined when the backlog declares no outcome (the report then has no such section). */
export function buildOutcomeMap(declared: readonly DeclaredOutcome[], stories: readonly MappedStory[]): OutcomeMap | undefined {
  const byId = new Map<string, OutcomeFigure>();
  for (const { story, place, title } of declared) {
    const id = story.id?.text;
    if (!id || byId.has(id)) continue;
    byId.set(id, { ...place, id, title, ...metricOf(story), stories: [], averageScore: null });
  }
  if (byId.size === 0) return undefined;
  const undeclared = new Map<string, ServingStory[]>();
  const unserved: ServingStory[] = [];
  let total = 0;
  for (const { story, row, withSections } of stories) {
    let servesDeclared = false;
    for (const id of new Set((story.serves ?? []).map((reference) => reference.id))) {
      const outcome = byId.get(id);
      if (outcome) {
        outcome.stories.push(row);
        servesDeclared = true;
      } else {
        const naming = undeclared.get(id) ?? [];
        naming.push(row);
        undeclared.set(id, naming);
      }
    }
    if (!withSections) continue;
    total++;
    if (!servesDeclared) unserved.push(row);
  }
  const outcomes = [...byId.values()];
  for (const outcome of outcomes) outcome.averageScore = mean(outcome.stories.map((row) => row.score));
  return {
    outcomes,
    orphans: outcomes.filter((outcome) => outcome.stories.length === 0).length,
    undeclared: [...undeclared].map(([id, naming]) => ({ id, stories: naming })),
    unserved: { stories: unserved, total, share: total === 0 ? null : unserved.length / total, averageScore: mean(unserved.map((row) => row.score)) },
  };
}

function metricOf(story: Story): Pick<OutcomeFigure, 'metric' | 'baseline' | 'target'> {
  const parts: Pick<OutcomeFigure, 'metric' | 'baseline' | 'target'> = {};
  for (const key of ['metric', 'baseline', 'target'] as const) {
    const value = story.metric?.[key]?.replace(/\s+/g, ' ').trim();
    if (value) parts[key] = value;
  }
  return parts;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;

/** The headline: "3 declared, 1 served by no story; 12 of 40 stories (30%) serve no outcome", then the undeclared ids. */
export function outcomeHeadline(map: OutcomeMap): string {
  const { unserved } = map;
  const declared = `${number(map.outcomes.length)} declared, ${number(map.orphans)} served by no story`;
  const share = unserved.share === null ? '' : ` (${Math.round(unserved.share * 100)}%)`;
  const untraced =
    unserved.total === 0
      ? 'no story with sections to trace'
      : `${number(unserved.stories.length)} of ${count(unserved.total, 'story', 'stories')}${share} ${unserved.stories.length === 1 ? 'serves' : 'serve'} no outcome`;
  const naming = map.undeclared.reduce((sum, entry) => sum + entry.stories.length, 0);
  const undeclared =
    map.undeclared.length === 0
      ? ''
      : `; ${count(naming, 'story names', 'stories name')} an undeclared outcome (${map.undeclared.map((entry) => entry.id).join(', ')})`;
  return `${declared}; ${untraced}${undeclared}`;
}
