import type { Blockquote, Code, Heading, Html, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { BACKTICK, GREATER_THAN, HASH, isDigit, isSpace, isWordChar, NEWLINE, SPACE, STAR, UNDERSCORE, UNSUPPORTED, unsupported } from './fast-chars';
import { InlineParser } from './fast-inline';
import { appendAll } from './text';

/*
 * A fast path for the Markdown most backlogs are made of: ATX headings, paragraphs (with hard
 * breaks), tight one-line lists, one-line quotes, fenced code, HTML comments, and inline text with
 * `**strong**`, `code` spans and plain `[text](url)` links. It builds exactly the tree remark-parse
 * builds (same nodes, values and positions), about ten times faster, and returns undefined as soon
 * as a chunk holds anything else (longer quotes, nested or loose lists, reference links, escapes,
 * entities, tabs...): the caller then parses with remark. A chunk that stays in the subset never
 * loads remark's code, which is most of a cold run's cost (the pre-commit case).
 * tests/fast-parse.test.ts checks the equality on the benchmark-style corpus and on generated text.
 */

export function fastParse(text: string): Root | undefined {
  // Tabs, carriage returns, NUL and escapes change columns, line endings or values: remark's job.
  if (/[\t\r\0\\]/.test(text) || text.includes(']:')) return undefined;
  try {
    return new FastParser(text).parse();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

/** The block structure; the inline parser it extends owns the text, its line index and positions. */
class FastParser extends InlineParser {
  /** Where each line starts (the texts taken here have no carriage returns). */
  private readonly lineStarts: ArrayLike<number>;

  constructor(text: string) {
    super(text);
    this.lineStarts = this.lines.lineStarts;
  }

  parse(): Root {
    const children: RootContent[] = [];
    const lineCount = this.text.endsWith('\n') || this.text === '' ? this.lineStarts.length - 1 : this.lineStarts.length;
    let line = 0;
    while (line < lineCount) {
      const start = this.lineStarts[line]!;
      const end = this.lineEnd(line);
      if (start === end) {
        line++;
        continue;
      }
      const first = this.text.charCodeAt(start);
      if (first === HASH) line = this.heading(line, children);
      // Only reached at a block boundary: after a paragraph line, "---" would be a setext underline.
      else if (isThematicBreak(this.text, start, end)) line = this.thematicBreak(line, children);
      else if (this.startsWith(start, '```') || this.startsWith(start, '~~~')) line = this.fence(line, lineCount, children);
      else if (this.startsWith(start, '<!--')) line = this.comment(line, lineCount, children);
      else if (first === GREATER_THAN) line = this.quote(line, lineCount, children);
      else if (listMarker(this.text, start, end)) line = this.list(line, lineCount, children);
      else line = this.paragraph(line, lineCount, children);
    }
    return { type: 'root', children, position: this.position(0, this.text.length) };
  }

  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }

  private startsWith(offset: number, prefix: string): boolean {
    return this.text.startsWith(prefix, offset);
  }


  /** `## Title`: one to six hashes, a space, text without a closing sequence or trailing space. */
  private heading(line: number, out: RootContent[]): number {
    const start = this.lineStarts[line]!;
    const end = this.lineEnd(line);
    let depth = 0;
    while (start + depth < end && this.text.charCodeAt(start + depth) === HASH) depth++;
    if (depth > 6 || this.text.charCodeAt(start + depth) !== SPACE) unsupported();
    let contentStart = start + depth;
    while (contentStart < end && this.text.charCodeAt(contentStart) === SPACE) contentStart++;
    if (contentStart === end || this.text.charCodeAt(end - 1) === HASH || isSpace(this.text.charCodeAt(end - 1))) unsupported();
    const heading: Heading = {
      type: 'heading',
      depth: depth as Heading['depth'],
      children: this.inline(contentStart, end),
      position: this.position(start, end),
    };
    out.push(heading);
    return line + 1;
  }

  private thematicBreak(line: number, out: RootContent[]): number {
    out.push({ type: 'thematicBreak', position: this.position(this.lineStarts[line]!, this.lineEnd(line)) });
    return line + 1;
  }

  /** A fenced code block at the margin, closed by a bare fence of the same kind at the margin. */
  private fence(line: number, lineCount: number, out: RootContent[]): number {
    const start = this.lineStarts[line]!;
    const end = this.lineEnd(line);
    const marker = this.text.charCodeAt(start);
    let size = 0;
    while (start + size < end && this.text.charCodeAt(start + size) === marker) size++;
    const info = trimSpaces(this.text.slice(start + size, end));
    if (info.includes('&') || (marker === BACKTICK && info.includes('`')) || isSpace(this.text.charCodeAt(end - 1))) unsupported();
    const space = info.search(/ /);
    const lang = info === '' ? null : space === -1 ? info : info.slice(0, space);
    const meta = space === -1 ? null : trimSpaces(info.slice(space)) || null;
    for (let inner = line + 1; inner < lineCount; inner++) {
      const innerStart = this.lineStarts[inner]!;
      const innerEnd = this.lineEnd(inner);
      let indent = innerStart;
      while (indent < innerEnd && this.text.charCodeAt(indent) === SPACE) indent++;
      if (this.text.charCodeAt(indent) !== marker) continue;
      let run = 0;
      while (indent + run < innerEnd && this.text.charCodeAt(indent + run) === marker) run++;
      if (run < 3) continue;
      // An indented or space-trailed fence may still close the block: leave such lines to remark.
      if (indent !== innerStart || (indent + run < innerEnd && this.text.slice(indent + run, innerEnd).trim() === '')) unsupported();
      if (run < size || indent + run !== innerEnd) continue;
      const contentStart = this.lineStarts[line + 1]!;
      const code: Code = {
        type: 'code',
        lang,
        meta,
        value: inner === line + 1 ? '' : this.text.slice(contentStart, innerStart - 1),
        position: this.position(start, innerEnd),
      };
      out.push(code);
      return inner + 1;
    }
    return unsupported();
  }

  /** An HTML comment block: from `<!--` to the end of the line that holds `-->`. */
  private comment(line: number, lineCount: number, out: RootContent[]): number {
    const start = this.lineStarts[line]!;
    if (this.startsWith(start, '<!-->') || this.startsWith(start, '<!--->')) unsupported();
    const close = this.text.indexOf('-->', start + 4);
    if (close === -1) unsupported();
    let last = line;
    while (last + 1 < lineCount && this.lineStarts[last + 1]! <= close) last++;
    const end = this.lineEnd(last);
    const html: Html = { type: 'html', value: this.text.slice(start, end), position: this.position(start, end) };
    out.push(html);
    return last + 1;
  }

  /** `> text` on one line, then a blank line or the end: a later line could continue it lazily. */
  private quote(line: number, lineCount: number, out: RootContent[]): number {
    const start = this.lineStarts[line]!;
    const end = this.lineEnd(line);
    const contentStart = start + 2;
    const next = line + 1;
    if (this.text.charCodeAt(start + 1) !== SPACE || contentStart >= end || isSpace(this.text.charCodeAt(end - 1))) unsupported();
    if (next < lineCount && this.lineStarts[next] !== this.lineEnd(next)) unsupported();
    checkParagraphLine(this.text, contentStart, end, true);
    if (isThematicBreak(this.text, contentStart, end) || startsBlockOrMarker(this.text, contentStart, end)) unsupported();
    const paragraph: Paragraph = { type: 'paragraph', children: this.inline(contentStart, end), position: this.position(contentStart, end) };
    const quote: Blockquote = { type: 'blockquote', children: [paragraph], position: this.position(start, end) };
    out.push(quote);
    return next;
  }

  /** A tight list of one-line items with the same marker, ended by a blank line or the text's end. */
  private list(line: number, lineCount: number, out: RootContent[]): number {
    const first = listMarker(this.text, this.lineStarts[line]!, this.lineEnd(line))!;
    const items: ListItem[] = [];
    let current = line;
    for (;;) {
      const start = this.lineStarts[current]!;
      const end = this.lineEnd(current);
      const marker = listMarker(this.text, start, end);
      if (!marker || marker.kind !== first.kind) break;
      if (isSpace(this.text.charCodeAt(end - 1))) unsupported();
      const paragraph: Paragraph = {
        type: 'paragraph',
        children: this.inline(marker.contentStart, end),
        position: this.position(marker.contentStart, end),
      };
      items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: this.position(start, end) });
      current++;
      if (current >= lineCount) break;
      if (this.lineStarts[current] === this.lineEnd(current)) {
        // A blank line followed by another item would make the list loose.
        const next = current + 1;
        if (next < lineCount && listMarker(this.text, this.lineStarts[next]!, this.lineEnd(next))?.kind === first.kind) unsupported();
        break;
      }
      // A line that is not an item may continue the item's paragraph lazily: remark's call.
      if (!listMarker(this.text, this.lineStarts[current]!, this.lineEnd(current))) unsupported();
    }
    const list: List = {
      type: 'list',
      ordered: first.ordered,
      start: first.ordered ? first.number : null,
      spread: false,
      children: items,
      position: this.position(this.lineStarts[line]!, items[items.length - 1]!.position!.end.offset!),
    };
    out.push(list);
    return current;
  }

  /** Lines of text up to a blank line or a block that interrupts; two trailing spaces make a hard break. */
  private paragraph(line: number, lineCount: number, out: RootContent[]): number {
    const start = this.lineStarts[line]!;
    const children: PhrasingContent[] = [];
    let segmentStart = start;
    let current = line;
    let end = start;
    for (;;) {
      const lineStart = this.lineStarts[current]!;
      const lineEnd = this.lineEnd(current);
      checkParagraphLine(this.text, lineStart, lineEnd, current === line);
      end = lineEnd;
      current++;
      const next = current < lineCount ? this.lineStarts[current]! : -1;
      const ends = next === -1 || next === this.lineEnd(current) || this.interrupts(next, this.lineEnd(current));
      let spaces = 0;
      while (lineEnd - spaces > lineStart && this.text.charCodeAt(lineEnd - spaces - 1) === SPACE) spaces++;
      if (spaces === 0) {
        if (ends) break;
        continue;
      }
      // Trailing white space: a hard break needs two spaces and a following line; else remark strips it.
      if (spaces < 2 || ends || lineEnd - spaces === lineStart) unsupported();
      appendAll(children, this.inline(segmentStart, lineEnd - spaces));
      children.push({ type: 'break', position: this.position(lineEnd - spaces, lineEnd + 1) });
      segmentStart = lineEnd + 1;
    }
    appendAll(children, this.inline(segmentStart, end));
    const paragraph: Paragraph = { type: 'paragraph', children, position: this.position(start, end) };
    out.push(paragraph);
    return current;
  }

  /** Whether a line ends the paragraph before it (only the block starts this subset supports). */
  private interrupts(start: number, end: number): boolean {
    const first = this.text.charCodeAt(start);
    if (first === HASH || this.startsWith(start, '```') || this.startsWith(start, '~~~') || this.startsWith(start, '<!--')) return true;
    const marker = listMarker(this.text, start, end);
    if (!marker) return false;
    // Only a bullet or an ordered item numbered 1 interrupts a paragraph; others would be text.
    if (marker.ordered && marker.number !== 1) unsupported();
    return true;
  }
}

