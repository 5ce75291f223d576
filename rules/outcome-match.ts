// The declared outcomes as linked-outcome reads them from its tally, and which of them a story most
// likely serves: by the words the story shares with each outcome's title and metric.
import { type BacklogEntry, words } from '../core/api';

/** A declared outcome, as its tally key carries it. */
export interface DeclaredOutcome {
  id: string;
  title: string;
  metric?: string;
  baseline?: string;
  target?: string;
}

/** The tally key of an outcome entry: everything of the outcome a finding or suggestion can show. */
export function outcomeKey(entry: BacklogEntry): string | undefined {
  const { story } = entry;
  if (story.kind !== 'outcome' || !story.id) return undefined;
  const metric = story.metric;
  return JSON.stringify([story.id.text, story.title, metric?.metric ?? null, metric?.baseline ?? null, metric?.target ?? null]);
}

/** The declared outcomes from the tally's counts, in id order (the counts come in no order). */
export function declaredOutcomes(counts: ReadonlyMap<string, number>): DeclaredOutcome[] {
  const outcomes = [...counts.keys()].map((key): DeclaredOutcome => {
    const [id, title, metric, baseline, target] = JSON.parse(key) as [string, string, string | null, string | null, string | null];
    return { id, title, ...(metric ? { metric } : {}), ...(baseline ? { baseline } : {}), ...(target ? { target } : {}) };
  });
  return outcomes.sort((a, b) => compareIds(a.id, b.id) || a.title.localeCompare(b.title));
}

/** KR-2 before KR-10: ids compared by their numbers, not as text. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** Ids are compared as a reader would: case aside. */
export const sameId = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** How the outcome reads in a suggestion: "Activation rate: 20% → 35%". */
export function outcomeLabel(outcome: DeclaredOutcome): string {
  const move = outcome.baseline && outcome.target ? `${outcome.baseline} → ${outcome.target}` : outcome.target ? `target ${outcome.target}` : '';
  return move ? `${outcome.title}: ${move}` : outcome.title;
}

// Words that say nothing about which outcome a story serves.
const COMMON = new Set(
  'a an and as at be by can for from i in into is it its me my of on or our so that the their them this to we with want wants need needs able new per more less than'.split(' '),
);

/** A word's stem, crude but symmetric: "reports", "reporting" and "reported" meet at "report". */
function stem(word: string): string {
  for (const ending of ['ing', 'ed', 'es', 's']) {
    if (word.length > ending.length + 3 && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

function stems(text: string): Set<string> {
  const found = new Set<string>();
  for (const { word } of words(text)) if (word.length > 2 && !COMMON.has(word) && !/^\d/.test(word)) found.add(stem(word));
  return found;
}

/** What a story says about itself: its title and statement. */
export function storyText(entry: BacklogEntry): string {
  return `${entry.story.title} ${entry.story.statement?.text ?? entry.story.unrecognised?.text ?? ''}`;
}

/** The outcomes, most likely first: the most words shared with the story; ties keep id order. */
export function rankOutcomes(text: string, outcomes: readonly DeclaredOutcome[]): DeclaredOutcome[] {
  const story = stems(text);
  const scored = outcomes.map((outcome, index) => {
    let shared = 0;
    for (const word of stems(`${outcome.title} ${outcome.metric ?? ''}`)) if (story.has(word)) shared++;
    return { outcome, shared, index };
  });
  return scored.sort((a, b) => b.shared - a.shared || a.index - b.index).map((item) => item.outcome);
}

/** The declared id closest to an unknown one: fewest edits, then the most words shared with the story. */
export function closestOutcomes(id: string, text: string, outcomes: readonly DeclaredOutcome[]): DeclaredOutcome[] {
  const ranked = rankOutcomes(text, outcomes);
  const distance = new Map(ranked.map((outcome) => [outcome, editDistance(id.toUpperCase(), outcome.id.toUpperCase())]));
  return ranked.map((outcome, index) => ({ outcome, index })).sort((a, b) => distance.get(a.outcome)! - distance.get(b.outcome)! || a.index - b.index).map((item) => item.outcome);
}

/** Levenshtein distance; ids are short, so the quadratic table is a few dozen cells. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
