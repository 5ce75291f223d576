// The suggestion atomic-story offers: the edit that splits a story whose means holds two
// capabilities into two stories. Separate from the rule, which finds capabilities; this writes text.
import { detectEol, type Edit, mapSpan, type Span, type Story, trimmedEnd, words } from '../core/api';

/** Words that open a noun phrase: "export reports and the invoices" is one capability, not two. */
const NOUN_OPENERS = new Set(['the', 'a', 'an', 'my', 'our', 'their', 'his', 'her', 'its', 'your', 'all', 'some', 'any', 'each', 'every', 'this', 'that', 'these', 'those', 'other', 'more']);
const OPENERS = new Set(['(', '[', '{', '"', '“', '‘']);
const CLOSERS = new Set([')', ']', '}', '"', '”', '’']);

/**
 * Splits a means like "export my reports and share them with my team" on its only top-level
 * " and " when both sides are verb phrases of at least two words; undefined when the split is not
 * clean (lists with commas, "and" inside brackets or quotes, a noun phrase after "and").
 * Returns [start, end) offsets of the two phrases in `means`.
 */
export function splitMeans(means: string): [left: [number, number], right: [number, number]] | undefined {
  if (means.includes(',') || means.includes(';')) return undefined;
  const list = words(means);
  const depthAt = new Array<number>(means.length + 1).fill(0);
  let depth = 0;
  for (let i = 0; i < means.length; i++) {
    const ch = means[i]!;
    // A straight quote toggles: it opens when nothing is open, else it closes.
    if (ch === '"') depth = depth > 0 ? depth - 1 : depth + 1;
    else if (OPENERS.has(ch)) depth++;
    else if (CLOSERS.has(ch)) depth = Math.max(0, depth - 1);
    depthAt[i + 1] = depth;
  }
  const ands = list.map((word, index) => ({ word, index })).filter(({ word }) => word.word === 'and' && depthAt[word.start] === 0);
  if (ands.length !== 1) return undefined;
  const { word: and, index } = ands[0]!;
  let rightFirst = index + 1;
  if (list[rightFirst]?.word === 'to') rightFirst++;
  const left = list.slice(0, index);
  const right = list.slice(rightFirst);
  if (left.length < 2 || right.length < 2 || NOUN_OPENERS.has(right[0]!.word)) return undefined;
  return [
    [0, trimmedEnd(means, 0, and.start)],
    [right[0]!.start, means.length],
  ];
}

/**
 * The edit that turns a story whose means holds two capabilities into two stories, one capability
 * each: the second is a copy with the other capability, titled after it and without the id (ids
 * are the tracker's to give). Undefined when the means does not split cleanly.
 */
export function splitStoryEdit(story: Story, text: string): Edit | undefined {
  const statement = story.statement;
  const means = statement?.parts.means;
  if (!statement || !means || story.kind === 'file') return undefined;
  const split = splitMeans(means.text);
  if (!split) return undefined;
  const [[, leftEnd], [rightStart]] = split;
  const leftEndSpan = mapSpan(statement, means.start + leftEnd, means.start + leftEnd);
  const rightSpan = mapSpan(statement, means.start + rightStart, means.end);
  const start = story.span[0];
  const end = story.kind === 'heading' ? story.contentEnd : story.span[1];

  const first = rewrite(text, start, end, [{ span: [leftEndSpan[0], means.span[1]], text: '' }]);
  const secondEdits: Edit[] = [{ span: [means.span[0], rightSpan[0]], text: '' }];
  const headingHoldsStatement = statement.span[0] >= story.titleSpan[0] && statement.span[1] <= story.titleSpan[1];
  if (story.kind === 'heading' && !headingHoldsStatement) {
    const capability = text.slice(rightSpan[0], rightSpan[1]);
    secondEdits.push({ span: story.titleSpan, text: capability.charAt(0).toUpperCase() + capability.slice(1) });
  } else if (story.id && story.id.span[1] <= statement.span[0]) {
    secondEdits.push({ span: [story.id.span[0], statement.span[0]], text: '' });
  }
  const second = rewrite(text, start, end, secondEdits);
  const eol = detectEol(text);
  const separator = story.kind === 'heading' ? eol + eol : eol;
  return { span: [start, end], text: first + separator + second };
}

/** The text of [start, end) with edits (inside it, not overlapping) applied. */
function rewrite(text: string, start: number, end: number, edits: readonly Edit[]): string {
  let result = '';
  let cursor = start;
  for (const edit of [...edits].sort((a, b) => a.span[0] - b.span[0])) {
    const [from, to]: Span = edit.span;
    result += text.slice(cursor, from) + edit.text;
    cursor = to;
  }
  return result + text.slice(cursor, end);
}