interface Marker {
  /** Bullet character or ordered delimiter: items of one list share it. */
  kind: string;
  ordered: boolean;
  number: number;
  contentStart: number;
}

/** `- text`, `* text`, `+ text`, `1. text` or `1) text` with one space and text that starts no block. */
function listMarker(text: string, start: number, end: number): Marker | undefined {
  const first = text.charCodeAt(start);
  let at = start;
  let ordered = false;
  if (first === 45 /* - */ || first === STAR || first === 43 /* + */) at++;
  else {
    while (at < end && at - start < 9 && isDigit(text.charCodeAt(at))) at++;
    const delimiter = text.charCodeAt(at);
    if (at === start || (delimiter !== 46 /* . */ && delimiter !== 41 /* ) */)) return undefined;
    ordered = true;
    at++;
  }
  if (text.charCodeAt(at) !== SPACE) {
    // "1.5 million" and "**Bold**" are text; "-" alone, "---" or "-x" are blocks or corner cases for remark.
    if (ordered && at < end) return undefined;
    if (first === STAR && (isStrongOpening(text, start) || isEmphasisOpening(text, start))) return undefined;
    unsupported();
  }
  const contentStart = at + 1;
  const content = text.charCodeAt(contentStart);
  if (contentStart >= end || content === SPACE || startsBlockOrMarker(text, contentStart, end)) unsupported();
  return { kind: ordered ? text[at - 1]! : text[start]!, ordered, number: ordered ? Number(text.slice(start, at - 1)) : 0, contentStart };
}

