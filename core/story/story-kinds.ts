/**
 * One builder per kind of story (model.ts StoryKind): a whole file with front matter `type: story`,
 * a heading with the sections below it, and a backlog line ("- PAY-12: As a …").
 */
import type { Paragraph, RootContent } from 'mdast';
import type { OutcomeReference, PlainText, Story } from './model';
import { mapSpan } from './model';
import { consecutiveOffsets } from '../markdown/offsets';
import { endOf, plainText, slicePlain, startOf } from '../markdown/parse';
import type { Span } from '../engine/rule';
import type { Scan } from '../markdown/scan';
import { parseStatement } from './statement';
import { lineAfter, trimmedEnd } from '../markdown/text';
import { ID_FIELDS, PERSONA_FIELDS } from './vocabulary';
import { type BuildContext, findId, sectionKind } from './context';
import { type Chunk, type FrontMatter, type HeadingChunk, spanOfKey } from './chunks';
import { stripCheckbox } from './criteria';
import { firstParagraph, headingStatement, literalPlain, metadataOf, withoutStoryLabel } from './opening';
import { isStatementLabel, isStoryEvidence } from './recognise';
import { collectStoryBody } from './sections';
import { frontMatterServes, servesIn } from './serves';

/** A whole file described by front matter `type: story`. */
export function fileStory(context: BuildContext, chunks: Chunk[], frontMatter: FrontMatter, layout: Scan): Story {
  const text = context.text;
  const data = frontMatter.data;
  const firstHeading = chunks.find((chunk) => chunk.heading);
  const titleValue = typeof data.title === 'string' ? data.title : undefined;
  const titleSpan: Span =
    (titleValue && spanOfKey(data, 'title')) ||
    (firstHeading?.heading ? firstHeading.heading.textSpan : [frontMatter.span[0], frontMatter.span[0] + 3]);
  const story = emptyStory('file', titleValue ?? (firstHeading?.headingText?.text ?? ''), titleSpan, [layout.bodyStart, text.length]);
  story.bodyStart = lineAfter(text, frontMatter.span[1]);
  // A title heading opening the body is not a section: the statement belongs below it.
  const opening = chunks.find((chunk) => chunk.heading);
  if (opening?.heading) {
    const isTitle = sectionKind(context, opening.headingText?.text ?? '') === undefined;
    const onlyBlankBefore = text.slice(story.bodyStart, opening.start).trim() === '';
    if (isTitle && onlyBlankBefore) story.bodyStart = lineAfter(text, opening.heading.span[1]);
  }
  const id = data.id;
  if (typeof id === 'string' || typeof id === 'number') {
    story.id = { text: String(id), span: spanOfKey(data, 'id') ?? frontMatter.span };
  }
  if (typeof data.persona === 'string') {
    story.persona = { text: data.persona, span: spanOfKey(data, 'persona') ?? frontMatter.span };
  }
  // `outcome: KR-2.1` names the outcome served; a longer text is the story's Outcome section.
  const served = frontMatterServes(context, frontMatter);
  for (const [key, kind] of [['outcome', 'outcome'], ['problem', 'problem'], ['evidence', 'problem']] as const) {
    const value = data[key];
    if (served.keys.has(key)) continue;
    if (value === undefined || value === null || value === '') continue;
    const span = spanOfKey(data, key) ?? frontMatter.span;
    const content = typeof value === 'string' ? value : JSON.stringify(value);
    story.sections.push({
      kind,
      name: key,
      style: 'front-matter',
      nameSpan: span,
      span,
      content: literalPlain(content, span),
    });
  }
  collectStoryBody(context, story, chunks, { statementFromFirstParagraph: true });
  const serves = served.references;
  for (const chunk of chunks) servesIn(context, chunk.blocks, chunk.start, serves);
  if (serves.length > 0) story.serves = serves;
  return story;
}

/**
 * A heading story: `members[headIndex]` is its heading; the statement is in the heading, its first
 * paragraph, or a "Description" / "User story" sub-heading directly below it.
 */
