import type { PlainText, Statement, StatementSlice } from './model';
import { mapSpan } from './model';
import { sliceOffsets } from '../markdown/offsets';
import type { StatementPart, Template } from './settings';
import { type Word, words } from '../markdown/text';
import { PROSE_AFTER_AS } from './vocabulary';

/** A keyword as words; `afterComma` keywords (", so") only match right after a comma. */
interface Keyword {
  words: string[];
  afterComma: boolean;
}

interface CompiledTemplate {
  name: string;
  slots: { part: StatementPart; keywords: Keyword[]; optional: boolean }[];
}

const compiled = new WeakMap<readonly Template[], CompiledTemplate[]>();
const compiledWithoutRole = new WeakMap<readonly Template[], CompiledTemplate[]>();

/**
 * The templates that open with a role, without it: "I want to write handover notes, so that …" is a
 * statement when a front-matter persona says who wants it.
 */
function withoutRole(templates: readonly Template[]): CompiledTemplate[] {
  let result = compiledWithoutRole.get(templates);
  if (!result) {
    result = compile(templates)
      .filter((template) => template.slots[0]?.part === 'role' && template.slots.length > 1)
      .map((template) => ({ name: template.name, slots: template.slots.slice(1) }));
    compiledWithoutRole.set(templates, result);
  }
  return result;
}

function compile(templates: readonly Template[]): CompiledTemplate[] {
  let result = compiled.get(templates);
  if (!result) {
    result = templates.map((template) => ({
      name: template.name,
      slots: template.slots.map((slot) => ({
        part: slot.part,
        optional: slot.optional ?? false,
        keywords: slot.keywords
          .map((keyword) => ({
            words: words(keyword).map((w) => w.word),
            afterComma: keyword.trimStart().startsWith(','),
          }))
          .filter((keyword) => keyword.words.length > 0)
          // Longest first, so "i want to" wins over "i want".
          .sort((a, b) => b.words.length - a.words.length),
      })),
    }));
    compiled.set(templates, result);
  }
  return result;
}

function keywordAt(text: string, list: readonly Word[], index: number, keywords: readonly Keyword[]): Keyword | undefined {
  for (const keyword of keywords) {
    if (index + keyword.words.length > list.length) continue;
    let ok = true;
    for (let k = 0; k < keyword.words.length && ok; k++) ok = list[index + k]!.word === keyword.words[k];
    if (!ok) continue;
    if (keyword.afterComma) {
      let before = list[index]!.start - 1;
      while (before >= 0 && /\s/.test(text[before]!)) before--;
      if (before < 0 || text[before] !== ',') continue;
    }
    return keyword;
  }
  return undefined;
}

/**
 * Whether a later slot's keyword ends right before word `index`: in "so that I can justify", the
 * "I can" belongs to the benefit, not to a means the author left out.
 */
function followsKeyword(text: string, list: readonly Word[], index: number, keywords: readonly Keyword[]): boolean {
  return keywords.some((keyword) => {
    const start = index - keyword.words.length;
    return start >= 0 && keywordAt(text, list, start, [keyword]) === keyword;
  });
}

interface Match {
  template: string;
  /** Per slot: the index of the keyword's first word and one past its last, or undefined. */
  found: { part: StatementPart; optional: boolean; first: number; last: number }[];
  missing: StatementPart[];
  /** Words matched by the means slot: a statement without one is only an attempt. */
  hasMeans: boolean;
}