/** Item text that would open a nested block (heading, quote, fence, HTML, break, another item). */
function startsBlockOrMarker(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first === HASH || first === 62 /* > */ || first === 60 /* < */ || first === 61 /* = */ || first === UNDERSCORE) return true;
  if (first === 45 /* - */ || first === 43 /* + */) return true;
  if (first === STAR) return !isStrongOpening(text, start);
  if (first === BACKTICK) return text.startsWith('```', start);
  if (first === 126 /* ~ */) return text.startsWith('~~~', start);
  if (isDigit(first)) {
    let at = start;
    while (at < end && isDigit(text.charCodeAt(at))) at++;
    const delimiter = text.charCodeAt(at);
    return delimiter === 46 || delimiter === 41;
  }
  return false;
}

/** `**` followed by text: strong emphasis, not a list marker or a thematic break. */
function isStrongOpening(text: string, start: number): boolean {
  const after = text.charCodeAt(start + 2);
  return text.charCodeAt(start + 1) === STAR && after !== STAR && after !== SPACE && after !== NEWLINE && !Number.isNaN(after);
}

/** `*` or `_` followed by a word character: emphasis, not a list marker or a thematic break. */
function isEmphasisOpening(text: string, start: number): boolean {
  return isWordChar(text.charCodeAt(start + 1));
}

