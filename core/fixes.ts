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
    .map((fix, order) => ({ fix, order, start: Math.min(...fix.edits.map((edit) => edit.span[0])) }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  const taken: Edit[] = [];
  const applied: Fix[] = [];
  for (const { fix } of sorted) {
    if (fix.edits.some((edit) => !isValid(edit, text.length) || taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...fix.edits);
    applied.push(fix);
  }
  // Applied from the last to the first, so earlier offsets stay valid.
  const edits = inTextOrder(taken);
  let result = text;
  for (let index = edits.length - 1; index >= 0; index--) {
    const edit = edits[index]!;
    result = result.slice(0, edit.span[0]) + edit.text + result.slice(edit.span[1]);
  }
  return { text: result, applied };
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

/** Two edits overlap when they share text, or one inserts strictly inside the other's range. */
function overlaps(a: Edit, b: Edit): boolean {
  const [aStart, aEnd] = a.span;
  const [bStart, bEnd] = b.span;
  if (aStart === aEnd && bStart === bEnd) return false;
  if (aStart === aEnd) return aStart > bStart && aStart < bEnd;
  if (bStart === bEnd) return bStart > aStart && bStart < aEnd;
  return aStart < bEnd && bStart < aEnd;
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
