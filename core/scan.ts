import type { Span } from './rule';

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
  let width = 0;
  let offset = line.start;
  while (offset < line.end) {
    const ch = text[offset];
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
    offset++;
  }
  return { width, offset };
}

const HTML_RAW_OPEN = /^<(script|pre|style|textarea)(?:\s|>|$)/i;
const HTML_BLOCK_TAG =
  /^<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i;
const HTML_ANY_TAG = /^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*\s*>)\s*$/;
/** A list marker; group 1 is the number of an ordered item, group 3 the item's first text. */
const LIST_ITEM = /^(?:[*+-]|(\d{1,9})[.)])([ \t]+|$)(\S?)/;
const THEMATIC_BREAK = /^(?:\*[ \t]*){3,}$|^(?:-[ \t]*){3,}$|^(?:_[ \t]*){3,}$/;

/**
 * Whether a container line (quote or list item) leaves a paragraph open that lazy lines can join:
 * not when its content is empty, a heading, a fence, a thematic break or an HTML block.
 */
function opensParagraph(content: string): boolean {
  // Sticky patterns read marker after marker in place: any depth, one pass over the line.
  const marker = /(?:>[ \t]?|(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$))/y;
  const codeIndent = /(?: {4}| {0,3}\t)/y;
  let at = 0;
  for (;;) {
    marker.lastIndex = at;
    const found = marker.exec(content);
    if (!found || found[0].length === 0) break;
    at += found[0].length;
    // Four columns of indent after a quote marker open indented code, not a paragraph.
    codeIndent.lastIndex = at;
    if (found[0].startsWith('>') && codeIndent.test(content)) return false;
  }
  let inner = content.slice(at);
  inner = inner.replace(/^[ \t]+/, '');
  if (inner === '' || /^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,})/.test(inner) || THEMATIC_BREAK.test(inner)) return false;
  return !inner.startsWith('<') || htmlBlockEnd(inner, false) === undefined;
}

