/**
 * What both halves of the fast path (fast-parse.ts for blocks, fast-inline.ts for inline text)
 * read: character codes, CommonMark's character classes, and the signal thrown when the text
 * leaves the subset.
 */

export const NEWLINE = 10;
export const SPACE = 32;
export const HASH = 35;
export const STAR = 42;
export const BACKTICK = 96;
export const UNDERSCORE = 95;
export const GREATER_THAN = 62;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
export const OPEN_PAREN = 40;
export const CLOSE_PAREN = 41;

/** Thrown (and caught in fastParse) when the text leaves the subset; never escapes the fast path. */
export const UNSUPPORTED = Symbol('unsupported');
export function unsupported(): never {
  throw UNSUPPORTED;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;

export function isSpace(code: number): boolean {
  return code === SPACE || code === NEWLINE || (code > 127 && WHITESPACE.test(String.fromCharCode(code)));
}

export function isPunctuation(code: number): boolean {
  if (code < 128) return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
  return PUNCTUATION.test(String.fromCharCode(code));
}

export function isWordChar(code: number): boolean {
  return !Number.isNaN(code) && !isSpace(code) && !isPunctuation(code);
}

export const isDigit = (code: number): boolean => code >= 48 && code <= 57;
export const isAsciiAlphanumeric = (code: number): boolean => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
