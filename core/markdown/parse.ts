import type { Nodes, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import { fastParse } from './fast-parse';
import type { PlainText } from '../story/model';
import { consecutiveOffsets, lastOffset, offsetAt, OffsetsBuilder, sliceOffsets } from './offsets';
import { isHighSurrogate } from './text';

/*
 * Plain remark-parse, without remark-gfm and remark-frontmatter: front matter is found by the line
 * scan, and the only GFM construct stories need, task-list checkboxes, is read from the item text.
 * GFM's extensions make every parse slower, and a linter parses on every keystroke.
 */
let processor: Processor<Root> | undefined;

/** remark, loaded on the first text the fast path declines: a cold run of plain backlogs never pays for it. */
function remark(): Processor<Root> {
  if (!processor) {
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    processor = unified().use(remarkParse) as unknown as Processor<Root>;
  }
  return processor;
}

/** Bounded memo of parse trees by chunk text, so an edit re-parses only the chunk it touched. */
export class ParseCache {
  private readonly trees: RecentMap<string, Root>;
  /** Chunks parsed so far (cache misses): lets tests and benchmarks check edits stay incremental. */
  parses = 0;
  private readonly derivedByOwner = new WeakMap<object, RecentMap<string, unknown>>();

  constructor(private readonly capacity = 20_000) {
    this.trees = new RecentMap(capacity);
  }

  get(text: string): Root {
    let tree = this.trees.get(text);
    if (!tree) {
      tree = parseMarkdown(text);
      this.parses++;
      this.trees.set(text, tree);
    }
    return tree;
  }

  /**
   * Values derived from texts, per owner (the settings or config they were computed with), bounded
   * like the trees: the stories built from chunk texts (core/story/), the story findings by story
   * text (StoryFindingsMemo).
   */
  derived(owner: object): RecentMap<string, unknown> {
    let map = this.derivedByOwner.get(owner);
    if (!map) this.derivedByOwner.set(owner, (map = new RecentMap(this.capacity)));
    return map;
  }
}

/**
 * A map that keeps about `capacity` recently used entries, in two generations: entries go into the
 * young one, which becomes the old one when half full; an old entry read again moves to the young
 * one, and the old generation is dropped whole. A read is one or two lookups (an LRU list would
 * re-insert on every read, and an edit reads every chunk of its file).
 */
export class RecentMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= Math.max(1, this.capacity / 2)) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}

/** The mdast tree of a Markdown text: the fast path when the text stays in its subset, else remark. */
export function parseMarkdown(text: string): Root {
  // Callers pass text without the file's byte-order mark, so a leading U+FEFF is content (a chunk
  // can start with one). micromark drops the first U+FEFF as a mark and counts offsets after it:
  // one more in front keeps this one, at the same offsets.
  if (text.charCodeAt(0) === 0xfeff) return remark().parse(`\ufeff${text}`);
  return fastParse(text) ?? remark().parse(text);
}

export const startOf = (node: Nodes, base: number): number => base + (node.position?.start.offset ?? 0);
export const endOf = (node: Nodes, base: number): number => base + (node.position?.end.offset ?? 0);

/**
 * The reader's text of inline content with a file offset for every unit. Emphasis, code and link
 * markers vanish; hard breaks become line breaks; HTML (comments) is dropped.
 */
export function plainText(nodes: readonly Nodes[], base: number, source: string): PlainText {
  // Pieces of text, joined once at the end; `offsets` has one entry per UTF-16 unit.
  const chars: string[] = [];
  const offsets = new OffsetsBuilder();
  let lastEnd = base;
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'text':
      case 'inlineCode': {
        const start = startOf(node, base);
        const end = endOf(node, base);
        const value = node.value;
        // Line breaks stay (Gherkin steps are one per line); other control white space is a space.
        chars.push(value.includes('\r') || value.includes('\t') ? value.replace(/[\r\t]/g, ' ') : value);
        if (node.type === 'text' && value.length === end - start) offsets.pushRun(start, value.length);
        else if (node.type === 'text') pushAlignedOffsets(offsets, value, source, start, end);
        else {
          // Inline code: the value sits between the backticks.
          const codeStart = start + Math.max(0, Math.floor((end - start - value.length) / 2));
          pushClamped(offsets, codeStart, value.length, end - 1);
        }
        lastEnd = end;
        return;
      }
      case 'break':
        chars.push('\n');
        offsets.push(startOf(node, base));
        lastEnd = endOf(node, base);
        return;
      case 'html':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        lastEnd = endOf(node, base);
        return;
      default:
        if ('children' in node) for (const child of node.children) visit(child as Nodes);
        if (node.position) lastEnd = endOf(node, base);
    }
  };
  for (const node of nodes) visit(node);
  offsets.push(lastEnd);
  return { text: chars.join(''), offsets: offsets.build() };
}

/** `count` offsets from `start` on, none past `max`: start, start + 1, …, max, max, … */
function pushClamped(offsets: OffsetsBuilder, start: number, count: number, max: number): void {
  const below = Math.max(0, Math.min(count, max - start + 1));
  offsets.pushRun(start, below);
  for (let i = below; i < count; i++) offsets.push(Math.min(start + i, max));
}

