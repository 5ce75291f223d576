import { columnsSpanned, fenceOpening, htmlBlockEnd, isBlankLine, THEMATIC_BREAK } from './block-starts';

/**
 * Block quote lines for the line scan (scan.ts): a quote line is read in one go, with the list
 * markers nested in it, to tell which paragraph it leaves open for lazy lines to join.
 */

/** The containers a quoted paragraph sits in, outermost first: '>' for a block quote, a number for a list item's content indent. */
export type QuotePath = readonly ('>' | number)[];

/**
 * The containers of the paragraph a block quote line (with any list markers in it) leaves open for
 * lazy lines to join, given those of the paragraph open above it: none when its content is empty,
 * a heading, a fence, a thematic break or an HTML block.
 */
export function quotedParagraph(content: string, lineColumn: number, openAbove: QuotePath | undefined): QuotePath | undefined {
  const path: ('>' | number)[] = [];
  let at = 0;
  // A line that reaches every container of the open paragraph continues it: then, as in micromark,
  // no list item that is empty or numbered other than 1 starts on it, even inside a new quote.
  let continues = openAbove !== undefined;
  for (const step of openAbove ?? []) {
    const quote = / {0,3}>[ \t]?/y;
    quote.lastIndex = at;
    const reached = step === '>' ? quote.test(content) : content.startsWith(' '.repeat(step), at);
    if (!reached) {
      continues = false;
      path.length = 0;
      at = 0;
      break;
    }
    at = step === '>' ? quote.lastIndex : at + step;
    path.push(step);
  }
  const thematicBreak = thematicBreakTail(content);
  let column = lineColumn + columnsSpanned(content.slice(0, at), lineColumn);
  // A sticky pattern reads marker after marker in place: any depth, one pass over the line. A marker
  // may be indented up to three spaces inside a quote (">   - " holds an empty item). Group 1 is a
  // quote marker, 2 an ordered item's number, 3 the white space after the marker.
  const marker = / {0,3}(?:(>)|(?:[*+-]|(\d{1,9})[.)])(?=[ \t]|$))([ \t]*)/y;
  for (;;) {
    marker.lastIndex = at;
    const found = marker.exec(content);
    if (!found) break;
    const isQuote = found[1] !== undefined;
    const markerEnd = marker.lastIndex - found[3]!.length;
    const restIsBlank = isBlankLine(content.slice(marker.lastIndex));
    if (!isQuote) {
      // "* * *" is a thematic break before it is a list item.
      if (markerEnd - 1 >= thematicBreak.from && markerEnd - 1 <= thematicBreak.to) break;
      if (continues && (restIsBlank || (found[2] !== undefined && found[2] !== '1'))) break;
    }
    const markerColumn = column + columnsSpanned(content.slice(at, markerEnd), column);
    const spaces = columnsSpanned(found[3]!, markerColumn);
    // Indented code, not a paragraph: four columns after a quote marker and its optional space, or
    // five after a list marker (the item's content starts one column in).
    if (spaces >= 5 && !restIsBlank) return undefined;
    path.push(isQuote ? '>' : markerEnd - at + spaces);
    at = marker.lastIndex;
    column = markerColumn + spaces;
  }
  let inner = content.slice(at);
  inner = inner.replace(/^[ \t]+/, '');
  if (inner === '' || /^#{1,6}(?:[ \t]|$)/.test(inner) || fenceOpening(inner) !== undefined || THEMATIC_BREAK.test(inner)) return undefined;
  return !inner.startsWith('<') || htmlBlockEnd(inner, false) === undefined ? path : undefined;
}

/**
 * Where a thematic break that runs to the end of the line may start: at a break character from
 * `from` to `to` (the third one from the end), so the line is read once, not at each marker.
 */
function thematicBreakTail(content: string): { from: number; to: number } {
  let kind: string | undefined;
  let count = 0;
  let from = content.length;
  let to = -1;
  for (let i = content.length - 1; i >= 0; i--) {
    const ch = content[i]!;
    if (ch === ' ' || ch === '\t') continue;
    kind ??= '*-_'.includes(ch) ? ch : '';
    if (ch !== kind) break;
    from = i;
    if (++count === 3) to = i;
  }
  return { from, to };
}