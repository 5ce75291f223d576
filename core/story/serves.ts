/**
 * Where a story names the product outcome it serves: front matter `outcome: KR-2.1`, a lead-in
 * line `**Serves:** KR-2.1, KR-3` (or `Outcome:` followed only by ids), or a link whose text is an
 * outcome id (`[KR-2.1](outcomes.md#kr-21-activation)`).
 */
import type { RootContent } from 'mdast';
import type { OutcomeReference } from './model';
import { mapSpan } from './model';
import { endOf, plainText, startOf } from '../markdown/parse';
import type { Span } from '../engine/rule';
import type { BuildContext } from './context';
import { normalizeLabel } from './context';
import type { FrontMatter } from './chunks';

/** Lead-in labels that name outcomes; `only ids`: the label also opens an Outcome section, so ids alone make it a reference. */
const REFERENCE_LABELS: ReadonlyMap<string, 'serves' | 'only ids'> = new Map([
  ['serves', 'serves'],
  ['serves outcome', 'serves'],
  ['serves outcomes', 'serves'],
  ['okr', 'serves'],
  ['okrs', 'serves'],
  ['outcome', 'only ids'],
  ['outcomes', 'only ids'],
  ['key result', 'only ids'],
  ['key results', 'only ids'],
]);

/** Front-matter keys that name the outcomes a file story serves. */
export const FRONT_MATTER_KEYS = ['outcome', 'outcomes', 'serves'] as const;

// "**Serves:** KR-2.1": a label opening a source line (after list or quote markers); linear.
const LEAD_IN_LINE = /^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?([A-Za-z][A-Za-z ]{1,20}?)(?:\*\*|__|\*|_)?[ \t]*:(?:\*\*|__|\*|_)?[ \t]*/;
// What may separate ids in a list: commas, semicolons, "and", "&", "/", Markdown link and emphasis markers.
const SEPARATOR = /^(?:[\s,;&/*_`[\]]|and\b)+/i;
const LINK_TARGET = /^\]\([^()\s]{0,500}\)/;

/**
 * The ids that open `text` (from `start`), each with its offset: stops at the first word that is
 * no id. `all`: whether nothing but ids and separators follows.
 */
export function leadingIds(context: BuildContext, text: string): { ids: { id: string; start: number }[]; all: boolean } {
  const ids: { id: string; start: number }[] = [];
  let at = 0;
  for (;;) {
    const rest = text.slice(at);
    const link = LINK_TARGET.exec(rest);
    const skip = link ? link[0].length : (SEPARATOR.exec(rest)?.[0].length ?? 0);
    if (skip > 0) {
      at += skip;
      continue;
    }
    if (at >= text.length) return { ids, all: ids.length > 0 };
    const match = context.outcomeIdPattern.firstMatch(rest.slice(0, 40));
    if (!match || match.start !== 0 || match.end === 0) return { ids, all: false };
    ids.push({ id: rest.slice(0, match.end), start: at });
    at += match.end;
    // "KR-2.1." ends a sentence: the full stop is no part of the next id.
    if (text[at] === '.' || text[at] === ')') at++;
  }
}

/** The references in a story's blocks (`base`: their offset in the file), in the order written. */
export function servesIn(context: BuildContext, blocks: readonly RootContent[], base: number, found: OutcomeReference[] = []): OutcomeReference[] {
  const pending: RootContent[] = [...blocks].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'code' || node.type === 'html') continue;
    if (node.type === 'paragraph') leadInReferences(context, startOf(node, base), endOf(node, base), found);
    if (node.type === 'link') {
      const plain = plainText(node.children, base, context.text);
      const id = plain.text.trim();
      const match = context.outcomeIdPattern.firstMatch(id);
      if (match && match.start === 0 && match.end === id.length) {
        const lead = plain.text.indexOf(id);
        add(found, { id, span: mapSpan(plain, lead, lead + id.length), via: 'link' });
      }
      continue;
    }
    if ('children' in node) for (const child of [...(node.children as RootContent[])].reverse()) pending.push(child);
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}

/** A reference once per place: an id in a link on a Serves line is one reference, by link. */
function add(found: OutcomeReference[], reference: OutcomeReference): void {
  const index = found.findIndex((other) => other.span[0] === reference.span[0]);
  if (index === -1) found.push(reference);
  else if (reference.via === 'link') found[index] = reference;
}

/** Serves lines in a paragraph's source, one label a line. */
function leadInReferences(context: BuildContext, start: number, end: number, found: OutcomeReference[]): void {
  const { text } = context;
  let at = start;
  while (at < end) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    const line = text.slice(at, lineEnd);
    const match = LEAD_IN_LINE.exec(line);
    const kind = match && REFERENCE_LABELS.get(normalizeLabel(match[1]!));
    if (match && kind) {
      const { ids, all } = leadingIds(context, line.slice(match[0].length).replace(/\s+$/, ''));
      if (kind === 'serves' || all) {
        for (const { id, start: offset } of ids) {
          const from = at + match[0].length + offset;
          add(found, { id, span: [from, from + id.length], via: 'lead-in' });
        }
      }
    }
    at = lineEnd + 1;
  }
}

/**
 * The references of a file story's front matter: a key of FRONT_MATTER_KEYS whose value is ids
 * only (a string or a list). Returns the keys it read, which are then no Outcome section.
 */
export function frontMatterServes(context: BuildContext, frontMatter: FrontMatter): { references: OutcomeReference[]; keys: Set<string> } {
  const references: OutcomeReference[] = [];
  const keys = new Set<string>();
  const { text } = context;
  for (const key of FRONT_MATTER_KEYS) {
    const value = frontMatter.data[key];
    const items = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : [];
    const parsed = items.map((item) => leadingIds(context, item));
    if (parsed.length === 0 || !parsed.every((item) => item.all)) continue;
    keys.add(key);
    // The ids as written in the YAML: searched for after the key, in order.
    const keyAt = new RegExp(`^${key}[ \\t]*:`, 'm').exec(text.slice(frontMatter.span[0], frontMatter.span[1]));
    let from = frontMatter.span[0] + (keyAt?.index ?? 0);
    for (const { id } of parsed.flatMap((item) => item.ids)) {
      const found = text.indexOf(id, from);
      const span: Span = found !== -1 && found < frontMatter.span[1] ? [found, found + id.length] : frontMatter.span;
      references.push({ id, span, via: 'front-matter' });
      if (found !== -1) from = found + id.length;
    }
  }
  return { references, keys };
}
