import { mapSpan, type PlainText, type Section } from './model';
import { offsetAt } from '../markdown/offsets';
import type { Span } from '../engine/rule';
import { words } from '../markdown/text';
import { EMPTY_ANSWERS, NOT_SLOTS, PLACEHOLDER_MARKERS, STEP_WORDS } from './vocabulary';

/**
 * Placeholders: text a person still has to replace. The skeletons storylint's fixes insert are
 * made of them (`As a {role}, I want {capability}, so that {benefit}`, `[metric] from [baseline] to
 * [target] by [date]`), and so are the stand-ins people leave by hand. A placeholder is not
 * content: a rule that asks for a part treats a part holding one as missing, so a fix never turns a
 * failing story into a passing one.
 *
 * What counts, in the reader's text (a `PlainText`: Markdown markers gone, links reduced to their
 * label, `\<role\>` and `&lt;role&gt;` decoded to `<role>`):
 *
 * - A slot: `{…}`, `[…]` or `<…>` on one line holding a short name in words: at most 48 characters
 *   that start with a letter, hold no digit, other bracket, quote, `=`, `:` or `;`, and give at most
 *   three words per alternative (`[interviews / tickets / analytics]` has three alternatives of one
 *   word).
 * - A marker word: TBD, TBC, TBA and FIXME in any case, TODO in capitals or before a colon, when
 *   not followed by another word: "TBD", "Target: TBD", "TODO: ask finance", "TBD – see the wiki".
 *   "TBD items are listed last" and "Todo items due today" in a to-do app are content (so is, by
 *   the same token, "TODO add the interview notes": write "TODO:").
 * - An ellipsis (`...` or `…`) that is the whole of its part or clause: only white space back to
 *   the part's start, a line break, `,;:` or a Given/When/Then/And/But keyword, and only white
 *   space or punctuation up to the part's end or the line's ("Given …, when …"; "I want …");
 *   also `{…}` and `<…>`.
 * - A tracker's mark for an empty field as the whole part: GitHub issue forms' "_No response_".
 * - A caller's own prompt sentences (`prompts`), as written: a fix may insert a question for the
 *   author to answer.
 *
 * What does not, so real content stays content:
 *
 * - A group attached to a word or a path, on either side: `/invoices/{id}`, `{base}/items`,
 *   `user{id}`, `List<String>`, `items[0]`, `{id}.json`, `[[Wiki page]]`, `[label](…)`.
 * - Names written for code, the variables of a story about templates: `{first_name}`,
 *   `{user.email}`, `{orderId}`, `{{name}}`; and groups with a digit, citations and versions:
 *   "[Q3 report]", "[Smith 2020]", "[v2]".
 * - Task boxes `[ ]` / `[x]`, numbers `[1]` (footnotes), `{0}`, `[sic]`, empty `{}` / `[]`, JSON-like
 *   `{"id": 1}`, comparisons (`a < b and c > d`), and longer remarks in brackets
 *   ("[including comments under paywalled articles]": minimal-statement's business, not a slot).
 * - An ellipsis inside a sentence: after a word ("Users wait...", "PDF, CSV …", so also "from …
 *   to …"), before more words ("export … to Excel" reads as a pause), in quotation marks ("shows
 *   "…" while loading") or as an elision in brackets (`[…]`, `(…)`: a cut in a quotation).
 * - A marker or slot in quotation marks or in code (when `source`, the file text, is given):
 *   `Then "Hello {name}" is shown`, "flag `TODO` comments", `` `{id}` ``, and a `<…>` written as
 *   a bare `<` in the file, which only code keeps (Markdown drops it as an HTML tag): the
 *   parameters of a Gherkin Scenario Outline, "Given a payment of <amount>".
 * - "etc." and other words: they are content, however vague.
 *
 * One pass over the text: each opening bracket looks at most 50 characters ahead, and the code
 * spans of the source lines are found once per call, so the cost is linear in the text whatever it
 * holds. No regular expression runs on more than a bracket's contents.
 */

/** A placeholder found in a plain text. */
export interface Placeholder {
  /** The placeholder as the reader sees it, e.g. "{benefit}", "TBD". */
  text: string;
  /** Offsets into the plain text. */
  start: number;
  end: number;
  /** Where it sits in the file. */
  span: Span;
}

