// The suggestion atomic-story offers: the edit that splits a story asking for n capabilities into n
// stories, one capability each. The rule finds the capabilities; atomic-story-phrases.ts reads them
// as phrases; this writes the stories in the shape the file uses (headings with sections, or list items).
import { detectEol, type Edit, type Fix, mapSpan, type Section, type Span, type Story, trimmedEnd, words } from '../core/api';
import { criteriaOwners } from './atomic-story-criteria';
import { type CapabilityPhrase, type CapabilityWord, splitCapabilities } from './atomic-story-phrases';

/** What every part of one split needs. */
interface Split {
  story: Story;
  text: string;
  eol: string;
  /** Where the capabilities are in the file: each story gets its own phrase there. */
  meansSpan: Span;
  phrases: CapabilityPhrase[];
  /** The ids of the new stories (phrases 1…), when the original's id can be counted on. */
  ids?: string[];
}

/**
 * The suggestion that splits the story into one story per capability, or undefined when the means
 * does not split confidently (see splitCapabilities) or the story is a whole file.
 */
export function splitSuggestion(story: Story, text: string, capabilities: readonly CapabilityWord[]): Fix | undefined {
  const statement = story.statement;
  const means = statement?.parts.means;
  if (!statement || !means || story.kind === 'file' || story.endsInOpenBlock) return undefined;
  const found = splitCapabilities(means.text, capabilities);
  if (!found) return undefined;
  const meansSpan = mapSpan(statement, means.start + found.start, means.start + found.end);
  const copied: Span = story.kind === 'heading' ? [story.span[0], lineEnd(text, story.span[0])] : story.span;
  const split: Split = { story, text, eol: detectEol(text), meansSpan, phrases: found.phrases };
  split.ids = nextIds(story, text, found.phrases.length - 1, copied);
  const edit = story.kind === 'heading' ? splitHeadingStory(split) : splitLineStory(split);
  const verbs = found.phrases.map((phrase) => phrase.verb).join(', ');
  return { title: `Split this story into ${found.phrases.length} stories (${verbs})`, edits: [edit] };
}

/** A one-line story: the new stories are list items right after it, in the same list (paragraphs after a paragraph). */
function splitLineStory(split: Split): Edit {
  const { story, text, meansSpan, phrases } = split;
  const [start, end] = story.span;
  const indent = text.slice(lineStart(text, start), start);
  const original = rewrite(text, start, end, [{ span: meansSpan, text: phrases[0]!.text }]);
  const copies = phrases.slice(1).map((phrase, k) => indent + rewrite(text, start, end, [{ span: meansSpan, text: phrase.text }, ...idEdits(split, k)]));
  const listItem = LIST_MARKER.test(text.slice(start, start + 11));
  return { span: [start, end], text: [original, ...copies].join(listItem ? split.eol : split.eol + split.eol) };
}

/** A list item's marker: "- ", "* ", "1. ", "2) ". */
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

/**
 * A heading story: the new stories are headings of the same level right after it, with the
 * statement, the criteria that test their capability and a reference back for the other sections.
 */
function splitHeadingStory(split: Split): Edit {
  const { story, text, eol } = split;
  const blocks = criteriaBlocks(story, text);
  const owners = blocks ? criteriaOwners(story.criteria, split.phrases) : story.criteria.map(() => 0);
  const edits: Edit[] = [{ span: split.meansSpan, text: split.phrases[0]!.text }];
  const title = titleRegion(story, text);
  const others = new Set(split.phrases.slice(1).map((phrase) => phrase.verb));
  // A title that names the other capabilities ("Create, edit and delete projects") names the first only.
  const titleNamesOthers = title && !within(story.statement!.span, story.titleSpan) && words(story.title).some(({ word }) => others.has(word));
  if (titleNamesOthers) edits.push({ span: title, text: titleOf(split.phrases[0]!) });
  for (const section of blocks ? acceptanceSections(story) : []) {
    const edit = keptCriteria(split, section, blocks!, owners);
    if (edit) edits.push(edit);
  }
  edits.push(noteEdit(split));
  const original = rewrite(text, story.span[0], contentEnd(story, text), edits);
  const copies = split.phrases.slice(1).map((phrase, k) => newHeadingStory(split, phrase, k, blocks, owners));
  return { span: [story.span[0], contentEnd(story, text)], text: [original, ...copies].join(eol + eol) };
}