export function headingStory(context: BuildContext, members: Chunk[], headIndex: number, sectionHeadings: readonly boolean[]): Story {
  const head = members[headIndex]! as HeadingChunk;
  const headingText = head.headingText ?? { text: '', offsets: consecutiveOffsets(head.heading.textSpan[0], 1) };
  const id = findId(context, headingText);
  const title = withoutTypeTag(id ? cleanTitle(headingText.text.slice(0, id.start) + ' ' + headingText.text.slice(id.end)) : headingText.text);
  const end = members[members.length - 1]!.end;
  const story = emptyStory('heading', title, head.heading.textSpan, [members[0]!.heading!.span[0], end]);
  story.headingLevel = head.heading.level;
  story.bodyStart = lineAfter(context.text, head.heading.span[1]);
  if (id) story.id = { text: id.text, span: id.span };

  const labels = isStatementLabel(context, head)
    ? []
    : members.filter((member, index) => index > headIndex && member.heading!.level > head.heading.level && isStatementLabel(context, member));
  const sources = [head, ...labels];
  for (const field of sources.flatMap((chunk) => metadataOf(context, chunk))) {
    if (!story.id && ID_FIELDS.has(field.key)) {
      const found = findId(context, literalPlain(field.value, field.valueSpan));
      if (found) story.id = { text: found.text, span: found.span };
    }
    if (!story.persona && PERSONA_FIELDS.has(field.key) && field.value) story.persona = { text: field.value, span: field.valueSpan };
  }
  for (const source of sources) {
    const statement = headingStatement(context, source);
    if (statement) {
      story.statement = statement;
      break;
    }
  }
  if (!story.statement) {
    const first = sources.map((source) => firstParagraph(context, source.blocks, source.start)).find((plain) => plain !== undefined);
    const plain = first && withoutStoryLabel(context, first);
    if (plain && plain.text.trim()) story.unrecognised = { ...plain, span: mapSpan(plain, 0, plain.text.length) };
  }
  collectStoryBody(context, story, members, { statementFromFirstParagraph: false, sectionHeadings });
  const serves: OutcomeReference[] = [];
  for (const member of members) servesIn(context, member.blocks, member.start, serves);
  if (serves.length > 0) story.serves = serves;
  return story;
}

/** One-line stories in `block` (a list, its items, a block quote or a paragraph), added to `stories`. */
export function collectLineStories(context: BuildContext, block: RootContent, base: number, stories: Story[]): void {
  if (block.type === 'list') {
    for (const item of block.children) collectLineStories(context, item, base, stories);
    return;
  }
  if (block.type === 'blockquote') {
    for (const child of block.children) collectLineStories(context, child, base, stories);
    return;
  }
  if (block.type !== 'listItem' && block.type !== 'paragraph') return;
  const paragraph = block.type === 'listItem' ? block.children.find((child): child is Paragraph => child.type === 'paragraph') : block;
  if (!paragraph) return;
  let plain = plainText(paragraph.children, base, context.text);
  if (block.type === 'listItem') plain = stripCheckbox(plain).plain;
  const id = leadingId(context, plain);
  if (id) plain = slicePlain(plain, id.contentStart);
  const statement = parseStatement(plain, context.settings.templates, { allowIncomplete: false });
  if (statement && isStoryEvidence(statement, context.text)) {
    const span: Span = [startOf(block, base), trimmedEnd(context.text, startOf(block, base), endOf(block, base))];
    const story = emptyStory('line', statement.text, statement.span, span);
    story.statement = statement;
    story.bodyStart = statement.span[1];
    story.contentEnd = statement.span[1];
    if (id) story.id = { text: id.text, span: id.span };
    const serves = servesIn(context, [paragraph], base);
    if (serves.length > 0) story.serves = serves;
    stories.push(story);
  }
  if (block.type === 'listItem') {
    for (const child of block.children) if (child.type === 'list') collectLineStories(context, child, base, stories);
  }
}

/** An id that opens a backlog line: "PAY-12: As a ..." or "[#12] As a ...". */
function leadingId(context: BuildContext, plain: PlainText): { text: string; span: Span; contentStart: number } | undefined {
  const id = findId(context, plain);
  if (!id) return undefined;
  const before = plain.text.slice(0, id.start);
  if (!/^[\s[(*_]*$/.test(before)) return undefined;
  let contentStart = id.end;
  while (contentStart < plain.text.length && /[\s\])*_:.|–—-]/.test(plain.text[contentStart]!)) contentStart++;
  return { text: id.text, span: id.span, contentStart };
}

export function emptyStory(kind: Story['kind'], title: string, titleSpan: Span, span: Span): Story {
  return { kind, title, titleSpan, span, sections: [], criteria: [], bodyStart: span[0], contentEnd: span[1], endsInOpenBlock: false };
}

/**
 * A heading's text without a tracker's type tag: GitHub issue forms title issues "[Story]: …",
 * Azure DevOps exports "User Story 4512: …".
 */
function withoutTypeTag(title: string): string {
  return title.replace(/^\s*(?:\[[A-Za-z ]{1,20}\]:?|(?:user )?story #?\d{1,9}\s*[:–—-])\s+/i, '');
}

/** A heading's text with the separators an id left around it removed. */
export function cleanTitle(title: string): string {
  return title.replace(/^[\s:.|–—\-[\]()]+|[\s:|–—\-[\]()]+$/g, '').replace(/\s{2,}/g, ' ');
}
