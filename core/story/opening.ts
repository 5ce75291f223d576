/**
 * How a heading's chunk or a paragraph opens: tracker metadata fields, a lead-in label ("Outcome:",
 * "User story:"), the first paragraph that is content, and the statement in the heading or that
 * paragraph. Both recognising stories (recognise.ts) and building them read these.
 */
import type { RootContent } from 'mdast';
import type { PlainText, Statement } from './model';
import { OffsetsBuilder } from '../markdown/offsets';
import { plainText, slicePlain, trimPlain } from '../markdown/parse';
import type { Span } from '../engine/rule';
import { type MetadataField, metadataFields } from './metadata';
import { parseStatement } from './statement';
import { appendAll } from '../markdown/text';
import { STATEMENT_LABELS } from './vocabulary';
import { type BuildContext, findId, normalizeLabel } from './context';
import type { Chunk } from './chunks';

/** Metadata paragraphs and field tables that open a chunk, before its first content paragraph. */
export function metadataOf(context: BuildContext, chunk: Chunk): MetadataField[] {
  const fields: MetadataField[] = [];
  for (const block of chunk.blocks) {
    if (block.type === 'html') continue;
    if (block.type !== 'paragraph') break;
    const found = metadataIn(context, plainText(block.children, chunk.start, context.text));
    if (!found) break;
    appendAll(fields, found);
  }
  return fields;
}

function metadataIn(context: BuildContext, plain: PlainText): MetadataField[] | undefined {
  return metadataFields(plain, (key) => context.synonyms.has(key) || STATEMENT_LABELS.has(key));
}

/** The first paragraph that is content: HTML comments, metadata lines and field tables are skipped. */
export function firstParagraph(context: BuildContext, blocks: readonly RootContent[], base: number): PlainText | undefined {
  for (const block of blocks) {
    if (block.type === 'html') continue;
    if (block.type === 'paragraph') {
      const plain = trimPlain(plainText(block.children, base, context.text));
      if (metadataIn(context, plain)) continue;
      return plain;
    }
    if (block.type === 'blockquote') return firstParagraph(context, block.children, base);
    return undefined;
  }
  return undefined;
}

/** The statement of a heading chunk: the heading itself or its first content paragraph. */
export function headingStatement(context: BuildContext, chunk: Chunk): Statement | undefined {
  if (chunk.headingText) {
    const fromHeading = parseStatement(stripId(context, chunk.headingText), context.settings.templates, { allowIncomplete: false });
    if (fromHeading) return fromHeading;
  }
  const first = firstParagraph(context, chunk.blocks, chunk.start);
  if (!first) return undefined;
  const plain = withoutStoryLabel(context, first);
  if (!plain) return undefined;
  return parseStatement(plain, context.settings.templates, { allowIncomplete: true });
}

/** Drops a "Story:" lead-in; returns undefined when the paragraph is a section lead-in. */
export function withoutStoryLabel(context: BuildContext, plain: PlainText): PlainText | undefined {
  const label = leadInLabel(plain.text);
  if (!label) return plain;
  const name = normalizeLabel(label.label);
  if (STATEMENT_LABELS.has(name)) return slicePlain(plain, label.contentStart);
  if (context.synonyms.has(name)) return undefined;
  return plain;
}

function stripId(context: BuildContext, heading: PlainText): PlainText {
  const id = findId(context, heading);
  if (!id || id.start > 2) return heading;
  let start = id.end;
  while (start < heading.text.length && /[\s\]):.|–—-]/.test(heading.text[start]!)) start++;
  return slicePlain(heading, start);
}

export function leadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** "Outcome: text" → label "Outcome"; a label is at most six words and ends with a colon. */
export function leadInLabel(text: string): { label: string; contentStart: number } | undefined {
  const start = leadingSpace(text);
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon - start > 60) return undefined;
  const label = text.slice(start, colon);
  if (label.trim() === '' || label.split(/\s+/).length > 6 || /[.!?]/.test(label)) return undefined;
  return { label, contentStart: colon + 1 };
}

/** A value that is not Markdown (a front-matter or metadata field's), every unit mapped into `span`. */
export function literalPlain(content: string, span: Span): PlainText {
  const offsets = new OffsetsBuilder();
  for (let i = 0; i <= content.length; i++) offsets.push(Math.min(span[0] + i, span[1]));
  return { text: content, offsets: offsets.build() };
}