/** The new story of phrase `k + 1`: heading, statement, references to the original's sections, its criteria. */
function newHeadingStory(split: Split, phrase: CapabilityPhrase, k: number, blocks: Span[] | undefined, owners: readonly number[]): string {
  const { story, text, eol, meansSpan } = split;
  const statement = story.statement!;
  const headingEnd = lineEnd(text, story.span[0]);
  const inHeading = statement.span[1] <= headingEnd;
  const title = titleRegion(story, text);
  const headingEdits = [...idEdits(split, k), inHeading || !title ? { span: meansSpan, text: phrase.text } : { span: title, text: titleOf(phrase) }];
  const parts = [rewrite(text, story.span[0], headingEnd, inHeading ? headingEdits : headingEdits.filter((edit) => edit.span[1] <= headingEnd))];
  if (!inHeading) {
    const end = markupEnd(text, statement.span[1]);
    parts.push(rewrite(text, lineStart(text, statement.span[0]), end, [{ span: meansSpan, text: phrase.text }]));
  }
  const reference = `See ${story.id ? story.id.text : `"${story.title}"`}.`;
  for (const section of story.sections) {
    if (section.kind === 'outcome' || section.kind === 'problem') {
      if (section.style === 'lead-in') parts.push(`${leadInLabel(text, section)} ${reference}`);
      else if (section.style === 'heading') parts.push(text.slice(section.span[0], lineEnd(text, section.span[0])) + eol + eol + reference);
    } else if (section.kind === 'acceptance' && blocks) {
      const here = story.criteria.flatMap((criterion, index) => (within(criterion.span, section.span) ? [index] : []));
      const mine = here.filter((index) => owners[index] === k + 1);
      // The section's label and any lead text before its first criterion, then this story's criteria.
      const label = text.slice(section.span[0], trimmedEnd(text, section.span[0], blocks[here[0]!]![0]));
      if (mine.length > 0) parts.push(label + eol + eol + listOf(split, blocks, mine, '1.'));
    }
  }
  return parts.join(eol + eol);
}

/** The original's criteria section with the criteria that moved taken out (the whole section when none stays). */
function keptCriteria(split: Split, section: Section, blocks: readonly Span[], owners: readonly number[]): Edit | undefined {
  const { story, text } = split;
  const here = story.criteria.flatMap((criterion, index) => (within(criterion.span, section.span) ? [index] : []));
  const kept = here.filter((index) => owners[index] === 0);
  if (here.length === 0 || kept.length === here.length) return undefined;
  const first = blocks[here[0]!]![0];
  const last = blocks[here[here.length - 1]!]![1];
  if (kept.length === 0) {
    // Nothing after the criteria: the section goes; else only its list, and the text after it stays.
    const from = last >= trimmedEnd(text, first, section.span[1]) ? section.span[0] : first;
    return { span: [trimmedEnd(text, story.span[0], from), last], text: '' };
  }
  return { span: [first, last], text: listOf(split, blocks, kept, text.slice(...blocks[here[0]!]!)) };
}

/**
 * The list items `indices` of `blocks`, separated as the list is; an ordered list is numbered
 * again from the number of `firstItem` ("1." for the new story's list).
 */
function listOf(split: Split, blocks: readonly Span[], indices: readonly number[], firstItem: string): string {
  const start = Number(/^\s*(\d{1,9})[.)]/.exec(firstItem)?.[1] ?? 1);
  const items = indices.map((index, k) => split.text.slice(...blocks[index]!).replace(/^(\s*)\d{1,9}([.)])/, (_, indent: string, mark: string) => `${indent}${start + k}${mark}`));
  return items.join(itemGap(split, blocks));
}

/** The line that says where the capabilities went: in the Notes section, or a new one in the story's style. */
function noteEdit(split: Split): Edit {
  const { story, text, eol } = split;
  const names = split.ids ?? split.phrases.slice(1).map((phrase) => `"${titleOf(phrase)}"`);
  const note = `Split into ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}.`;
  const notes = story.sections.filter((section) => section.kind === 'notes' && section.style !== 'front-matter');
  const at = notes.length > 0 ? trimmedEnd(text, story.span[0], notes[notes.length - 1]!.span[1]) : contentEnd(story, text);
  const leadIn = [...story.sections].reverse().find((section) => section.style === 'lead-in');
  const heading = story.sections.find((section) => section.style === 'heading');
  let label = '';
  if (notes.length === 0 && leadIn) label = `${leadInLabel(text, leadIn).replace(leadIn.name, 'Notes')} `;
  else if (notes.length === 0 && heading) label = `${text.slice(heading.span[0], heading.nameSpan[0])}Notes${eol}${eol}`;
  return { span: [at, at], text: eol + eol + label + note };
}

/**
 * The span of each criterion's list item (with its indented continuation lines), or undefined when
 * a criterion is not a list item of an acceptance section (a table row, a Gherkin step): those
 * cannot move one by one, so they all stay with the original.
 */
function criteriaBlocks(story: Story, text: string): Span[] | undefined {
  const sections = acceptanceSections(story);
  const blocks: Span[] = [];
  for (const [index, criterion] of story.criteria.entries()) {
    const section = sections.find((candidate) => within(criterion.span, candidate.span));
    if (!section || !LIST_MARKER.test(text.slice(criterion.span[0], criterion.span[0] + 11))) return undefined;
    const next = story.criteria[index + 1];
    const limit = next && within(next.span, section.span) ? lineStart(text, next.span[0]) : section.span[1];
    let end = lineEnd(text, Math.max(criterion.span[0], criterion.span[1] - 1));
    // Nested lines of the item ("  - sub-point") move with it.
    while (end < limit && /^(?:\r?\n|\r)[ \t]+\S/.test(text.slice(end, end + 200))) end = lineEnd(text, end + 1 + (text[end] === '\r' ? 1 : 0));
    blocks.push([lineStart(text, criterion.span[0]), Math.min(end, limit)]);
  }
  return blocks.length > 0 ? blocks : undefined;
}

