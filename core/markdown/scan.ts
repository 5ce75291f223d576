import type { Span } from '../engine/rule';
import { trimmedEnd } from './text';

/**
 * A cheap line scan that finds the block structure a story split needs: front matter and the
 * document's top-level headings, skipping code fences and HTML blocks. The engine then parses each
 * heading's chunk on its own, which keeps parse time linear in the file size and lets an edit
 * re-parse only the chunk it touched.
 */
export interface ScannedHeading {
  level: number;
  /** From the first character of the heading to the end of its last line (no line ending). */
  span: Span;
  /** The heading's text without markers and surrounding white space. */
  textSpan: Span;
}

export interface FrontMatter {
  /** From the opening to the end of the closing fence line. */
  span: Span;
  /** The YAML between the fences. */
  contentSpan: Span;
}

export interface Scan {
  /** Offset after a byte-order mark, if any. */
  bodyStart: number;
  frontMatter?: FrontMatter;
  headings: ScannedHeading[];
}

interface Line {
  start: number;
  /** End of the content, before the line ending. */
  end: number;
  /** Start of the next line. */
  next: number;
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10 && (next === end || text.charCodeAt(end) === 13)) next++;
    if (next === end) next = end + 1;
    lines.push({ start, end, next: Math.min(next, text.length) });
    if (next >= text.length) break;
    start = next;
  }
  return lines;
}

/** Leading spaces, counting a tab as reaching the next multiple of four. */
function indentOf(text: string, line: Line): { width: number; offset: number } {
  let offset = line.start;
  while (offset < line.end && (text[offset] === ' ' || text[offset] === '\t')) offset++;
  return { width: columnsSpanned(text.slice(line.start, offset), 0), offset };
}

/** Columns that text starting at `column` takes up: a tab reaches the next multiple of four. */
function columnsSpanned(part: string, column: number): number {
  let end = column;
  for (const ch of part) end += ch === '\t' ? 4 - (end % 4) : 1;
  return end - column;
}

// White space in these tags is spaces and tabs, as in CommonMark: `\s` would also take U+FEFF and other text.
const HTML_RAW_OPEN = /^<(script|pre|style|textarea)(?:[ \t]|>|$)/i;
const HTML_BLOCK_TAG =
  /^<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i;
const HTML_ANY_TAG = /^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:[ \t][^<>]*)?\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*[ \t]*>)[ \t]*$/;
/** A list marker; group 1 is the number of an ordered item, group 3 the item's first text (U+FEFF is text too). */
const LIST_ITEM = /^(?:[*+-]|(\d{1,9})[.)])([ \t]+|$)([^ \t]?)/;
const THEMATIC_BREAK = /^(?:\*[ \t]*){3,}$|^(?:-[ \t]*){3,}$|^(?:_[ \t]*){3,}$/;

/** The containers a quoted paragraph sits in, outermost first: '>' for a block quote, a number for a list item's content indent. */
type QuotePath = readonly ('>' | number)[];

/**
 * The containers of the paragraph a block quote line (with any list markers in it) leaves open for
 * lazy lines to join, given those of the paragraph open above it: none when its content is empty,
 * a heading, a fence, a thematic break or an HTML block.
 */