export interface PlaceholderOptions {
  /** Look only at `[start, end)` of the plain text (a statement part); neighbours outside still count as attached. */
  start?: number;
  end?: number;
  /** The file text, so placeholders in inline code and code blocks are recognised as code. */
  source?: string;
  /** Sentences a fix inserts for the author to replace, e.g. a question. */
  prompts?: readonly string[];
}

const MAX_INNER = 48;
const MAX_WORDS = 3;
const CLOSERS: Readonly<Record<string, string>> = { '{': '}', '[': ']', '<': '>' };
const QUOTES = '"“”\'‘’`«»';
/** Characters inside a group that make it code or prose, not a slot name. */
const NOT_IN_SLOT = '{}[]<>"“”`=:;\n\r';

const LETTER = /\p{L}/u;
const isLetter = (char: string | undefined): boolean => char !== undefined && LETTER.test(char);
const isWordChar = (char: string | undefined): boolean => char !== undefined && (isLetter(char) || (char >= '0' && char <= '9') || char === '_');
const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\u00a0';

/** Characters that glue a group to what comes before it: a word, a path, a variable. */
const ATTACHING_BEFORE = '/\\$#@.=:-+~%&^*|[]{}<>';

function attachedBefore(text: string, at: number): boolean {
  const char = text[at - 1];
  return char !== undefined && (isWordChar(char) || ATTACHING_BEFORE.includes(char));
}

function attachedAfter(text: string, at: number, open: string): boolean {
  const char = text[at];
  if (char === undefined) return false;
  if (isWordChar(char) || char === '/' || char === '\\' || char === ']') return true;
  // "[label](…)" or "[label][ref]": link syntax the parser left as text.
  if (open === '[' && (char === '(' || char === '[')) return true;
  // "{id}.json", "{a}{b}".
  if (char === '.' && isWordChar(text[at + 1])) return true;
  return char === '{' || char === '<';
}

/** Whether `inner`, the text between a pair of brackets, names a slot. */
function isSlotName(inner: string): boolean {
  if (inner.length === 0 || inner.length > MAX_INNER) return false;
  if (!isLetter(inner[0]) || isSpace(inner[inner.length - 1])) return false;
  for (const char of inner) if (NOT_IN_SLOT.includes(char)) return false;
  // "{first_name}", "{user.email}", "{orderId}": a template variable or a field, named for code.
  for (let i = 1; i < inner.length; i++) {
    const char = inner[i]!;
    if (char === '_' || (char === '.' && isWordChar(inner[i + 1])) || (char >= 'A' && char <= 'Z' && inner[i - 1]! >= 'a' && inner[i - 1]! <= 'z')) return false;
    // "[Q3 report]", "[Smith 2020]", "[v2]": a citation or a version; slots name things in words.
    if (char >= '0' && char <= '9') return false;
  }
  if (NOT_SLOTS.has(inner.toLowerCase())) return false;
  // A task box: "[x]".
  if (inner === 'x' || inner === 'X') return false;
  return alternativesShort(inner);
}

/** Every alternative of a slot ("interviews / tickets") has at most three words. */
function alternativesShort(inner: string): boolean {
  let from = 0;
  for (let i = 0; i <= inner.length; i++) {
    if (i < inner.length && inner[i] !== '/' && inner[i] !== '|') continue;
    if (words(inner.slice(from, i)).length > MAX_WORDS) return false;
    from = i + 1;
  }
  return true;
}

/** The closing bracket for the opener at `at`, within reach and on the same line. */
function closerOf(text: string, at: number, end: number): number {
  const open = text[at]!;
  const close = CLOSERS[open]!;
  const limit = Math.min(end, at + MAX_INNER + 2);
  for (let i = at + 1; i < limit; i++) {
    const char = text[i];
    if (char === close) return i;
    if (char === open || char === '\n') return -1;
  }
  return -1;
}

const inQuotes = (text: string, start: number, end: number): boolean => QUOTES.includes(text[start - 1] ?? ' ') && QUOTES.includes(text[end] ?? ' ');

/**
 * For each offset of `[from, to)`, whether it sits between double quotes ("…" or “…”): a UI
 * string or someone's words, where `{name}` is a template variable. An unclosed quote ends with its
 * line (a 5" screen). One pass.
 */
function quoted(text: string, from: number, to: number): Uint8Array {
  const mask = new Uint8Array(to - from);
  let closer = '';
  for (let i = from; i < to; i++) {
    const char = text[i]!;
    if (closer) {
      mask[i - from] = 1;
      if (char === closer || char === '\n') closer = '';
    } else if (char === '"') closer = '"';
    else if (char === '“') closer = '”';
  }
  return mask;
}