/** Where the story's last text ends (a story of one heading ends after its line break). */
const contentEnd = (story: Story, text: string): number => trimmedEnd(text, story.span[0], story.contentEnd);
const acceptanceSections = (story: Story): Section[] => story.sections.filter((section) => section.kind === 'acceptance' && section.style !== 'front-matter');
const within = (span: Span, outer: Span): boolean => span[0] >= outer[0] && span[1] <= outer[1];

/** What separates criteria in the list as written: a line break, or a blank line in a loose list. */
function itemGap(split: Split, blocks: readonly Span[]): string {
  const gap = blocks.length > 1 ? split.text.slice(blocks[0]![1], blocks[1]![0]) : '';
  return /^\s+$/.test(gap) && /\n[ \t]*\r?\n|\r[ \t]*\r/.test(gap) ? split.eol + split.eol : split.eol;
}

/** A lead-in section's label as written: "**Outcome:**", "Problem:". */
function leadInLabel(text: string, section: Section): string {
  let end = section.nameSpan[1];
  while (end < text.length && end < section.nameSpan[1] + 6 && /[^\s]/.test(text[end]!)) end++;
  return text.slice(section.span[0], end);
}

/** The part of the heading that is the title, without the id and what separates them. */
function titleRegion(story: Story, text: string): Span | undefined {
  const [start, end] = story.titleSpan;
  const id = story.id && within(story.id.span, story.titleSpan) ? story.id.span : undefined;
  let from = start;
  let to = end;
  if (id && id[0] - start <= end - id[1]) {
    from = id[1];
    while (from < to && /[\s:|.)\]–—-]/.test(text[from]!)) from++;
  } else if (id) {
    to = id[0];
    while (to > from && /[\s:|([–—-]/.test(text[to - 1]!)) to--;
  }
  return to > from ? [from, to] : undefined;
}

/** The ids of the new stories: the numbers after the highest one with the original's prefix in the file, same width. */
function nextIds(story: Story, text: string, count: number, copied: Span): string[] | undefined {
  const id = story.id;
  if (!id || !within(id.span, copied)) return undefined;
  let digits = id.text.length;
  while (digits > 0 && isDigit(id.text.charCodeAt(digits - 1))) digits--;
  const prefix = id.text.slice(0, digits);
  const width = id.text.length - digits;
  if (width === 0 || prefix === '') return undefined;
  const highest = Math.max(Number(id.text.slice(digits)), highestNumber(text, prefix));
  return Array.from({ length: count }, (_, k) => prefix + String(highest + 1 + k).padStart(width, '0'));
}

/** The highest number after `prefix` in the text, per prefix for the file being linted: every split story of a file reads the same text. */
let numbers: { text: string; highest: Map<string, number> } = { text: '', highest: new Map() };
function highestNumber(text: string, prefix: string): number {
  if (numbers.text !== text) numbers = { text, highest: new Map() };
  const known = numbers.highest.get(prefix);
  if (known !== undefined) return known;
  let highest = 0;
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    if (at > 0 && /[\p{L}\p{N}_]/u.test(text[at - 1]!)) continue;
    let end = at + prefix.length;
    while (end < text.length && end < at + prefix.length + 9 && isDigit(text.charCodeAt(end))) end++;
    if (end === at + prefix.length || (end < text.length && /[\p{L}\p{N}_]/u.test(text[end]!))) continue;
    highest = Math.max(highest, Number(text.slice(at + prefix.length, end)));
  }
  numbers.highest.set(prefix, highest);
  return highest;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The edit that gives copy `k` its new id. */
function idEdits(split: Split, k: number): Edit[] {
  return split.ids && split.story.id ? [{ span: split.story.id.span, text: split.ids[k]! }] : [];
}

/** A title from a capability: "Email the invoice to my accountant". */
const titleOf = (phrase: CapabilityPhrase): string => phrase.text.charAt(0).toUpperCase() + phrase.text.slice(1);

/** The offset where the line holding `offset` starts (a walk back: lastIndexOf('\r') would scan a whole LF file). */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The offset after emphasis markers that close at `offset`: "… the templates.**". */
function markupEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && (text[i] === '*' || text[i] === '_')) i++;
  return i;
}

/** The text of [start, end) with edits (inside it, not overlapping) applied. */
function rewrite(text: string, start: number, end: number, edits: readonly Edit[]): string {
  let result = '';
  let cursor = start;
  for (const edit of [...edits].sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1])) {
    const [from, to] = edit.span;
    result += text.slice(cursor, from) + edit.text;
    cursor = to;
  }
  return result + text.slice(cursor, end);
}