/** Lines that start a new block and so end a lazy paragraph continuation. */
function startsBlock(content: string): boolean {
  return /^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|>|<)/.test(content) || THEMATIC_BREAK.test(content) || LIST_ITEM.test(content);
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

  // The first line of the paragraph being read, or -1; a setext underline turns it into a heading.
  let paragraphStart = -1;
  let paragraphInContainer = false;
  // Content indent of the open top-level list item, or -1: lines indented that far belong to it.
  let listIndent = -1;
  let previousBlank = true;
  let emptyItemOpen = false;
  let inIndentedCode = false;

  while (index < lines.length) {
    const line = lines[index]!;
    const { width, offset } = indentOf(text, line);
    const content = text.slice(offset, line.end);
    const blank = isBlankLine(content);

    if (blank) {
      paragraphStart = -1;
      previousBlank = true;
      // An item that is empty up to a blank line has ended: what follows is outside the list.
      if (emptyItemOpen) listIndent = -1;
      emptyItemOpen = false;
      index++;
      continue;
    }
    const wasBlank = previousBlank;
    previousBlank = false;
    let continuesList = false;
    emptyItemOpen = false;
    // micromark takes a lone inline tag ("<br>") after a list or quote paragraph as that
    // paragraph's last lazy line and closes the container behind it: do the same.
    if (
      !wasBlank &&
      paragraphStart !== -1 &&
      paragraphInContainer &&
      width < (listIndent === -1 ? 4 : listIndent) &&
      HTML_ANY_TAG.test(content) &&
      htmlBlockEnd(content, true) === undefined
    ) {
      paragraphStart = -1;
      listIndent = -1;
      index++;
      continue;
    }
    if (listIndent !== -1) {
      // Inside a list item: indented lines, and lazy continuation lines of its paragraph.
      const lazy = !wasBlank && paragraphStart !== -1 && !startsBlock(content);
      if (width >= listIndent || lazy) {
        if (paragraphStart === -1) paragraphStart = index;
        index++;
        continue;
      }
      listIndent = -1;
      continuesList = true;
    }
    const afterIndentedCode = inIndentedCode;
    inIndentedCode = false;
    if (width >= 4) {
      // Indented code, unless it continues a paragraph; either way no heading starts here.
      inIndentedCode = paragraphStart === -1;
      index++;
      continue;
    }

    const fence = /^(`{3,}|~{3,})/.exec(content);
    if (fence && !(fence[1]![0] === '`' && content.slice(fence[1]!.length).includes('`'))) {
      const marker = fence[1]!;
      index++;
      while (index < lines.length) {
        const inner = lines[index]!;
        const innerIndent = indentOf(text, inner);
        const innerContent = text.slice(innerIndent.offset, inner.end);
        index++;
        if (
          innerIndent.width < 4 &&
          innerContent.startsWith(marker[0]!.repeat(marker.length)) &&
          new RegExp(`^\\${marker[0]}+[ \\t]*$`).test(innerContent)
        ) {
          break;
        }
      }
      paragraphStart = -1;
      continue;
    }

    if (content.startsWith('<')) {
      const closing = htmlBlockEnd(content, paragraphStart !== -1);
      if (closing !== undefined) {
        if (closing === 'blank') {
          while (index < lines.length && !isBlankLine(text.slice(lines[index]!.start, lines[index]!.end))) index++;
        } else {
          // The opening line may close the block itself ("<!-- note -->").
          let searchFrom = offset + 2;
          while (index < lines.length) {
            const inner = lines[index]!;
            index++;
            if (text.slice(Math.max(inner.start, searchFrom), inner.end).includes(closing)) break;
            searchFrom = 0;
          }
        }
        paragraphStart = -1;
        continue;
      }
    }

    const atx = /^(#{1,6})(?:[ \t]|$)/.exec(content);
    if (atx) {
      headings.push({
        level: atx[1]!.length,
        span: [offset, line.end],
        textSpan: atxTextSpan(text, offset + atx[1]!.length, line.end),
      });
      paragraphStart = -1;
      index++;
      continue;
    }

    const setext = /^(=+|-+)[ \t]*$/.exec(content);
    if (setext && paragraphStart !== -1 && !paragraphInContainer) {
      const first = lines[paragraphStart]!;
      const firstIndent = indentOf(text, first);
      const textEnd = trimEnd(text, firstIndent.offset, lines[index - 1]!.end);
      headings.push({
        level: setext[1]![0] === '=' ? 1 : 2,
        span: [firstIndent.offset, line.end],
        textSpan: [firstIndent.offset, textEnd],
      });
      paragraphStart = -1;
      index++;
      continue;
    }

    const item = LIST_ITEM.exec(content);
    if (item) {
      // An empty item or one numbered other than 1 cannot interrupt a paragraph: then it is text.
      // Within a list, any marker starts the next item.
      // micromark also lets any marker end a quoted paragraph, but no empty item follow indented code.
      const interrupts =
        (paragraphStart === -1 && !(afterIndentedCode && item[3] === '')) ||
        continuesList ||
        (paragraphStart !== -1 && paragraphInContainer) ||
        (item[3] !== '' && (item[1] === undefined || item[1] === '1'));
      if (interrupts) {
        listIndent = width + item[0].length - item[3].length;
        if (item[3] === '' || /^\s{5,}/.test(item[0].slice(item[0].search(/[*+\-.)]/) + 1))) listIndent = width + item[0].search(/[*+\-.)]/) + 2;
        // An empty item has no paragraph: the next unindented line starts a new block.
        paragraphStart = opensParagraph(content) ? index : -1;
        paragraphInContainer = true;
        emptyItemOpen = item[3] === '';
        index++;
        continue;
      }
    }
    if (content.startsWith('>')) {
      // A quoted heading, fence or blank line leaves no paragraph open for lazy lines to join.
      paragraphStart = opensParagraph(content) ? index : -1;
      paragraphInContainer = true;
      index++;
      continue;
    }
    if (THEMATIC_BREAK.test(content)) {
      paragraphStart = -1;
      index++;
      continue;
    }
    if (paragraphStart === -1) {
      paragraphStart = index;
      paragraphInContainer = false;
    }
    index++;
  }

  return { bodyStart, frontMatter, headings };
}

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

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function atxTextSpan(text: string, from: number, lineEnd: number): Span {
  let start = from;
  while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
  let end = trimEnd(text, start, lineEnd);
  // An optional closing sequence of #s, preceded by a space, is not part of the text.
  let hashes = end;
  while (hashes > start && text[hashes - 1] === '#') hashes--;
  if (hashes === start) end = start;
  else if (hashes < end && (text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) end = trimEnd(text, start, hashes);
  return [start, end];
}