function matchTemplate(text: string, list: readonly Word[], template: CompiledTemplate): Match | undefined {
  const [opening, ...rest] = template.slots;
  if (!opening) return undefined;
  const first = keywordAt(text, list, 0, opening.keywords);
  if (!first) return undefined;
  const found: Match['found'] = [{ part: opening.part, optional: false, first: 0, last: first.words.length }];
  const missing: StatementPart[] = [];
  let cursor = first.words.length;
  rest.forEach((slot, index) => {
    const later = rest.slice(index + 1).flatMap((next) => next.keywords);
    let hit: { first: number; last: number } | undefined;
    // The part before a keyword needs at least one word, so the search starts one word later.
    for (let i = cursor + 1; i < list.length && !hit; i++) {
      const keyword = keywordAt(text, list, i, slot.keywords);
      if (keyword && !followsKeyword(text, list, i, later)) hit = { first: i, last: i + keyword.words.length };
    }
    if (hit) {
      found.push({ part: slot.part, optional: slot.optional, ...hit });
      cursor = hit.last;
    } else if (!slot.optional) missing.push(slot.part);
  });
  return { template: template.name, found, missing, hasMeans: found.some((f) => f.part === 'means') };
}

const TRIM_START = /[\s,;:–—-]/;
const TRIM_END = /[\s,;:.!–—-]/;

function slice(statement: PlainText, start: number, end: number): StatementSlice | undefined {
  while (start < end && TRIM_START.test(statement.text[start]!)) start++;
  while (end > start && TRIM_END.test(statement.text[end - 1]!)) end--;
  if (end <= start) return undefined;
  return { text: statement.text.slice(start, end), start, end, span: mapSpan(statement, start, end) };
}

export interface ParseOptions {
  /**
   * Accept a statement that opens like a story ("As a buyer, ...") but lacks its means; used where
   * the story is already known (a story heading's first paragraph), so story-format can report it.
   */
  allowIncomplete: boolean;
  /** The story has a persona that supplies the role: "I want …, so that …" is a whole statement. */
  roleFromPersona?: boolean;
}

/** Reads a story statement from plain text, or returns undefined when it is not one. */
export function parseStatement(
  plain: PlainText,
  templates: readonly Template[],
  options: ParseOptions,
): Statement | undefined {
  // Leading punctuation and white space (list bullets are already gone) are not part of it.
  let lead = 0;
  while (lead < plain.text.length && /[\s"“'‘*_>]/.test(plain.text[lead]!)) lead++;
  let end = plain.text.length;
  while (end > lead && /\s/.test(plain.text[end - 1]!)) end--;
  if (end <= lead) return undefined;
  const text = plain.text.slice(lead, end);
  const statement: PlainText = { text, offsets: sliceOffsets(plain.offsets, lead, end + 1) };
  const list = words(text);
  if (list.length < 2) return undefined;

  let best: Match | undefined;
  const candidates = options.roleFromPersona ? [...compile(templates), ...withoutRole(templates)] : compile(templates);
  for (const template of candidates) {
    const match = matchTemplate(text, list, template);
    if (!match) continue;
    if (!best || rank(match) > rank(best)) best = match;
  }
  if (!best) return undefined;
  if (!best.hasMeans) {
    if (!options.allowIncomplete) return undefined;
    // Only "As a/an/the <role>" counts as an attempt at a story; "When ..." or "As ..." is prose.
    const opener = list.slice(0, 2).map((w) => w.word);
    if (opener[0] !== 'as' || !['a', 'an', 'the'].includes(opener[1]!)) return undefined;
    if (list[2] && PROSE_AFTER_AS.has(list[2].word)) return undefined;
  }

  const parts: Statement['parts'] = {};
  best.found.forEach((slot, index) => {
    const next = best.found[index + 1];
    const from = list[slot.last - 1]!.end;
    const to = next ? list[next.first]!.start : text.length;
    const part = slice(statement, from, to);
    if (part) parts[slot.part] = part;
    else if (!slot.optional && !best.missing.includes(slot.part)) best.missing.push(slot.part);
  });

  return {
    ...statement,
    template: best.template,
    span: mapSpan(statement, 0, text.length),
    parts,
    missing: best.missing,
  };
}

/** Prefer a match with a means, then with fewer missing parts, then with more parts found. */
function rank(match: Match): number {
  return (match.hasMeans ? 1000 : 0) - match.missing.length * 10 + match.found.length;
}