/** `---`, `***` or `___` alone on a line (spaced forms are left to remark). */
function isThematicBreak(text: string, start: number, end: number): boolean {
  const marker = text.charCodeAt(start);
  if (end - start < 3 || (marker !== 45 && marker !== STAR && marker !== UNDERSCORE)) return false;
  for (let at = start + 1; at < end; at++) if (text.charCodeAt(at) !== marker) return false;
  return true;
}

/** A paragraph line must start with text: no indentation, and nothing that could open another block. */
function checkParagraphLine(text: string, start: number, end: number, first: boolean): void {
  const code = text.charCodeAt(start);
  if (code === SPACE || code === 62 /* > */ || code === 60 /* < */ || code === 61 /* = */) unsupported();
  if (code === UNDERSCORE && !isEmphasisOpening(text, start)) unsupported();
  if (code === 45 /* - */ || code === 43 /* + */ || code === 126 /* ~ */ || code === BACKTICK || code === HASH) unsupported();
  if (code === STAR && !isStrongOpening(text, start) && !isEmphasisOpening(text, start)) unsupported();
  // A later line that is a digit run with "." or ")" may be an item that cannot interrupt: text, but rare.
  if (!first && isDigit(code) && startsBlockOrMarker(text, start, end)) unsupported();
}

/** Markdown trims spaces, not the Unicode white space String#trim removes. */
function trimSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) === SPACE) start++;
  while (end > start && value.charCodeAt(end - 1) === SPACE) end--;
  return value.slice(start, end);
}
