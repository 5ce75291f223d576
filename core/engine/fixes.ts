import { detectEol } from '../markdown/text';
import type { Story } from '../story/model';
import type { Edit, Fix } from './rule';

export interface FixOutcome {
  text: string;
  /** Fixes applied; a fix overlapping an earlier one waits for the next pass. */
  applied: Fix[];
}

/**
 * Applies fixes in order of position. A fix is all-or-nothing: if any of its edits overlaps an
 * edit already taken, the whole fix is skipped (the next lint pass will offer it again).
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixOutcome {
  const sorted = fixes
    .map((fix, order) => ({ fix, order, start: fix.edits.reduce((first, edit) => Math.min(first, edit.span[0]), Infinity) }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  const taken = new TakenEdits();
  const applied: Fix[] = [];
  for (const { fix } of sorted) {
    if (fix.edits.some((edit) => !isValid(edit, text.length) || taken.overlaps(edit))) continue;
    for (const edit of fix.edits) taken.add(edit);
    applied.push(fix);
  }
  // One pass over the text: the unchanged stretches between the edits, and each edit's text.
  const parts: string[] = [];
  let at = 0;
  for (const edit of inTextOrder(taken.all)) {
    parts.push(text.slice(at, edit.span[0]), edit.text);
    at = edit.span[1];
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), applied };
}

/**
 * The edits taken so far, for overlap checks in O(log n): replacements and insertions apart, each
 * sorted by position. Taken replacements never overlap, so their ends are sorted too.
 */
class TakenEdits {
  readonly all: Edit[] = [];
  private readonly replacements: Edit[] = [];
  private readonly insertions: number[] = [];

  overlaps(edit: Edit): boolean {
    const [start, end] = edit.span;
    if (start === end) {
      // An insertion clashes only with a replacement it falls strictly inside.
      const before = this.replacements[lastStartingBefore(this.replacements, start)];
      return before !== undefined && before.span[1] > start;
    }
    const before = this.replacements[lastStartingBefore(this.replacements, end)];
    if (before !== undefined && before.span[1] > start) return true;
    // An insertion strictly inside this replacement.
    const point = this.insertions[firstAtOrAfter(this.insertions, start + 1)];
    return point !== undefined && point < end;
  }

  add(edit: Edit): void {
    this.all.push(edit);
    if (edit.span[0] === edit.span[1]) insertSorted(this.insertions, edit.span[0], (point) => point);
    else insertSorted(this.replacements, edit, (replacement) => replacement.span[0]);
  }
}

/** The index of the last replacement starting before `offset`, or -1. */
function lastStartingBefore(replacements: readonly Edit[], offset: number): number {
  let low = 0;
  let high = replacements.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (replacements[middle]!.span[0] < offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The index of the first point at or after `offset` (the length when none). */
function firstAtOrAfter(points: readonly number[], offset: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (points[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Keeps `items` sorted by `key`; fixes come in text order, so this is almost always a push. */
function insertSorted<T>(items: T[], item: T, key: (item: T) => number): void {
  let index = items.length;
  while (index > 0 && key(items[index - 1]!) > key(item)) index--;
  items.splice(index, 0, item);
}

/**
 * The edits in the order their texts appear in the fixed text: by position; at one offset an
 * insertion comes before a replacement, and insertions keep the order of their fixes.
 */
export function inTextOrder(edits: readonly Edit[]): Edit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.span[0] - b.edit.span[0] || a.edit.span[1] - b.edit.span[1] || a.order - b.order)
    .map(({ edit }) => edit);
}

function isValid(edit: Edit, length: number): boolean {
  return edit.span[0] >= 0 && edit.span[0] <= edit.span[1] && edit.span[1] <= length;
}


export const MAX_FIX_PASSES = 10;

/**
 * Lints and fixes in passes until no fix applies (at most ten passes), like ESLint: each pass sees
 * the text the previous one produced, so fixes never work from stale offsets.
 */
export function fixUntilStable(text: string, fixesOf: (text: string) => Fix[]): { text: string; passes: number; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const fixes = fixesOf(current);
    if (fixes.length === 0) return { text: current, passes: pass - 1, applied };
    const outcome = applyFixes(current, fixes);
    if (outcome.applied.length === 0 || outcome.text === current) return { text: current, passes: pass, applied };
    applied += outcome.applied.length;
    current = outcome.text;
  }
  return { text: current, passes: MAX_FIX_PASSES, applied };
}

/**
 * A fix that appends a section to a story: a sub-heading one level below the story's heading (a
 * level-2 heading in a file story, a bold lead-in under a level-6 heading) followed by a template the author fills in. None when the story
 * ends inside an unclosed fence, where the section would become code.
 */
export function appendSectionFix(story: Story, text: string, title: string, name: string, body: readonly string[]): Fix | undefined {
  if (story.endsInOpenBlock) return undefined;
  const eol = detectEol(text);
  // Same level as the story's other section headings, so the new one is not nested inside them.
  const sectionLevels = story.sections.flatMap((section) => (section.level ? [section.level] : []));
  const level = sectionLevels.length > 0 ? Math.min(...sectionLevels) : (story.headingLevel ?? 1) + 1;
  // Below a level-6 heading there is no sub-heading level left: a bold lead-in opens the section.
  const opening = level > 6 ? `**${name}:**` : `${'#'.repeat(level)} ${name}`;
  const insertion = [eol, eol, opening, eol, eol, body.join(eol)].join('');
  // Keep a line ending after the insertion when the story is followed by more text.
  const tail = story.contentEnd < text.length ? '' : eol;
  return { title, edits: [{ span: [story.contentEnd, story.contentEnd], text: insertion + tail }] };
}
