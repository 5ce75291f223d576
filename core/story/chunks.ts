/**
 * A file cut at its headings into chunks, each parsed on its own (so the parse cache reuses the
 * chunks an edit did not touch), and what is read from the file before any story: its HTML
 * comments (for inline directives) and its front matter.
 */
import type { Root, RootContent } from 'mdast';
import type { PlainText } from './model';
import { endOf, parseMarkdown, type ParseCache, plainText, startOf, trimPlain } from '../markdown/parse';
import type { Span } from '../engine/rule';
import type { Scan, ScannedHeading } from '../markdown/scan';
import { yaml } from '../markdown/yaml';
import { lineAfter } from '../markdown/text';

/** One top-level heading's chunk (or the text before the first heading), parsed on its own. */
export interface Chunk {
  start: number;
  end: number;
  heading?: ScannedHeading;
  headingText?: PlainText;
  /** Block nodes after the heading; their positions are relative to `start`. */
  blocks: RootContent[];
  /** The chunk's parse tree: the same object for the same text while the parse cache keeps it. */
  tree: Root;
}

/** A chunk that starts at a heading. */
export type HeadingChunk = Chunk & { heading: ScannedHeading };

/** An HTML comment: a candidate inline directive. */
export interface Comment {
  text: string;
  span: Span;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  span: Span;
  error?: { message: string; offset: number };
}

export function chunksOf(text: string, layout: Scan, cache?: ParseCache): Chunk[] {
  const chunks: Chunk[] = [];
  const bodyStart = layout.frontMatter ? lineAfter(text, layout.frontMatter.span[1]) : layout.bodyStart;
  const parse = (start: number, end: number, heading?: ScannedHeading): void => {
    const source = text.slice(start, end);
    const tree: Root = cache ? cache.get(source) : parseMarkdown(source);
    let blocks = tree.children;
    let headingText: PlainText | undefined;
    if (heading && blocks[0]?.type === 'heading') {
      headingText = trimPlain(plainText(blocks[0].children, start, text));
      blocks = blocks.slice(1);
    }
    chunks.push({ start, end, heading, headingText, blocks, tree });
  };
  const first = layout.headings[0];
  if (!first || first.span[0] > bodyStart) parse(bodyStart, first ? first.span[0] : text.length);
  layout.headings.forEach((heading, index) => {
    const next = layout.headings[index + 1];
    parse(heading.span[0], next ? next.span[0] : text.length, heading);
  });
  return chunks;
}

/**
 * The HTML comments of a chunk's blocks, relative to its start: per parse tree (with or without its
 * heading), so that an edit re-reads only the chunk it touched.
 */
const chunkComments = new WeakMap<Root, { headed?: Comment[]; whole?: Comment[] }>();

export function collectComments(chunks: readonly Chunk[], text: string): Comment[] {
  return chunks.flatMap((chunk) => {
    let memo = chunkComments.get(chunk.tree);
    if (!memo) chunkComments.set(chunk.tree, (memo = {}));
    const slot = chunk.headingText ? 'headed' : 'whole';
    const relative = (memo[slot] ??= commentsIn(chunk.blocks, text.slice(chunk.start, chunk.end)));
    return relative.map((comment) => ({ text: comment.text, span: [comment.span[0] + chunk.start, comment.span[1] + chunk.start] as Span }));
  });
}

/** The comments in `blocks`, whose positions are offsets into `source`. */
function commentsIn(blocks: readonly RootContent[], source: string): Comment[] {
  const comments: Comment[] = [];
  // An explicit stack, not recursion: 5,000 nested block quotes must not overflow the call stack.
  const pending: RootContent[] = [...blocks].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'html') {
      const start = startOf(node, 0);
      const html = source.slice(start, endOf(node, 0));
      // A block may hold several comments; each is a candidate directive.
      let at = html.indexOf('<!--');
      while (at !== -1) {
        const close = html.indexOf('-->', at + 4);
        if (close === -1) break;
        comments.push({ text: html.slice(at + 4, close).trim(), span: [start + at, start + close + 3] });
        at = html.indexOf('<!--', close + 3);
      }
    }
    if ('children' in node) for (const child of [...(node.children as RootContent[])].reverse()) pending.push(child);
  }
  return comments;
}

export function readFrontMatter(text: string, layout: Scan): FrontMatter | undefined {
  if (!layout.frontMatter) return undefined;
  const [contentStart, contentEnd] = layout.frontMatter.contentSpan;
  const source = text.slice(contentStart, contentEnd);
  try {
    // The core schema builds plain data only: no custom tags, nothing executed.
    const { isMap, isScalar, parseDocument } = yaml();
    const document = parseDocument(source, { schema: 'core', prettyErrors: false, uniqueKeys: false });
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      return { data: {}, span: layout.frontMatter.span, error: { message: error.message.split('\n')[0]!, offset: contentStart + (error.pos?.[0] ?? 0) } };
    }
    const data = document.toJS({ maxAliasCount: 50 }) as unknown;
    const spans: Record<string, Span> = {};
    if (isMap(document.contents)) {
      for (const pair of document.contents.items) {
        if (isScalar(pair.key) && pair.value && isScalar(pair.value) && pair.value.range) {
          spans[String(pair.key.value)] = [contentStart + pair.value.range[0], contentStart + pair.value.range[1]];
        }
      }
    }
    const record = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    return { data: { ...record, [SPANS]: spans }, span: layout.frontMatter.span };
  } catch (error) {
    return { data: {}, span: layout.frontMatter.span, error: { message: (error as Error).message, offset: contentStart } };
  }
}

/** Front-matter value spans travel with the data under a symbol key, invisible to JSON. */
const SPANS = Symbol('spans');

/** Where the value of front-matter field `key` sits in the file, when it is a scalar. */
export const spanOfKey = (data: Record<string, unknown>, key: string): Span | undefined =>
  ((data as Record<symbol, Record<string, Span>>)[SPANS] ?? {})[key];