/**
 * The inline code spans (between backtick runs of equal length, escapes aside) on the source lines
 * from `start` to `end`. One pass; a run that never closes is treated as opening code to the end,
 * which can only hide a placeholder, never invent one.
 */
function codeSpans(source: string, start: number, end: number): Span[] {
  let i = start;
  while (i > 0 && source[i - 1] !== '\n' && source[i - 1] !== '\r') i--;
  const spans: Span[] = [];
  let open = 0;
  let openedAt = 0;
  while (i < end) {
    if (source[i] === '\\' && open === 0) {
      i += 2;
      continue;
    }
    if (source[i] !== '`') {
      i++;
      continue;
    }
    let run = i;
    while (source[run] === '`') run++;
    const length = run - i;
    if (open === 0) [open, openedAt] = [length, run];
    else if (length === open) {
      spans.push([openedAt, i]);
      open = 0;
    }
    i = run;
  }
  if (open !== 0) spans.push([openedAt, Number.MAX_SAFE_INTEGER]);
  return spans;
}

/** An ellipsis at `at` ("..." or "…"): its end, or -1. */
function ellipsisEnd(text: string, at: number): number {
  if (text[at] === '…') return at + 1;
  if (text[at] !== '.' || text[at + 1] !== '.' || text[at + 2] !== '.') return -1;
  let end = at + 3;
  while (text[end] === '.') end++;
  return end;
}

/**
 * An ellipsis standing in for content: the whole of its part or clause. Before it only white space
 * back to the part's start, a line break, `,;:` or a step keyword; after it only white space to
 * the part's end or the line's, or punctuation.
 */
