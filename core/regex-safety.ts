import { RE2JS } from 're2js';

// Patterns from a config file (idPattern runs on every heading) run on RE2: its matching time is
// linear in the text for every pattern, so no config can hang the CLI or the editor. A check of
// the pattern's shape cannot promise that; the engine can.

/** Where to read about the syntax, for error messages and docs. */
export const RE2_SYNTAX_URL = 'https://github.com/google/re2/wiki/Syntax';

/** Compiled patterns by source: every file's story build asks for the config's pattern again. */
const compiled = new Map<string, RE2JS>();
const MAX_CACHED = 32;

/**
 * A user-supplied pattern in RE2 syntax, compiled once. Throws an Error saying why when RE2 cannot
 * run it (a syntax error, a backreference, a lookahead or lookbehind).
 */
export function linearPattern(pattern: string): RE2JS {
  let regex = compiled.get(pattern);
  if (!regex) {
    try {
      regex = RE2JS.compile(pattern);
    } catch (error) {
      throw new Error((error as Error).message.replace(/^error parsing regexp: /, ''));
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** The first match of a linear pattern in a text, as UTF-16 offsets. */
export function firstMatch(regex: RE2JS, text: string): { start: number; end: number } | undefined {
  const matcher = regex.matcher(text);
  return matcher.find() ? { start: matcher.start(), end: matcher.end() } : undefined;
}
