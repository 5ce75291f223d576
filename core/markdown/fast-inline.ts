import type { Link, PhrasingContent } from 'mdast';
import type { Point, Position } from 'unist';
import {
  BACKTICK,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  HASH,
  isAsciiAlphanumeric,
  isPunctuation,
  isSpace,
  isWordChar,
  NEWLINE,
  OPEN_BRACKET,
  OPEN_PAREN,
  SPACE,
  STAR,
  UNDERSCORE,
  unsupported,
} from './fast-chars';
import { LineIndex } from './text';

/**
 * The fast path's inline parser: text, `**strong**`, `_emphasis_`, `code` spans and plain links,
 * as remark-parse builds them (see fast-parse.ts). It owns the text, its line index and the unist
 * positions; the block parser extends it. One instance reads segment after segment, so the state
 * of the segment being read lives in fields, not in closures made per segment.
 */
export class InlineParser {
  protected readonly lines: LineIndex;
  /** The nodes of the segment being read, and where its text not yet in a node starts. */
  private nodes: PhrasingContent[] = [];
  private textStart = 0;
  /** The `*` or `_` run left open in the segment: where it starts (-1 for none), its character and size. */
  private openAt = -1;
  private openCode = 0;
  private openSize = 0;
  /** Where the segment's last "](" starts, found once: a loose bracket before it declines. */
  private lastPair: number | undefined;

  constructor(protected readonly text: string) {
    this.lines = new LineIndex(text);
  }

  protected point(offset: number): Point {
    return { ...this.lines.position(offset), offset };
  }