function standsAlone(text: string, start: number, end: number, from: number, to: number): boolean {
  let before = start;
  while (before > from && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (before > from && !',;:\n'.includes(text[before - 1]!)) {
    if (before === start) return false;
    // The word before, looked at only as far back as the longest step keyword.
    let wordStart = before;
    while (wordStart > from && before - wordStart <= 5 && isLetter(text[wordStart - 1])) wordStart--;
    if (isWordChar(text[wordStart - 1]) || !STEP_WORDS.has(text.slice(wordStart, before).toLowerCase())) return false;
  }
  let after = end;
  while (after < to && (text[after] === ' ' || text[after] === '\t')) after++;
  if (after >= to || text[after] === '\n' || text[after] === '\r') return true;
  return after === end && ',;:.!?'.includes(text[after]!);
}

/**
 * Found placeholders per plain text: every rule that asks for a part checks it for placeholders,
 * so the role, the means or a criterion is scanned once per lint, not once per rule. Only for the
 * file being linted: the engine forgets them after each file (forgetPlaceholders), since kept for
 * as long as the stories live they cost more than the stories' own text.
 */
let scanned = new WeakMap<PlainText, { source: string | undefined; byRange: Map<string, readonly Placeholder[]> }>();

/** Drops the placeholders found so far (the engine calls it once a file's story rules have run). */
export function forgetPlaceholders(): void {
  scanned = new WeakMap();
}

/** Every placeholder in `plain` (or its `[start, end)`), in text order. */
export function findPlaceholders(plain: PlainText, options: PlaceholderOptions = {}): readonly Placeholder[] {
  let memo = scanned.get(plain);
  if (!memo || memo.source !== options.source) scanned.set(plain, (memo = { source: options.source, byRange: new Map() }));
  const key = `${options.start ?? ''}:${options.end ?? ''}:${options.prompts?.join('\u0000') ?? ''}`;
  let placeholders = memo.byRange.get(key);
  if (!placeholders) memo.byRange.set(key, (placeholders = scanPlaceholders(plain, options)));
  return placeholders;
}

function scanPlaceholders(plain: PlainText, options: PlaceholderOptions): Placeholder[] {
  const text = plain.text;
  const from = Math.max(0, options.start ?? 0);
  const to = Math.min(text.length, options.end ?? text.length);
  const found: { start: number; end: number }[] = [];
  let code: readonly Span[] | undefined;
  const inCode = (start: number, end: number): boolean => {
    if (options.source === undefined) return false;
    const [first, last] = mapSpan(plain, start, end);
    code ??= codeSpans(options.source, offsetAt(plain.offsets, from) ?? 0, offsetAt(plain.offsets, to) ?? options.source.length);
    // The last code span opening at or before the placeholder (spans come in order and never overlap).
    let low = 0;
    let high = code.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (code[middle]![0] <= first) low = middle + 1;
      else high = middle;
    }
    const span = code[low - 1];
    return span !== undefined && last <= span[1];
  };
  // In Markdown prose "<role>" is an HTML tag and never reaches the plain text: one written as
  // "\\<role\\>" or "&lt;role&gt;" is a placeholder; a bare "<" in the file is code, such as the
  // parameters of a Gherkin Scenario Outline ("Given a payment of <amount>").
  const literalAngle = (at: number): boolean => {
    if (options.source === undefined) return false;
    const offset = offsetAt(plain.offsets, at)!;
    return options.source[offset] === '<' && options.source[offset - 1] !== '\\';
  };
  const mask = quoted(text, from, to);
  const add = (start: number, end: number): void => {
    if (!mask[start - from] && !inQuotes(text, start, end) && !inCode(start, end)) found.push({ start, end });
  };

  // Slots and ellipses: one pass over the characters.
  for (let i = from; i < to; i++) {
    const char = text[i]!;
    if (char === '{' || char === '[' || char === '<') {
      const close = closerOf(text, i, to);
      if (close === -1) continue;
      const inner = text.slice(i + 1, close);
      const ellipsis = (char === '{' || char === '<') && (inner === '…' || /^\.{3,6}$/.test(inner));
      if ((ellipsis || isSlotName(inner)) && !attachedBefore(text, i) && !attachedAfter(text, close + 1, char) && !(char === '<' && literalAngle(i))) {
        add(i, close + 1);
        i = close;
      }
      continue;
    }
    const end = ellipsisEnd(text, i);
    if (end === -1) continue;
    if (standsAlone(text, i, end, from, to)) add(i, end);
    i = end - 1;
  }

  markerWords(text, from, to, found.slice(), add);

  // GitHub issue forms write "_No response_" for a field left empty: the whole part, nothing else.
  const part = text.slice(from, to);
  const answer = part.trim();
  const leading = from + part.length - part.trimStart().length;
  if (EMPTY_ANSWERS.has(answer.toLowerCase())) add(leading, leading + answer.length);

  // Prompt sentences a fix inserted, as it wrote them.
  for (const prompt of options.prompts ?? []) {
    if (prompt.length === 0) continue;
    for (let at = text.indexOf(prompt, from); at !== -1 && at + prompt.length <= to; at = text.indexOf(prompt, at + prompt.length)) add(at, at + prompt.length);
  }

  return found
    .sort((a, b) => a.start - b.start)
    .map(({ start, end }) => ({ text: text.slice(start, end), start, end, span: mapSpan(plain, start, end) }));
}

/**
 * Marker words in `[from, to)` ("TBD", "TODO:") passed to `add`, outside the slots already found
 * ("[TBD]" is one placeholder). Both come in text order.
 */
function markerWords(text: string, from: number, to: number, slots: readonly { start: number; end: number }[], add: (start: number, end: number) => void): void {
  let next = 0;
  for (const word of words(text.slice(from, to), from)) {
    const written = text.slice(word.start, word.end);
    if (!PLACEHOLDER_MARKERS.has(word.word) && !(word.word === 'todo' && (written === 'TODO' || text[word.end] === ':'))) continue;
    // "TBD items", "FIXME comments": a marker naming a kind of thing, followed by its noun, is content.
    let after = word.end;
    while (after < to && (text[after] === ' ' || text[after] === '\t')) after++;
    if (after > word.end && after < to && isWordChar(text[after])) continue;
    while (next < slots.length && slots[next]!.end <= word.start) next++;
    if (next < slots.length && slots[next]!.start <= word.start) continue;
    add(word.start, word.end);
  }
}

/** The first placeholder in `plain` (or its `[start, end)`), if any. */
export function firstPlaceholder(plain: PlainText, options: PlaceholderOptions = {}): Placeholder | undefined {
  return findPlaceholders(plain, options)[0];
}

/**
 * The first placeholder in a section's content. A front-matter value is YAML, not Markdown: its
 * "<metric>" is a placeholder as written, so the file text is not consulted for code there.
 */
export function sectionPlaceholder(section: Section, source: string, prompts?: readonly string[]): Placeholder | undefined {
  return firstPlaceholder(section.content, { source: section.style === 'front-matter' ? undefined : source, prompts });
}
