import type { Span } from '../engine/rule';

/** The end of text[start, end) without its trailing white space. */
export function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** The offset after the line break that ends the line at `offset` (\n, \r\n or a lone \r), or the text's end. */
export function lineAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return Math.min(text.length, i + 1);
}

/** Maps UTF-16 offsets to 1-based line and column numbers. Lines end at \n, \r\n or a lone \r. */
export class LineIndex {
  /** Offsets of the lines' first characters (a typed array: every result keeps its line index). */
  readonly lineStarts: Uint32Array;

  constructor(readonly text: string) {
    // Two passes, counting then filling: a list grown line by line would keep spare room.
    let lines = 1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) lines++;
      else if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        lines++;
      }
    }
    this.lineStarts = new Uint32Array(lines);
    let line = 1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.lineStarts[line++] = i + 1;
      else if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts[line++] = i + 1;
      }
    }
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! + 1 };
  }

  /** Offset of a 1-based line's first character. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
  }
}

/** The line ending a file mostly uses, so inserted text matches it. */
export function detectEol(text: string): '\n' | '\r\n' {
  // The first line ending decides; looking no further keeps this cheap for fixes on large files.
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

export interface Word {
  /** Lower-cased word. */
  word: string;
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}'’_-]/u;

/**
 * Splits text into lower-cased words with their offsets. One pass, no backtracking: safe on any
 * input. Apostrophes and hyphens stay inside words ("user-friendly", "i'd").
 */
/** ASCII answered by char code (the common case, and the tokenizer's hot loop); the rest by WORD_CHAR. */
function isWordChar(code: number, char: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 39 || code === 45 || code === 95;
  return WORD_CHAR.test(char);
}

export function words(text: string, base = 0): Word[] {
  const result: Word[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordChar(text.charCodeAt(i), text[i]!);
    if (inWord && start === -1) start = i;
    else if (!inWord && start !== -1) {
      let end = i;
      // Trailing apostrophes and hyphens are punctuation, not part of the word.
      while (end > start && /['’_-]/.test(text[end - 1]!)) end--;
      let from = start;
      while (from < end && /['’_-]/.test(text[from]!)) from++;
      if (end > from) {
        const word = text.slice(from, end).toLowerCase();
        result.push({ word: word.includes('’') ? word.replace(/’/g, "'") : word, start: base + from, end: base + end });
      }
      start = -1;
    }
  }
  return result;
}

export interface PhraseMatch {
  phrase: string;
  span: Span;
  /** Index of the first and one past the last matched word. */
  first: number;
  last: number;
}

/**
 * Finds phrases (sequences of words) in a word list. Phrases are grouped by their first word, so
 * matching costs O(words × phrases sharing a first word × phrase length): linear in the text.
 */
export class PhraseMatcher {
  private readonly byFirstWord = new Map<string, string[][]>();

  constructor(phrases: Iterable<string>) {
    for (const phrase of phrases) {
      const parts = words(phrase).map((w) => w.word);
      if (parts.length === 0) continue;
      const list = this.byFirstWord.get(parts[0]!) ?? [];
      list.push(parts);
      this.byFirstWord.set(parts[0]!, list);
    }
    // Longest phrase first, so "as fast as possible" wins over "fast".
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.length - a.length);
  }

  /** All non-overlapping matches, left to right, longest first at each position. */
  findAll(list: readonly Word[]): PhraseMatch[] {
    const matches: PhraseMatch[] = [];
    for (let i = 0; i < list.length; ) {
      const match = this.matchAt(list, i);
      if (match) {
        matches.push(match);
        i = match.last;
      } else i++;
    }
    return matches;
  }

  /** The longest phrase starting exactly at word `index`, if any. */
  matchAt(list: readonly Word[], index: number): PhraseMatch | undefined {
    const candidates = this.byFirstWord.get(list[index]!.word);
    if (!candidates) return undefined;
    for (const parts of candidates) {
      if (index + parts.length > list.length) continue;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = list[index + k]!.word === parts[k];
      if (ok) {
        const last = index + parts.length;
        return {
          phrase: parts.join(' '),
          span: [list[index]!.start, list[last - 1]!.end],
          first: index,
          last,
        };
      }
    }
    return undefined;
  }

  has(list: readonly Word[]): boolean {
    for (let i = 0; i < list.length; i++) if (this.matchAt(list, i)) return true;
    return false;
  }
}

const matchersByList = new WeakMap<readonly string[], PhraseMatcher>();

/** One matcher per phrase list, built once: rule options reuse their arrays across stories. */
export function phraseMatcherFor(phrases: readonly string[]): PhraseMatcher {
  let matcher = matchersByList.get(phrases);
  if (!matcher) matchersByList.set(phrases, (matcher = new PhraseMatcher(phrases)));
  return matcher;
}

/** Lower-cases, folds quotes and collapses everything but letters and digits, for comparisons. */
export function normalizeForComparison(text: string): string {
  return words(text)
    .map((w) => w.word.replace(/'/g, ''))
    .join(' ');
}

/** `target.push(...items)` for arrays of any length: a spread passes each item as an argument, and a few hundred thousand overflow the stack. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** The first half of a UTF-16 surrogate pair (an astral character such as an emoji). */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
/** The second half of a UTF-16 surrogate pair. */
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
