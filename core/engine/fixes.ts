import { scan } from '../markdown/scan';
import { detectEol, lineAfter, trimmedEnd } from '../markdown/text';
import type { Section, Story } from '../story/model';
import type { SectionKind } from '../story/settings';
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
  /** Per offset with insertions: whether one of them holds a line break (a block: a section, a statement). */
  private readonly inserted = new Map<number, boolean>();

  overlaps(edit: Edit): boolean {
    const [start, end] = edit.span;
    if (start === end) {
      // A block and another insertion at one place: a block counted the blank lines there as its
      // own, and text after a statement belongs before it, so the second waits for the next pass,
      // which places it against the first.
      const there = this.inserted.get(start);
      if (there !== undefined && (there || hasLineBreak(edit.text))) return true;
      // Otherwise an insertion clashes only with a replacement it falls strictly inside.
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
    if (edit.span[0] === edit.span[1]) {
      this.inserted.set(edit.span[0], (this.inserted.get(edit.span[0]) ?? false) || hasLineBreak(edit.text));
      insertSorted(this.insertions, edit.span[0], (point) => point);
    }
    else insertSorted(this.replacements, edit, (replacement) => replacement.span[0]);
  }
}

const hasLineBreak = (text: string): boolean => text.includes('\n') || text.includes('\r');

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

/** The order a story's sections are read in, and inserted in when the file shows no other. */
export const READING_ORDER: readonly SectionKind[] = ['outcome', 'problem', 'acceptance', 'notes'];

/** How a file's stories lay out their sections, so that a section a fix inserts follows them. */
export interface SectionLayout {
  /** Every section kind, in the order the file's stories put them. */
  order: readonly SectionKind[];
  /** Most of the file's sections are lead-ins ("**Outcome:** …"), not headings. */
  leadIns: boolean;
}

export const DEFAULT_LAYOUT: SectionLayout = { order: READING_ORDER, leadIns: false };

/**
 * The layout of a file's stories: the reading order, except where more stories put a pair of
 * kinds the other way round (Problem before Outcome); ties and cycles keep the reading order.
 * Front-matter fields say nothing about the order a reader meets the sections in.
 */
