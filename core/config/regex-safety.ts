import type { RE2JS } from 're2js';
import { DEFAULT_ID_PATTERN, DEFAULT_OUTCOME_ID_PATTERN } from '../story/settings';

// Patterns from a config file (idPattern runs on every heading) run on RE2: its matching time is
// linear in the text for every pattern, so no config can hang the CLI or the editor. A check of
// the pattern's shape cannot promise that; the engine can.

/** Where to read about the syntax, for error messages and docs. */
export const RE2_SYNTAX_URL = 'https://github.com/google/re2/wiki/Syntax';

/** A pattern whose matching time is linear in the text. */
export interface LinearPattern {
  /** The first match in a text, as UTF-16 offsets. */
  firstMatch(text: string): { start: number; end: number } | undefined;
}

/**
 * Patterns written here that JavaScript's engine runs in linear time and with RE2's meaning (ASCII
 * `\b` and `\d`, bounded repeats, nothing nested): they skip loading RE2, which a cold run (a
 * pre-commit hook) would otherwise pay for on every invocation.
 */
const NATIVE_SAFE = new Set([DEFAULT_ID_PATTERN, DEFAULT_OUTCOME_ID_PATTERN]);

/** Compiled patterns by source: every file's story build asks for the config's pattern again. */
const compiled = new Map<string, LinearPattern>();
const MAX_CACHED = 32;

/**
 * A user-supplied pattern in RE2 syntax, compiled once. Throws an Error saying why when RE2 cannot
 * run it (a syntax error, a backreference, a lookahead or lookbehind).
 */
export function linearPattern(pattern: string): LinearPattern {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = NATIVE_SAFE.has(pattern) ? nativePattern(pattern) : re2Pattern(pattern);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

function nativePattern(pattern: string): LinearPattern {
  const regex = new RegExp(pattern);
  return {
    firstMatch(text) {
      const match = regex.exec(text);
      return match ? { start: match.index, end: match.index + match[0].length } : undefined;
    },
  };
}

function re2Pattern(pattern: string): LinearPattern {
  // Loaded on first use: most configs keep the default pattern.
  const { RE2JS: engine } = require('re2js') as { RE2JS: typeof RE2JS };
  let regex: RE2JS;
  try {
    regex = engine.compile(pattern);
  } catch (error) {
    throw new Error((error as Error).message.replace(/^error parsing regexp: /, ''));
  }
  return {
    firstMatch(text) {
      const matcher = regex.matcher(text);
      return matcher.find() ? { start: matcher.start(), end: matcher.end() } : undefined;
    },
  };
}