/** Concatenates plain texts with a separator that maps to the end of the previous part. */
export function joinPlain(parts: readonly PlainText[], separator = '\n'): PlainText {
  const chars: string[] = [];
  const offsets = new OffsetsBuilder();
  parts.forEach((part, index) => {
    if (index > 0) {
      const at = offsets.last !== undefined ? offsets.last + 1 : offsetAt(part.offsets, 0)!;
      for (const ch of separator) {
        chars.push(ch);
        offsets.push(at);
      }
    }
    chars.push(part.text);
    offsets.pushFrom(part.offsets, 0, part.text.length);
  });
  const last = parts[parts.length - 1];
  offsets.push(last ? lastOffset(last.offsets) : 0);
  return { text: chars.join(''), offsets: offsets.build() };
}

/** Drops `count` units from the start of a plain text (e.g. a lead-in label). */
export function slicePlain(plain: PlainText, start: number, end = plain.text.length): PlainText {
  return { text: plain.text.slice(start, end), offsets: sliceOffsets(plain.offsets, start, end + 1) };
}

/** Trims white space from both ends, keeping the offsets aligned. */
export function trimPlain(plain: PlainText): PlainText {
  let start = 0;
  let end = plain.text.length;
  while (start < end && /\s/.test(plain.text[start]!)) start++;
  while (end > start && /\s/.test(plain.text[end - 1]!)) end--;
  return start === 0 && end === plain.text.length ? plain : slicePlain(plain, start, end);
}

/** The plain text of a block node (paragraph, list item, heading, blockquote, code...). */
export function blockText(node: RootContent, base: number, source: string): PlainText {
  const leafText = (leaf: RootContent): PlainText => (leaf.type === 'code' ? codeText(leaf, base, source) : plainText([leaf], base, source));
  const isContainer = (block: RootContent) => block.type === 'list' || block.type === 'listItem' || block.type === 'blockquote';
  if (!isContainer(node)) return leafText(node);
  // Containers join their children's texts, innermost first. An explicit stack, not recursion:
  // thousands of nested block quotes must not overflow the call stack.
  const stack: { container: RootContent; parts: PlainText[]; next: number }[] = [{ container: node, parts: [], next: 0 }];
  for (;;) {
    const frame = stack[stack.length - 1]!;
    const children = (frame.container as Extract<RootContent, { children: unknown }>).children as RootContent[];
    if (frame.next < children.length) {
      const child = children[frame.next++]!;
      if (isContainer(child)) stack.push({ container: child, parts: [], next: 0 });
      else frame.parts.push(leafText(child));
      continue;
    }
    // An empty container ("- " or "> ") has no text: it sits at its own end, as an empty leaf
    // does, not at offset 0, which is no place in the chunk and moves with nothing.
    const joined =
      frame.parts.length === 0
        ? { text: '', offsets: consecutiveOffsets(endOf(frame.container, base), 1) }
        : joinPlain(frame.parts, frame.container.type === 'list' ? '\n' : ' ');
    stack.pop();
    if (stack.length === 0) return joined;
    stack[stack.length - 1]!.parts.push(joined);
  }
}

/**
 * Appends the source offset of each unit of a text node whose value is shorter than its source: backslash
 * escapes, character references (`&amp;`) and the container prefixes of continuation lines. Walks
 * value and source together, so the units after an escape keep their own offsets (a fix inserted
 * after a statement lands after it, not inside an entity or an emoji). Linear: each step moves on
 * in the value or in the source.
 */
function pushAlignedOffsets(offsets: OffsetsBuilder, value: string, source: string, start: number, end: number): void {
  let at = start;
  for (let i = 0; i < value.length; i++) {
    const unit = value[i]!;
    const reference = source[at] === '&' ? referenceEnd(source, at, end) : -1;
    if (reference !== -1 && !value.startsWith(source.slice(at, reference), i)) {
      // A reference decodes to one or two units (an astral character): both sit on its `&`.
      offsets.push(at);
      if (isHighSurrogate(value.charCodeAt(i)) && i + 1 < value.length) offsets.push(at), i++;
      at = reference;
      continue;
    }
    if (source[at] === '\\' && source[at + 1] === unit) at++;
    else if ((value[i - 1] === '\n' || value[i - 1] === '\r') && source[at] !== unit) at = onSameLine(source, unit, at, end) ?? at;
    // A unit that differs from its source without markup (NUL read as U+FFFD) still takes one.
    offsets.push(Math.min(at, end - 1));
    at++;
  }
}

const CHARACTER_REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** The end of the character reference (`&amp;`, `&#233;`) at `at`, or -1. */
function referenceEnd(source: string, at: number, end: number): number {
  const match = CHARACTER_REFERENCE.exec(source.slice(at, Math.min(end, at + 34)));
  return match ? at + match[0].length : -1;
}

/** Where `unit` next occurs on the line at `at`: a continuation line's indentation or `>` prefix is not in the value. */
function onSameLine(source: string, unit: string, at: number, end: number): number | undefined {
  for (let index = at; index < end && source[index] !== '\n' && source[index] !== '\r'; index++) if (source[index] === unit) return index;
  return undefined;
}

/** A fenced block's content maps line by line to the source after the opening fence. */
function codeText(node: Extract<RootContent, { type: 'code' }>, base: number, source: string): PlainText {
  const start = startOf(node, base);
  const end = endOf(node, base);
  const fenced = /^(?:```|~~~)/.test(source.slice(start, start + 3));
  const firstBreak = fenced ? source.indexOf('\n', start) : -1;
  const contentStart = firstBreak === -1 || firstBreak >= end ? start : firstBreak + 1;
  const offsets = new OffsetsBuilder();
  pushClamped(offsets, contentStart, node.value.length + 1, end);
  return { text: node.value, offsets: offsets.build() };
}
