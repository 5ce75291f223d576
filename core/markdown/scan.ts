import type { Span } from '../engine/rule';
import { type QuotePath, quotedParagraph } from './block-quote';
import { columnsSpanned, fenceOpening, htmlBlockEnd, isBlankLine, isLoneInlineTag, LIST_ITEM, startsBlock, THEMATIC_BREAK } from './block-starts';
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

/** The line being read: the text, its lines and the line's index. */
interface LineAt {
  text: string;
  lines: readonly Line[];
  index: number;
}

/**
 * Reads one line into a container; returns the rest of the line when it belongs to the list item
 * open inside. Headings the line ends go to `headings`, if given.
 */
function readLine(descent: Descent, at: LineAt, headings: ScannedHeading[] | undefined): Descent | undefined {
  const { container: box, column, lineColumn, content, interrupting = false } = descent;
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
    if (readLazyLine(item, content)) return undefined;
    box.item = undefined;
    continuesList = true;
  } else if (box.paragraphStart !== -1 && box.quotePath !== undefined && column < 4 && isLoneInlineTag(content)) {
    // As for a list paragraph (readLazyLine); the next line that is not the quote's ends its HTML block.
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
  if (readLeafBlock(box, content, at, headings)) {
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
    // A marker that ends the previous item of a list interrupts nothing.
    if (interrupts) return openListItem(box, item, column, lineColumn, content, judgedAsInterrupting && !continuesList);
  }
  readTextLine(box, content, lineColumn, at.index, afterIndentedCode || interrupting);
  return undefined;
}

/**
 * A line less indented than the open list item: true when it is a lazy line of the innermost
 * paragraph (and so read), false when it ends the item.
 */
function readLazyLine(item: Container, content: string): boolean {
  let innermost = item;
  while (innermost.item) innermost = innermost.item;
  if (innermost.paragraphStart === -1) return false;
  // micromark reads a lone inline tag ("<br>") after a list paragraph as a lazy line that opens
  // an HTML block in the innermost item: lines indented for the item continue that block.
  if (isLoneInlineTag(content)) {
    innermost.paragraphStart = -1;
    innermost.htmlEnd = 'blank';
    return true;
  }
  // A lazy continuation line of the innermost paragraph.
  return !startsBlock(content);
}

/**
 * A line that opens a fence or an HTML block, or is a heading or a thematic break: true when it
 * is (it then ends the open paragraph; the caller closes it). Headings go to `headings`, if given.
 */
function readLeafBlock(box: Container, content: string, { text, lines, index }: LineAt, headings: ScannedHeading[] | undefined): boolean {
  const fence = fenceOpening(content);
  if (fence) {
    box.fence = fence;
    return true;
  }

  if (content.startsWith('<')) {
    const closing = htmlBlockEnd(content, box.paragraphStart !== -1);
    if (closing !== undefined) {
      // The opening line may close the block itself ("<!-- note -->").
      if (closing === 'blank' || !content.slice(2).includes(closing)) box.htmlEnd = closing;
      return true;
    }
  }

  const atx = /^(#{1,6})(?:[ \t]|$)/.exec(content);
  if (atx) {
    const end = lines[index]!.end;
    // The content runs to the end of the line.
    const start = end - content.length;
    headings?.push({ level: atx[1]!.length, span: [start, end], textSpan: atxTextSpan(text, start + atx[1]!.length, end) });
    return true;
  }

  const setext = /^(=+|-+)[ \t]*$/.exec(content);
  if (setext && box.paragraphStart !== -1 && box.quotePath === undefined) {
    if (headings) {
      const first = indentOf(text, lines[box.paragraphStart]!).offset;
      headings.push({ level: setext[1]![0] === '=' ? 1 : 2, span: [first, lines[index]!.end], textSpan: [first, trimmedEnd(text, first, lines[index - 1]!.end)] });
    }
    return true;
  }

  // Before list items: "- ---" is a thematic break, not an item.
  return THEMATIC_BREAK.test(content);
}

/** Opens the list item a marker starts; returns the rest of the line, its first content, if any. */
function openListItem(box: Container, item: RegExpExecArray, column: number, lineColumn: number, content: string, interrupting: boolean): Descent | undefined {
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
    interrupting,
  };
}

/**
 * A block quote line or a line of paragraph text. `afterInterruption`: indented code or an item
 * that interrupted came before, which counts as an open paragraph whose containers this line
 * reaches, as for list markers.
 */
function readTextLine(box: Container, content: string, lineColumn: number, index: number, afterInterruption: boolean): void {
  if (content.startsWith('>')) {
    // A quoted heading, fence or blank line leaves no paragraph open for lazy lines to join.
    const openAbove = box.paragraphStart !== -1 ? (box.quotePath ?? []) : afterInterruption ? [] : undefined;
    box.quotePath = quotedParagraph(content, lineColumn, openAbove);
    box.paragraphStart = box.quotePath ? index : -1;
    box.afterQuoteLine = true;
    return;
  }
  if (box.paragraphStart === -1) {
    box.paragraphStart = index;
    box.quotePath = undefined;
  }
}


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