export function sectionLayoutOf(stories: readonly { sections: readonly Pick<Section, 'kind' | 'style'>[] }[]): SectionLayout {
  const kinds = READING_ORDER.length;
  // before[a * kinds + b]: how many stories put kind a before kind b.
  const before = new Array<number>(kinds * kinds).fill(0);
  let headings = 0;
  let leadIns = 0;
  for (const story of stories) {
    const seen: number[] = [];
    for (const section of story.sections) {
      if (section.style === 'front-matter') continue;
      if (section.style === 'heading') headings++;
      else leadIns++;
      const kind = READING_ORDER.indexOf(section.kind);
      if (seen.includes(kind)) continue;
      for (const earlier of seen) before[earlier * kinds + kind]!++;
      seen.push(kind);
    }
  }
  const remaining = READING_ORDER.map((_, index) => index);
  const order: SectionKind[] = [];
  while (remaining.length > 0) {
    // The first kind that no other remaining kind precedes in more stories than it follows.
    const next = remaining.find((kind) => remaining.every((other) => before[other * kinds + kind]! <= before[kind * kinds + other]!)) ?? remaining[0]!;
    order.push(READING_ORDER[next]!);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return { order, leadIns: leadIns > headings };
}

/** A part of a story a fix inserts for the author to fill in: a section, or the statement. */
export interface InsertedPart {
  /** The fix's title, e.g. "Insert an Outcome section". */
  title: string;
  kind: SectionKind | 'statement';
  /** The section's name, e.g. "Outcome" (none for the statement). */
  name?: string;
  /** The lines of its body; an empty line separates paragraphs. */
  body: readonly string[];
}

/** What a part's place depends on: the story, the file text and, when the engine gives it, the file's section layout. */
export interface PartPlacement {
  story: Story;
  text: string;
  sectionLayout?: SectionLayout;
}

/**
 * A fix that inserts a part where a reader expects it, with one blank line either side. The
 * statement goes under the story's heading (below the title heading of a file story). A section
 * goes right after the last section that comes before it in the file's order (outcome, problem,
 * acceptance criteria, notes by default), or when there is none, after the statement and its
 * paragraphs, before the story's first section or sub-heading. It takes the level of the story's
 * other section headings, or their lead-in style ("**Outcome:** …"); in a story without sections
 * the file's style, one level below the story's heading (a lead-in below a level-6 heading).
 * None when the section would go at the end of a story that ends inside an unclosed fence,
 * where it would become code.
 */
export function appendSectionFix(placement: PartPlacement, part: InsertedPart): Fix | undefined {
  const { story, text } = placement;
  const layout = placement.sectionLayout ?? DEFAULT_LAYOUT;
  const eol = detectEol(text);
  if (part.kind === 'statement') return { title: part.title, edits: [blockEdit(text, openingEnd(story, text), part.body.join(eol), eol)] };
  const at = sectionPlace(story, text, part.kind, layout.order);
  if (story.endsInOpenBlock && at >= story.contentEnd) return undefined;
  return { title: part.title, edits: [blockEdit(text, at, sectionBlock(story, text, part, layout, eol), eol)] };
}

/**
 * The insertion that puts `block` after offset `after` (the end of a block's content, or the
 * start of the file) with one blank line before it and one after it, or one line ending at the
 * end of the file. Fixes only insert, so the white space already there counts: the block goes
 * after its first two line breaks (a doubled blank line is shared out), and only the line breaks
 * missing are added. Two blocks for one place insert at the same offset, and applyFixes applies
 * one per pass, so the second is placed against the first (their order, the blank line between).
 */
function blockEdit(text: string, after: number, block: string, eol: string): Edit {
  const breaks: number[] = [];
  let next = after;
  for (; next < text.length && /\s/.test(text[next]!); next++) {
    const char = text[next];
    if (char === '\n' || (char === '\r' && text[next + 1] !== '\n')) breaks.push(next + 1);
  }
  // The line breaks wanted before the block and after it.
  const before = after > 0 ? 2 : 0;
  const afterwards = next >= text.length ? 1 : 2;
  const taken = Math.min(breaks.length, before);
  const at = taken > 0 ? breaks[taken - 1]! : after;
  const lead = eol.repeat(before - taken);
  const trail = eol.repeat(Math.max(0, afterwards - (breaks.length - taken)));
  return { span: [at, at], text: lead + block + trail };
}

/** Where the opening ends: the story's heading, or a file story's title heading, front matter or start. */
function openingEnd(story: Story, text: string): number {
  let at = story.bodyStart;
  if (story.kind === 'file') {
    // A file story's body often opens with its title heading; the statement goes below it. A
    // section heading ("# Goal") is not a title: the statement goes above it.
    let first = at;
    while (first < text.length && /\s/.test(text[first]!)) first++;
    const isSection = story.sections.some((section) => section.span[0] === first);
    if (!isSection && /^#{1,6}(?:[ \t]|\r?\n|$)/.test(text.slice(first, first + 8))) at = lineAfter(text, first);
  }
  return trimmedEnd(text, story.span[0], at);
}

/** Where a section of `kind` goes in the story (see appendSectionFix). */
function sectionPlace(story: Story, text: string, kind: SectionKind, order: readonly SectionKind[]): number {
  const sections = story.sections.filter((section) => section.style !== 'front-matter');
  const rank = order.indexOf(kind);
  let preceding: Section | undefined;
  for (const section of sections) if (order.indexOf(section.kind) < rank && (!preceding || section.span[0] > preceding.span[0])) preceding = section;
  if (preceding) return preceding.span[1];
  const opening = story.statement?.span[1] ?? story.unrecognised?.span[1];
  const after = opening === undefined ? openingEnd(story, text) : Math.min(story.contentEnd, lineEndAt(text, opening));
  // Paragraphs after the statement belong with it: the section goes before the first section or sub-heading.
  let boundary = story.contentEnd;
  for (const section of sections) if (section.span[0] > after) boundary = Math.min(boundary, section.span[0]);
  const base = story.span[0];
  for (const heading of scan(text.slice(base, boundary)).headings) {
    if (base + heading.span[0] > after) {
      boundary = Math.min(boundary, base + heading.span[0]);
      break;
    }
  }
  return Math.max(after, trimmedEnd(text, after, boundary));
}

/** The end of the line holding `offset`, before its line ending. */
function lineEndAt(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The section's text: its heading or lead-in, then its body. */
function sectionBlock(story: Story, text: string, part: InsertedPart, layout: SectionLayout, eol: string): string {
  const sections = story.sections.filter((section) => section.style !== 'front-matter');
  // Same level as the story's other section headings, so the new one is not nested inside them.
  const levels = sections.flatMap((section) => (section.style === 'heading' && section.level ? [section.level] : []));
  const level = levels.length > 0 ? Math.min(...levels) : (story.headingLevel ?? 1) + 1;
  const leadIn = (sections.length > 0 ? levels.length === 0 : layout.leadIns) || level > 6;
  if (!leadIn) return [`${'#'.repeat(level)} ${part.name}`, '', ...part.body].join(eol);
  const label = leadInLabel(story, text, part.name ?? '');
  const [first = '', ...rest] = part.body;
  // A paragraph follows the label on its line; a list goes below it.
  if (/^(?:[-*+]|\d+[.)])\s/.test(first)) return [label, '', ...part.body].join(eol);
  return [`${label} ${first}`, ...rest].join(eol);
}

/** A lead-in label written as the story's lead-ins are ("**Outcome:**", "Outcome:", "**Outcome**:"). */
function leadInLabel(story: Story, text: string, name: string): string {
  for (const section of story.sections) {
    if (section.style !== 'lead-in') continue;
    const [start, end] = section.nameSpan;
    let lineStart = start;
    while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
    const opener = text.slice(lineStart, start);
    const closer = /^[*_]{0,2}:[*_]{0,2}/.exec(text.slice(end, end + 5))?.[0];
    if (closer !== undefined && /^[*_]{0,2}$/.test(opener)) return `${opener}${name}${closer}`;
  }
  return `**${name}:**`;
}