  protected position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }

  /** Inline content of one line or paragraph segment. */
  protected inline(start: number, end: number): PhrasingContent[] {
    const nodes: PhrasingContent[] = [];
    this.nodes = nodes;
    this.textStart = start;
    this.openAt = -1;
    this.lastPair = undefined;
    let at = start;
    while (at < end) {
      const code = this.text.charCodeAt(at);
      if (code === BACKTICK) {
        at = this.codeSpan(at, end);
        continue;
      }
      if (code === STAR || code === UNDERSCORE) {
        at = this.delimiterRun(at, start, end, code);
        continue;
      }
      if (code === OPEN_BRACKET) {
        const after = this.linkAt(at, end);
        if (after !== -1) {
          at = after;
          continue;
        }
      } else if (code === NEWLINE) {
        if (this.openAt !== -1) unsupported();
      } else if (code === 60 /* < */) {
        unsupported();
      } else if (code === 38 /* & */) {
        const next = this.text.charCodeAt(at + 1);
        if (next === HASH || isAsciiAlphanumeric(next)) unsupported();
      } else if (code === 33 /* ! */) {
        if (this.text.charCodeAt(at + 1) === 91 /* [ */) unsupported();
      }
      at++;
    }
    if (this.openAt !== -1) unsupported();
    this.flushText(end);
    return nodes;
  }

  /** The text from the last node to `until`, as a text node. */
  private flushText(until: number): void {
    if (until > this.textStart) this.nodes.push({ type: 'text', value: this.text.slice(this.textStart, until), position: this.position(this.textStart, until) });
  }

  /** One backtick, content on the same line without backticks or edge spaces, one backtick; returns the offset after it. */
  private codeSpan(at: number, end: number): number {
    const close = this.text.indexOf('`', at + 1);
    const lineBreak = this.text.indexOf('\n', at + 1);
    if (
      this.openAt !== -1 ||
      this.text.charCodeAt(at + 1) === BACKTICK ||
      close === -1 ||
      close >= end ||
      close === at + 1 ||
      (lineBreak !== -1 && lineBreak < close) ||
      this.text.charCodeAt(close + 1) === BACKTICK ||
      this.text.charCodeAt(at + 1) === SPACE ||
      this.text.charCodeAt(close - 1) === SPACE
    ) {
      unsupported();
    }
    this.flushText(at);
    this.nodes.push({ type: 'inlineCode', value: this.text.slice(at + 1, close), position: this.position(at, close + 1) });
    this.textStart = close + 1;
    return close + 1;
  }

  /** A run of `*` or `_` from `at` in the segment from `start`: opens or closes emphasis; returns the offset after it. */
  private delimiterRun(at: number, start: number, end: number, code: number): number {
    let run = at;
    while (run < end && this.text.charCodeAt(run) === code) run++;
    const before = at === start ? SPACE : this.text.charCodeAt(at - 1);
    const after = run >= end ? SPACE : this.text.charCodeAt(run);
    // Intraword underscores (snake_case) are text.
    if (code === UNDERSCORE && isWordChar(before) && isWordChar(after)) return run;
    // Runs of one or two that only open or only close, paired in order without nesting.
    const size = run - at;
    const flank = flanking(before, after);
    if (size > 2) unsupported();
    if (this.openAt === -1) {
      if (flank !== 'left') unsupported();
      this.flushText(at);
      this.openAt = at;
      this.openCode = code;
      this.openSize = size;
    } else {
      if (flank !== 'right' || code !== this.openCode || size !== this.openSize || this.textStart === at) unsupported();
      const inner: PhrasingContent = { type: 'text', value: this.text.slice(this.textStart, at), position: this.position(this.textStart, at) };
      this.nodes.push({ type: size === 2 ? 'strong' : 'emphasis', children: [inner], position: this.position(this.openAt, run) });
      this.openAt = -1;
    }
    this.textStart = run;
    return run;
  }

  /** A `[` at `at`: the offset after the link it opens, or -1 when it is text. */
  private linkAt(at: number, end: number): number {
    const link = this.link(at, end);
    if (link) {
      if (this.openAt !== -1) unsupported();
      this.flushText(at);
      this.nodes.push(link);
      this.textStart = link.position!.end.offset!;
      return this.textStart;
    }
    // A bracket pair not followed by "(" is text ("[ ] task", "[draft]"); any other bracket
    // may still pair with a later "](": remark's call.
    let bracket = at + 1;
    while (bracket < end && this.text.charCodeAt(bracket) !== OPEN_BRACKET && this.text.charCodeAt(bracket) !== CLOSE_BRACKET) bracket++;
    const closesAsText = this.text.charCodeAt(bracket) === CLOSE_BRACKET && this.text.charCodeAt(bracket + 1) !== OPEN_PAREN;
    if (!closesAsText) {
      this.lastPair ??= this.text.lastIndexOf('](', end - 2);
      if (this.lastPair >= at) unsupported();
    }
    return -1;
  }

  /**
   * `[text](url)` on one line: text without brackets, markup or edge spaces; a destination without
   * spaces, brackets, quotes or references (so no title, nothing to decode). Else undefined.
   */
  private link(open: number, end: number): Link | undefined {
    let close = open + 1;
    while (close < end && isPlainLinkTextChar(this.text.charCodeAt(close))) close++;
    if (close === open + 1 || this.text.charCodeAt(close) !== CLOSE_BRACKET || this.text.charCodeAt(close + 1) !== OPEN_PAREN) return undefined;
    if (this.text.charCodeAt(open + 1) === SPACE || this.text.charCodeAt(close - 1) === SPACE) return undefined;
    const urlStart = close + 2;
    let urlEnd = urlStart;
    while (urlEnd < end && isPlainDestinationChar(this.text.charCodeAt(urlEnd))) urlEnd++;
    if (urlEnd === urlStart || this.text.charCodeAt(urlEnd) !== CLOSE_PAREN) return undefined;
    const label: PhrasingContent = { type: 'text', value: this.text.slice(open + 1, close), position: this.position(open + 1, close) };
    return { type: 'link', title: null, url: this.text.slice(urlStart, urlEnd), children: [label], position: this.position(open, urlEnd + 1) };
  }
}

/** Link text this subset keeps as one text node: no brackets, markup, entities, HTML or line break. */
function isPlainLinkTextChar(code: number): boolean {
  return !(
    code === OPEN_BRACKET || code === CLOSE_BRACKET || code === BACKTICK || code === STAR || code === UNDERSCORE ||
    code === 60 /* < */ || code === 38 /* & */ || code === 33 /* ! */ || code === NEWLINE
  );
}

/** A destination character that needs no decoding and cannot start a title or a nested pair. */
function isPlainDestinationChar(code: number): boolean {
  return code > SPACE && code !== OPEN_PAREN && code !== CLOSE_PAREN && code !== 60 && code !== 62 && code !== 38 && code !== 34 && code !== 39 && code !== 127;
}

/** CommonMark's flanking rules for a `**` run between two characters (white space at the edges). */
function flanking(before: number, after: number): 'left' | 'right' | 'both' | 'neither' {
  const beforeSpace = isSpace(before);
  const afterSpace = isSpace(after);
  const beforePunct = isPunctuation(before);
  const afterPunct = isPunctuation(after);
  const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
  const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
  return left && right ? 'both' : left ? 'left' : right ? 'right' : 'neither';
}