function quotedParagraph(content: string, lineColumn: number, openAbove: QuotePath | undefined): QuotePath | undefined {
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

/** Lines that start a new block and so end a lazy paragraph continuation. */
function startsBlock(content: string): boolean {
  // Inline HTML ("<b> text") is no block start: only the HTML blocks that may interrupt a paragraph are.
  if (content.startsWith('<')) return htmlBlockEnd(content, true) !== undefined;
  return /^(?:#{1,6}(?:[ \t]|$)|>)/.test(content) || fenceOpening(content) !== undefined || THEMATIC_BREAK.test(content) || LIST_ITEM.test(content);
}

/** The fence a line opens code with, if any: a backtick fence's info text holds no backtick ("``` `x` " is inline code). */
function fenceOpening(content: string): string | undefined {
  const fence = /^(?:`{3,}|~{3,})/.exec(content)?.[0];
  return fence && !(fence[0] === '`' && content.includes('`', fence.length)) ? fence : undefined;
}

export function scan(text: string): Scan {
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = splitLines(text, bodyStart);
  const headings: ScannedHeading[] = [];
  let index = 0;
  let frontMatter: FrontMatter | undefined;

  if (lines.length > 0 && /^---[ \t]*$/.test(text.slice(lines[0]!.start, lines[0]!.end))) {
    for (let i = 1; i < lines.length; i++) {
      const content = text.slice(lines[i]!.start, lines[i]!.end);
      if (/^(?:---|\.\.\.)[ \t]*$/.test(content)) {
        frontMatter = {
          span: [lines[0]!.start, lines[i]!.end],
          contentSpan: [lines[1]!.start, i > 1 ? lines[i - 1]!.end : lines[1]!.start],
        };
        index = i + 1;
        break;
      }
    }
  }

  const document = openContainer(0);
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const { width, offset } = indentOf(text, line);
    // Each container takes the line in turn and hands what is left of it to the item open inside it.
    let into: Descent | undefined = { container: document, column: width, lineColumn: width, content: text.slice(offset, line.end) };
    // Only the document's headings split the file.
    while (into) into = readLine(into, { text, lines, index }, into.container === document ? headings : undefined);
  }

  return { bodyStart, frontMatter, headings };
}

/**
 * The open blocks of a container: the document, or a list item, which holds blocks of its own.
 * Block quotes are read in one go per line (see quotedParagraph).
 */
interface Container {
  /** Columns a line needs to belong to this list item. */
  indent: number;
  /** The first line of the open paragraph, or -1; a setext underline turns it into a heading. */
  paragraphStart: number;
  /** Set when the open paragraph is a block quote's: no setext heading, and any list marker ends it. */
  quotePath?: QuotePath;
  /** The fence of the open fenced code block. */
  fence?: string;
  /** What ends the open HTML block ('blank' for a blank line). */
  htmlEnd?: string;
  inIndentedCode: boolean;
  /** The last line read here was a block quote's: a line that does not continue the quote is lazy. */
  afterQuoteLine: boolean;
  /** A list item with no content yet: a blank line ends it. */
  empty: boolean;
  /** The list item open inside this container. */
  item?: Container;
}

const openContainer = (indent: number): Container => ({ indent, paragraphStart: -1, inIndentedCode: false, afterQuoteLine: false, empty: false });

/** A line, or what is left of it inside a list item: its indent in columns and its text after that. */
interface Descent {
  container: Container;
  column: number;
  /** The column of the content in the whole line, from which tabs after a list marker expand. */
  lineColumn: number;
  content: string;
  /** An item opened earlier on this line interrupted a paragraph or indented code (see readLine's list markers). */
  interrupting?: boolean;
}

/**
 * Reads one line into a container; returns the rest of the line when it belongs to the list item
 * open inside. Headings the line ends go to `headings`, if given.
 */
function readLine(
  { container: box, column, lineColumn, content, interrupting = false }: Descent,
  { text, lines, index }: { text: string; lines: readonly Line[]; index: number },
  headings: ScannedHeading[] | undefined,
): Descent | undefined {
  if (box.fence !== undefined) {
    const marker = box.fence;
    if (column < 4 && content.startsWith(marker) && new RegExp(`^\\${marker[0]}+[ \\t]*$`).test(content)) box.fence = undefined;
    return undefined;
  }
  if (box.htmlEnd !== undefined) {
    if (box.htmlEnd === 'blank' ? isBlankLine(content) : content.includes(box.htmlEnd)) box.htmlEnd = undefined;
    return undefined;
  }
  const quoteAbove = box.afterQuoteLine;
  box.afterQuoteLine = false;
  if (isBlankLine(content)) {
    box.paragraphStart = -1;
    // An item that is empty up to a blank line has ended: what follows is outside the list.
    if (box.item?.empty) box.item = undefined;
    return box.item && { container: box.item, column: 0, lineColumn, content: '' };
  }

  let continuesList = false;
  if (box.item) {
    const item = box.item;
    if (column >= item.indent) {
      item.empty = false;
      return { container: item, column: column - item.indent, lineColumn, content };
    }
    let innermost = item;
    while (innermost.item) innermost = innermost.item;
    if (innermost.paragraphStart !== -1) {
      // micromark reads a lone inline tag ("<br>") after a list paragraph as a lazy line that opens
      // an HTML block in the innermost item: lines indented for the item continue that block.
      if (isLoneInlineTag(content)) {
        innermost.paragraphStart = -1;
        innermost.htmlEnd = 'blank';
        return undefined;
      }
      // A lazy continuation line of the innermost paragraph.
      if (!startsBlock(content)) return undefined;
    }
    box.item = undefined;
    continuesList = true;
  } else if (box.paragraphStart !== -1 && box.quotePath !== undefined && column < 4 && isLoneInlineTag(content)) {
    // The same for a quoted paragraph; the next line that is not the quote's ends its HTML block.
    box.paragraphStart = -1;
    return undefined;
  }

  const afterIndentedCode = box.inIndentedCode;
  box.inIndentedCode = false;
  if (column >= 4) {
    // Indented code, unless it continues a paragraph; either way no heading starts here.
    // Below a quote line this line is lazy, and micromark ends code that starts on a lazy line with it.
    box.inIndentedCode = box.paragraphStart === -1 && !quoteAbove;
    return undefined;
  }

  const fence = fenceOpening(content);
  if (fence) {
    box.fence = fence;
    box.paragraphStart = -1;
    return undefined;
  }

  if (content.startsWith('<')) {
    const closing = htmlBlockEnd(content, box.paragraphStart !== -1);
    if (closing !== undefined) {
      // The opening line may close the block itself ("<!-- note -->").
      if (closing === 'blank' || !content.slice(2).includes(closing)) box.htmlEnd = closing;
      box.paragraphStart = -1;
      return undefined;
    }
  }

  const atx = /^(#{1,6})(?:[ \t]|$)/.exec(content);
  if (atx) {
    const end = lines[index]!.end;
    // The content runs to the end of the line.
    const start = end - content.length;
    headings?.push({ level: atx[1]!.length, span: [start, end], textSpan: atxTextSpan(text, start + atx[1]!.length, end) });
    box.paragraphStart = -1;
    return undefined;
  }

  const setext = /^(=+|-+)[ \t]*$/.exec(content);
  if (setext && box.paragraphStart !== -1 && box.quotePath === undefined) {
    if (headings) {
      const first = indentOf(text, lines[box.paragraphStart]!).offset;
      headings.push({ level: setext[1]![0] === '=' ? 1 : 2, span: [first, lines[index]!.end], textSpan: [first, trimmedEnd(text, first, lines[index - 1]!.end)] });
    }
    box.paragraphStart = -1;
    return undefined;
  }

  // Before list items: "- ---" is a thematic break, not an item.
  if (THEMATIC_BREAK.test(content)) {
    box.paragraphStart = -1;
    return undefined;
  }

  const item = LIST_ITEM.exec(content);
  if (item) {
    // An empty item or one numbered other than 1 cannot interrupt a paragraph: then it is text.
    // Within a list, any marker starts the next item.
    // A quoted paragraph ends with its quote, so any marker may follow it. micromark judges a marker
    // as if it interrupted a paragraph after indented code, or after a marker on the same line that did.
    const judgedAsInterrupting = (box.paragraphStart !== -1 && box.quotePath === undefined) || afterIndentedCode || interrupting;
    const interrupts =
      !judgedAsInterrupting ||
      continuesList ||
      (item[3] !== '' && (item[1] === undefined || item[1] === '1'));
    if (interrupts) {
      const markerEnd = item[0].length - item[2]!.length - item[3]!.length;
      // In columns: a tab after the marker reaches the next multiple of four in the line.
      const spaces = columnsSpanned(item[2]!, lineColumn + markerEnd);
      box.paragraphStart = -1;
      if (item[3] === '') {
        box.item = openContainer(column + markerEnd + 1);
        box.item.empty = true;
        return undefined;
      }
      // Five spaces after the marker: the item's content starts one space in, as indented code.
      const codeIndent = spaces >= 5;
      box.item = openContainer(column + markerEnd + (codeIndent ? 1 : spaces));
      return {
        container: box.item,
        column: codeIndent ? spaces - 1 : 0,
        lineColumn: lineColumn + markerEnd + spaces,
        content: content.slice(markerEnd + item[2]!.length),
        // A marker that ends the previous item of a list interrupts nothing.
        interrupting: judgedAsInterrupting && !continuesList,
      };
    }
  }
  if (content.startsWith('>')) {
    // A quoted heading, fence or blank line leaves no paragraph open for lazy lines to join.
    // Indented code above counts as an open paragraph whose containers this line reaches, as for list markers.
    const openAbove = box.paragraphStart !== -1 ? (box.quotePath ?? []) : afterIndentedCode || interrupting ? [] : undefined;
    box.quotePath = quotedParagraph(content, lineColumn, openAbove);
    box.paragraphStart = box.quotePath ? index : -1;
    box.afterQuoteLine = true;
    return undefined;
  }
  if (box.paragraphStart === -1) {
    box.paragraphStart = index;
    box.quotePath = undefined;
  }
  return undefined;
}

/** An inline tag alone on its line ("<br>"), which does not open an HTML block after a paragraph. */
const isLoneInlineTag = (content: string): boolean => HTML_ANY_TAG.test(content) && htmlBlockEnd(content, true) === undefined;

/** What ends an HTML block opened by this line ('blank' for a blank line), or undefined. */
function htmlBlockEnd(content: string, interruptsParagraph: boolean): string | undefined {
  if (content.startsWith('<!--')) return '-->';
  const raw = HTML_RAW_OPEN.exec(content);
  if (raw) return `</${raw[1]!.toLowerCase()}>`;
  if (content.startsWith('<?')) return '?>';
  if (content.startsWith('<![CDATA[')) return ']]>';
  if (/^<![A-Za-z]/.test(content)) return '>';
  if (HTML_BLOCK_TAG.test(content)) return 'blank';
  if (!interruptsParagraph && HTML_ANY_TAG.test(content)) return 'blank';
  return undefined;
}

/** CommonMark's blank line: spaces and tabs only. `trim()` would also drop U+FEFF and other Unicode spaces, which are text. */
const isBlankLine = (line: string): boolean => /^[ \t]*$/.test(line);

function atxTextSpan(text: string, from: number, lineEnd: number): Span {
  let start = from;
  while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
  let end = trimmedEnd(text, start, lineEnd);
  // An optional closing sequence of #s, preceded by a space, is not part of the text.
  let hashes = end;
  while (hashes > start && text[hashes - 1] === '#') hashes--;
  if (hashes === start) end = start;
  else if (hashes < end && (text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) end = trimmedEnd(text, start, hashes);
  return [start, end];
}
