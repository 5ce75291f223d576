import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { Criterion, PlainText, Section, Statement, Story } from './model';
import { mapSpan } from './model';
import { consecutiveOffsets, offsetAt, OffsetsBuilder, shiftOffsets } from '../markdown/offsets';
import { blockText, endOf, joinPlain, parseMarkdown, type ParseCache, plainText, slicePlain, startOf, trimPlain } from '../markdown/parse';
import type { Span } from '../engine/rule';
import { type LinearPattern, linearPattern } from '../config/regex-safety';
import { detectStories, type HeadingFacts } from './detect';
import { declaredType, ID_FIELDS, isTableSeparator, type MetadataField, metadataFields, PERSONA_FIELDS, tableCells, TYPE_FIELDS } from './metadata';
import { type Scan, type ScannedHeading, scan } from '../markdown/scan';
import { isWeakSectionName, type SectionKind, type Settings } from './settings';
import { yaml } from '../markdown/yaml';
import { firstPlaceholder } from './placeholder';
import { parseStatement } from './statement';
import { appendAll, lineAfter, trimmedEnd, words } from '../markdown/text';

/** One top-level heading's chunk (or the text before the first heading), parsed on its own. */
interface Chunk {
  start: number;
  end: number;
  heading?: ScannedHeading;
  headingText?: PlainText;
  /** Block nodes after the heading; their positions are relative to `start`. */
  blocks: RootContent[];
  /** The chunk's parse tree: the same object for the same text while the parse cache keeps it. */
  tree: Root;
}

export interface ParsedFile {
  text: string;
  stories: Story[];
  /** HTML comments, for inline directives. */
  comments: { text: string; span: Span }[];
  frontMatter?: { data: Record<string, unknown>; span: Span; error?: { message: string; offset: number } };
}

export interface BuildOptions {
  settings: Settings;
  cache?: ParseCache;
}

const chunkFacts = new WeakMap<Settings, WeakMap<Root, HeadingFacts>>();

/** A copy of a story with every offset moved by `delta` (stories are immutable once built). */
/** Stories built from a stretch of text: relative to its start, and as last placed in a file. */
interface PlacedStories {
  relative: Story[];
  start: number;
  stories: Story[];
}

function shiftStory(story: Story, delta: number): Story {
  if (delta === 0) return story;
  const span = (value: Span): Span => [value[0] + delta, value[1] + delta];
  const plain = <T extends PlainText>(value: T): T => ({ ...value, offsets: shiftOffsets(value.offsets, delta) });
  const shifted: Story = {
    ...story,
    titleSpan: span(story.titleSpan),
    span: span(story.span),
    bodyStart: story.bodyStart + delta,
    contentEnd: story.contentEnd + delta,
    sections: story.sections.map((section) => ({ ...section, nameSpan: span(section.nameSpan), span: span(section.span), content: plain(section.content) })),
    criteria: story.criteria.map((criterion) => ({ ...plain(criterion), span: span(criterion.span) })),
  };
  if (story.id) shifted.id = { ...story.id, span: span(story.id.span) };
  if (story.persona) shifted.persona = { ...story.persona, span: span(story.persona.span) };
  if (story.unrecognised) shifted.unrecognised = { ...plain(story.unrecognised), span: span(story.unrecognised.span) };
  if (story.statement) {
    const parts: Statement['parts'] = {};
    for (const [name, part] of Object.entries(story.statement.parts) as [keyof Statement['parts'], NonNullable<Statement['parts'][keyof Statement['parts']]>][]) {
      parts[name] = { ...part, span: span(part.span) };
    }
    shifted.statement = { ...plain(story.statement), span: span(story.statement.span), parts };
  }
  return shifted;
}

/** Where a section's content and criteria come from: parsed blocks, or text already extracted. */
type CriteriaSource = { block: RootContent; base: number } | { plain: PlainText };
type SectionDraft = Omit<Section, 'content'> & { blocks: CriteriaSource[]; prefix?: PlainText };

/** Labels of the story's statement, as a lead-in ("User story: As a …") or a sub-heading ("## Description"). */
const STATEMENT_LABELS = new Set([
  'story', 'user story', 'statement', 'job story', 'story statement', 'description', 'story description', 'summary', 'narrative',
]);

/** Headings that name a container of stories by its first word: "Epic CRM-80: Customer portal". */
const CONTAINER_WORDS = new Set(['epic', 'epics', 'initiative', 'initiatives', 'theme', 'themes', 'milestone', 'sprint', 'release', 'roadmap']);

/** Headings that explain stories rather than hold one: "Example", "Story template", "How to write a story". */
const EXPLANATORY_OPENERS = new Set(['example', 'examples', 'template', 'templates', 'faq', 'glossary', 'tips', 'anatomy']);
const EXPLANATORY_WORDS = new Set(['example', 'examples', 'template', 'templates', 'guide', 'guidelines', 'checklist', 'cheatsheet', 'writing', 'write']);
const STORY_TOPICS = new Set(['story', 'stories', 'backlog', 'criteria', 'statement', 'statements', 'outcome', 'outcomes', 'epic', 'epics']);

/** Words that make a bare "As …" prose rather than a role: "As said before, we want …", "As obug is a fork …". */
const PROSE_ROLE_WORDS = new Set(['is', 'are', 'was', 'were', 'be', 'said', 'mentioned', 'noted', 'described', 'shown', 'seen', 'explained', 'discussed', 'stated', 'usual', 'always', 'such', 'well', 'far', 'long', 'soon', 'much', 'you', 'it', 'we', 'they', 'i']);

export function buildStories(text: string, { settings, cache }: BuildOptions): ParsedFile {
  const layout = scan(text);
  const chunks = chunksOf(text, layout, cache);
  const comments = collectComments(chunks, text);
  const frontMatter = readFrontMatter(text, layout);
  const context = new BuildContext(text, settings, cache);

  if (frontMatter && !frontMatter.error && String(frontMatter.data.type ?? '').toLowerCase() === 'story') {
    return { text, stories: [context.fileStory(chunks, frontMatter, layout)], comments, frontMatter };
  }
  return { text, stories: context.headingAndLineStories(chunks), comments, frontMatter };
}

function chunksOf(text: string, layout: Scan, cache?: ParseCache): Chunk[] {
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

type Comment = ParsedFile['comments'][number];

/**
 * The HTML comments of a chunk's blocks, relative to its start: per parse tree (with or without its
 * heading), so that an edit re-reads only the chunk it touched.
 */
const chunkComments = new WeakMap<Root, { headed?: Comment[]; whole?: Comment[] }>();

function collectComments(chunks: readonly Chunk[], text: string): ParsedFile['comments'] {
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

function readFrontMatter(text: string, layout: Scan): ParsedFile['frontMatter'] {
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
const spanOfKey = (data: Record<string, unknown>, key: string): Span | undefined =>
  ((data as Record<symbol, Record<string, Span>>)[SPANS] ?? {})[key];

class BuildContext {
  private readonly synonyms = new Map<string, SectionKind>();
  private readonly idPattern: LinearPattern;

  constructor(
    private readonly text: string,
    private readonly settings: Settings,
    private readonly cache?: ParseCache,
  ) {
    for (const [kind, names] of Object.entries(settings.sections) as [SectionKind, readonly string[]][]) {
      for (const name of names) this.synonyms.set(normalizeLabel(name), kind);
    }
    this.idPattern = linearPattern(settings.idPattern);
  }

  /**
   * The kind a section heading names: a configured name, or names of one kind joined ("Problem and
   * evidence", "Outcome / success metrics"), with a trailing remark in parentheses dropped
   * ("Acceptance criteria (Gherkin)").
   */
  sectionKind(label: string): SectionKind | undefined {
    const normalized = normalizeLabel(label);
    const exact = this.synonyms.get(normalized);
    if (exact || normalized.length > 80) return exact;
    const kinds = new Set(
      normalized
        .replace(/\s*\([^()]*\)$/, '')
        .split(/\s+(?:and|&|\+)\s+|\s*[/,]\s*/)
        .map((name) => this.synonyms.get(name)),
    );
    return kinds.size === 1 ? [...kinds][0] : undefined;
  }

  findId(plain: PlainText): { text: string; span: Span; start: number; end: number } | undefined {
    // Ids live near the start of a heading; a bounded window keeps any configured pattern cheap.
    const window = plain.text.slice(0, 200);
    const match = this.idPattern.firstMatch(window);
    if (!match || match.end === match.start) return undefined;
    const { start, end } = match;
    return { text: window.slice(start, end), span: mapSpan(plain, start, end), start, end };
  }

  /** A whole file described by front matter `type: story`. */
  fileStory(chunks: Chunk[], frontMatter: NonNullable<ParsedFile['frontMatter']>, layout: Scan): Story {
    const data = frontMatter.data;
    const firstHeading = chunks.find((chunk) => chunk.heading);
    const titleValue = typeof data.title === 'string' ? data.title : undefined;
    const titleSpan: Span =
      (titleValue && spanOfKey(data, 'title')) ||
      (firstHeading?.heading ? firstHeading.heading.textSpan : [frontMatter.span[0], frontMatter.span[0] + 3]);
    const story = this.emptyStory('file', titleValue ?? (firstHeading?.headingText?.text ?? ''), titleSpan, [layout.bodyStart, this.text.length]);
    story.bodyStart = lineAfter(this.text, frontMatter.span[1]);
    // A title heading opening the body is not a section: the statement belongs below it.
    const opening = chunks.find((chunk) => chunk.heading);
    if (opening?.heading) {
      const isTitle = this.sectionKind(opening.headingText?.text ?? '') === undefined;
      const onlyBlankBefore = this.text.slice(story.bodyStart, opening.start).trim() === '';
      if (isTitle && onlyBlankBefore) story.bodyStart = lineAfter(this.text, opening.heading.span[1]);
    }
    const id = data.id;
    if (typeof id === 'string' || typeof id === 'number') {
      story.id = { text: String(id), span: spanOfKey(data, 'id') ?? frontMatter.span };
    }
    if (typeof data.persona === 'string') {
      story.persona = { text: data.persona, span: spanOfKey(data, 'persona') ?? frontMatter.span };
    }
    for (const [key, kind] of [['outcome', 'outcome'], ['problem', 'problem'], ['evidence', 'problem']] as const) {
      const value = data[key];
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
    this.collectStoryBody(story, chunks, { statementFromFirstParagraph: true });
    return story;
  }

  headingAndLineStories(chunks: Chunk[]): Story[] {
    const headings = chunks.filter((chunk): chunk is Chunk & { heading: ScannedHeading } => chunk.heading !== undefined);
    const facts = headings.map((chunk) => this.factsOf(chunk));
    const detection = detectStories(facts);

    const stories: Story[] = [];
    const covered = new Set<Chunk>();
    for (const { head, first, last } of detection.stories) {
      const members = headings.slice(first, last + 1);
      members.forEach((member) => covered.add(member));
      const start = members[0]!.start;
      const end = members[members.length - 1]!.end;
      const isSection = facts.slice(first, last + 1).map((fact) => fact.section !== undefined);
      appendAll(
        stories,
        this.remembered(`heading\u0000${head - first}\u0000${this.text.slice(start, end)}`, start, () => [this.headingStory(members, head - first, isSection)]),
      );
    }
    headings.forEach((chunk, i) => {
      if (detection.quiet[i]) covered.add(chunk);
    });

    // Backlog lists: statements in list items or paragraphs outside any heading story.
    const containers = new Set<Chunk>(headings.filter((_, i) => detection.container[i]));
    for (const chunk of chunks) {
      if (covered.has(chunk)) continue;
      const container = containers.has(chunk);
      appendAll(
        stories,
        this.remembered(`line\u0000${container ? 'container' : ''}\u0000${this.text.slice(chunk.start, chunk.end)}`, chunk.start, () => {
          const found: Story[] = [];
          for (const block of chunk.blocks) {
            // An epic's own paragraphs describe the epic; its lists may still be its stories.
            if (container && block.type === 'paragraph') continue;
            this.collectLineStories(block, chunk.start, found);
          }
          return found;
        }),
      );
    }
    stories.sort((a, b) => a.span[0] - b.span[0]);
    return stories;
  }

  /**
   * What the story detector needs to know about a heading, from its chunk alone. Remembered per
   * parse tree: with the parse cache, an unchanged chunk keeps its tree, so an edit re-reads only its chunk.
   */
  private factsOf(chunk: Chunk & { heading: ScannedHeading }): HeadingFacts {
    let memo = chunkFacts.get(this.settings);
    if (!memo) chunkFacts.set(this.settings, (memo = new WeakMap()));
    let facts = memo.get(chunk.tree);
    if (!facts) {
      const headingText = chunk.headingText?.text ?? '';
      const kind = this.sectionKind(headingText);
      const label = normalizeLabel(headingText);
      const metadata = this.metadataOf(chunk);
      const type = metadata.find((field) => TYPE_FIELDS.has(field.key));
      const headingId = chunk.headingText !== undefined && this.findId(chunk.headingText) !== undefined;
      const statement = this.headingStatement(chunk);
      facts = {
        level: chunk.heading.level,
        statementLabel: kind === undefined && STATEMENT_LABELS.has(label),
        statement: isStoryEvidence(statement, this.text),
        partialStatement: statement !== undefined,
        id: headingId || metadata.some((field) => ID_FIELDS.has(field.key) && this.findId(literalPlain(field.value, field.valueSpan)) !== undefined),
        leadIns: this.leadInSections(chunk.blocks, chunk.start)
          .filter((section) => section.kind !== 'notes' && !isWeakSectionName(section.name))
          .map((section) => section.kind),
      };
      // An id names a tracker item: "PO-3 Write stories faster" is a story, whatever its words.
      const naming = namingOf(headingText);
      if (naming === 'container' || (naming && !headingId)) facts.naming = naming;
      if (kind) facts.section = { kind, strong: kind !== 'notes' && !isWeakSectionName(headingText) };
      const declared = type && declaredType(type.value);
      if (declared) facts.declaredType = declared;
      memo.set(chunk.tree, facts);
    }
    return facts;
  }

  /** Metadata paragraphs and field tables that open a chunk, before its first content paragraph. */
  private metadataOf(chunk: Chunk): MetadataField[] {
    const fields: MetadataField[] = [];
    for (const block of chunk.blocks) {
      if (block.type === 'html') continue;
      if (block.type !== 'paragraph') break;
      const found = this.metadataIn(plainText(block.children, chunk.start, this.text));
      if (!found) break;
      appendAll(fields, found);
    }
    return fields;
  }

  private metadataIn(plain: PlainText): MetadataField[] | undefined {
    return metadataFields(plain, (key) => this.synonyms.has(key) || STATEMENT_LABELS.has(key));
  }

  /** The first paragraph that is content: HTML comments, metadata lines and field tables are skipped. */
  private firstParagraph(blocks: readonly RootContent[], base: number): PlainText | undefined {
    for (const block of blocks) {
      if (block.type === 'html') continue;
      if (block.type === 'paragraph') {
        const plain = trimPlain(plainText(block.children, base, this.text));
        if (this.metadataIn(plain)) continue;
        return plain;
      }
      if (block.type === 'blockquote') return this.firstParagraph(block.children, base);
      return undefined;
    }
    return undefined;
  }

  /**
   * Stories built from a stretch of text depend on that text alone (and the settings): with a parse
   * cache, stories of unchanged text are taken from it, moved to where the text now starts.
   */
  private remembered(key: string, start: number, build: () => Story[]): Story[] {
    if (!this.cache) return build();
    const memo = this.cache.derived(this.settings);
    const placed = memo.get(key) as PlacedStories | undefined;
    if (placed) {
      // Text before an edit keeps its offsets: its stories are the same objects as last time.
      if (placed.start !== start) Object.assign(placed, { start, stories: placed.relative.map((story) => shiftStory(story, start)) });
      return placed.stories;
    }
    const stories = build();
    memo.set(key, { relative: stories.map((story) => shiftStory(story, -start)), start, stories } satisfies PlacedStories);
    return stories;
  }

  /** The statement of a heading chunk: the heading itself or its first content paragraph. */
  private headingStatement(chunk: Chunk): Statement | undefined {
    if (chunk.headingText) {
      const fromHeading = parseStatement(stripId(this, chunk.headingText), this.settings.templates, { allowIncomplete: false });
      if (fromHeading) return fromHeading;
    }
    const first = this.firstParagraph(chunk.blocks, chunk.start);
    if (!first) return undefined;
    const plain = this.withoutStoryLabel(first);
    if (!plain) return undefined;
    return parseStatement(plain, this.settings.templates, { allowIncomplete: true });
  }

  /** Drops a "Story:" lead-in; returns undefined when the paragraph is a section lead-in. */
  private withoutStoryLabel(plain: PlainText): PlainText | undefined {
    const label = leadInLabel(plain.text);
    if (!label) return plain;
    const name = normalizeLabel(label.label);
    if (STATEMENT_LABELS.has(name)) return slicePlain(plain, label.contentStart);
    if (this.synonyms.has(name)) return undefined;
    return plain;
  }

  private isStatementLabel(chunk: Chunk): boolean {
    const label = chunk.headingText?.text ?? '';
    return this.sectionKind(label) === undefined && STATEMENT_LABELS.has(normalizeLabel(label));
  }

  /**
   * A heading story: `members[headIndex]` is its heading; the statement is in the heading, its first
   * paragraph, or a "Description" / "User story" sub-heading directly below it.
   */
  private headingStory(members: Chunk[], headIndex: number, sectionHeadings: readonly boolean[]): Story {
    const head = members[headIndex]! as Chunk & { heading: ScannedHeading };
    const headingText = head.headingText ?? { text: '', offsets: consecutiveOffsets(head.heading.textSpan[0], 1) };
    const id = this.findId(headingText);
    const title = withoutTypeTag(id ? cleanTitle(headingText.text.slice(0, id.start) + ' ' + headingText.text.slice(id.end)) : headingText.text);
    const end = members[members.length - 1]!.end;
    const story = this.emptyStory('heading', title, head.heading.textSpan, [members[0]!.heading!.span[0], end]);
    story.headingLevel = head.heading.level;
    story.bodyStart = lineAfter(this.text, head.heading.span[1]);
    if (id) story.id = { text: id.text, span: id.span };

    const labels = this.isStatementLabel(head)
      ? []
      : members.filter((member, index) => index > headIndex && member.heading!.level > head.heading.level && this.isStatementLabel(member));
    const sources = [head, ...labels];
    for (const field of sources.flatMap((chunk) => this.metadataOf(chunk))) {
      if (!story.id && ID_FIELDS.has(field.key)) {
        const found = this.findId(literalPlain(field.value, field.valueSpan));
        if (found) story.id = { text: found.text, span: found.span };
      }
      if (!story.persona && PERSONA_FIELDS.has(field.key) && field.value) story.persona = { text: field.value, span: field.valueSpan };
    }
    for (const source of sources) {
      const statement = this.headingStatement(source);
      if (statement) {
        story.statement = statement;
        break;
      }
    }
    if (!story.statement) {
      const first = sources.map((source) => this.firstParagraph(source.blocks, source.start)).find((plain) => plain !== undefined);
      const plain = first && this.withoutStoryLabel(first);
      if (plain && plain.text.trim()) story.unrecognised = { ...plain, span: mapSpan(plain, 0, plain.text.length) };
    }
    this.collectStoryBody(story, members, { statementFromFirstParagraph: false, sectionHeadings });
    return story;
  }

  private collectStoryBody(
    story: Story,
    members: readonly Chunk[],
    options: { statementFromFirstParagraph: boolean; sectionHeadings?: readonly boolean[] },
  ): void {
    let openSection: { level: number } | undefined;
    members.forEach((chunk, index) => {
      const heading = chunk.heading;
      const kind = heading ? this.sectionKind(chunk.headingText?.text ?? '') : undefined;
      const isSection = kind !== undefined && (options.sectionHeadings?.[index] ?? true);
      if (heading && openSection && heading.level <= openSection.level) openSection = undefined;
      if (heading && isSection && kind) {
        // A section runs until the next heading of the same or a higher level.
        let end = chunk.end;
        for (let j = index + 1; j < members.length && members[j]!.heading!.level > heading.level; j++) end = members[j]!.end;
        const contentBlocks: CriteriaSource[] = [];
        for (let j = index; j < members.length && members[j]!.start < end; j++) {
          const member = members[j]!;
          // Sub-headings inside a section ("#### Scenario 2") are part of its content.
          if (j > index && member.headingText) contentBlocks.push({ plain: member.headingText });
          for (const block of member.blocks) contentBlocks.push({ block, base: member.start });
        }
        this.addSection(story, {
          kind,
          name: chunk.headingText?.text ?? '',
          style: 'heading',
          level: heading.level,
          nameSpan: heading.textSpan,
          span: [heading.span[0], trimmedEnd(this.text, heading.span[0], end)],
          blocks: contentBlocks,
        });
        openSection = { level: heading.level };
      } else if (!openSection) {
        for (const section of this.leadInSections(chunk.blocks, chunk.start)) this.addSection(story, section);
      }
      if (options.statementFromFirstParagraph && !story.statement && !openSection && !isSection) {
        const first = this.firstParagraph(chunk.blocks, chunk.start);
        const plain = first && this.withoutStoryLabel(first);
        if (plain) {
          // A front-matter persona is the role: "I want to …, so that …" is then a whole statement.
          const roleFromPersona = Boolean(story.persona?.text.trim());
          const statement = parseStatement(plain, this.settings.templates, { allowIncomplete: true, roleFromPersona });
          if (statement) story.statement = statement;
          else if (!story.unrecognised && plain.text.trim()) story.unrecognised = { ...plain, span: mapSpan(plain, 0, plain.text.length) };
        }
      }
    });
    // An empty story's content ends where its body starts, so appended sections follow a statement.
    story.contentEnd = Math.max(story.bodyStart, trimmedEnd(this.text, story.span[0], story.span[1]));
    const lastChunk = members[members.length - 1];
    const lastBlock = lastChunk?.blocks[lastChunk.blocks.length - 1];
    story.endsInOpenBlock = lastBlock !== undefined && isOpenBlock(this.text.slice(startOf(lastBlock, lastChunk!.start), endOf(lastBlock, lastChunk!.start)), lastBlock.type);
    story.criteria = story.sections
      .filter((section) => section.kind === 'acceptance')
      .flatMap((section) => criteriaOf(section, this.criteriaBlocks.get(section) ?? [], this.text));
  }

  private criteriaBlocks = new WeakMap<Section, CriteriaSource[]>();

  private addSection(story: Story, section: SectionDraft): void {
    const sources = section.prefix && section.prefix.text.trim() ? [{ plain: section.prefix }, ...section.blocks] : section.blocks;
    const parts = sources
      .map((source) => ('plain' in source ? source.plain : source.block.type === 'html' ? undefined : blockText(source.block, source.base, this.text)))
      .filter((part): part is PlainText => part !== undefined);
    const content = parts.length > 0 ? joinPlain(parts) : { text: '', offsets: consecutiveOffsets(section.nameSpan[1], 1) };
    const { blocks: _blocks, prefix: _prefix, ...rest } = section;
    const result: Section = { ...rest, content };
    story.sections.push(result);
    this.criteriaBlocks.set(result, sources);
  }

  /** Sections opened by a label at the start of a paragraph: "**Outcome:** ..." or "Outcome: ...". */
  leadInSections(blocks: readonly RootContent[], base: number): SectionDraft[] {
    const found: SectionDraft[] = [];
    let current: SectionDraft | undefined;
    for (const block of blocks) {
      if (block.type === 'paragraph') {
        const plain = plainText(block.children, base, this.text);
        const label = leadInLabel(plain.text);
        const kind = label && this.sectionKind(label.label);
        if (label && kind) {
          const labelStart = leadingSpace(plain.text);
          current = {
            kind,
            name: label.label.trim(),
            style: 'lead-in',
            nameSpan: mapSpan(plain, labelStart, labelStart + label.label.trim().length),
            span: [startOf(block, base), endOf(block, base)],
            blocks: [],
            prefix: trimPlain(slicePlain(plain, label.contentStart)),
          };
          found.push(current);
          continue;
        }
      }
      if (current && block.type !== 'thematicBreak') {
        current.blocks.push({ block, base });
        current.span = [current.span[0], endOf(block, base)];
      } else if (block.type === 'thematicBreak') current = undefined;
    }
    return found;
  }

  private collectLineStories(block: RootContent, base: number, stories: Story[]): void {
    if (block.type === 'list') {
      for (const item of block.children) this.collectLineStories(item, base, stories);
      return;
    }
    if (block.type === 'blockquote') {
      for (const child of block.children) this.collectLineStories(child, base, stories);
      return;
    }
    if (block.type !== 'listItem' && block.type !== 'paragraph') return;
    const paragraph = block.type === 'listItem' ? block.children.find((child): child is Paragraph => child.type === 'paragraph') : block;
    if (!paragraph) return;
    let plain = plainText(paragraph.children, base, this.text);
    if (block.type === 'listItem') plain = stripCheckbox(plain).plain;
    const id = this.leadingId(plain);
    if (id) plain = slicePlain(plain, id.contentStart);
    const statement = parseStatement(plain, this.settings.templates, { allowIncomplete: false });
    if (statement && isStoryEvidence(statement, this.text)) {
      const span: Span = [startOf(block, base), trimmedEnd(this.text, startOf(block, base), endOf(block, base))];
      const story = this.emptyStory('line', statement.text, statement.span, span);
      story.statement = statement;
      story.bodyStart = statement.span[1];
      story.contentEnd = statement.span[1];
      if (id) story.id = { text: id.text, span: id.span };
      stories.push(story);
    }
    if (block.type === 'listItem') {
      for (const child of block.children) if (child.type === 'list') this.collectLineStories(child, base, stories);
    }
  }

  /** An id that opens a backlog line: "PAY-12: As a ..." or "[#12] As a ...". */
  private leadingId(plain: PlainText): { text: string; span: Span; contentStart: number } | undefined {
    const id = this.findId(plain);
    if (!id) return undefined;
    const before = plain.text.slice(0, id.start);
    if (!/^[\s[(*_]*$/.test(before)) return undefined;
    let contentStart = id.end;
    while (contentStart < plain.text.length && /[\s\])*_:.|–—-]/.test(plain.text[contentStart]!)) contentStart++;
    return { text: id.text, span: id.span, contentStart };
  }

  private emptyStory(kind: Story['kind'], title: string, titleSpan: Span, span: Span): Story {
    return { kind, title, titleSpan, span, sections: [], criteria: [], bodyStart: span[0], contentEnd: span[1], endsInOpenBlock: false };
  }
}

function stripId(context: BuildContext, heading: PlainText): PlainText {
  const id = context.findId(heading);
  if (!id || id.start > 2) return heading;
  let start = id.end;
  while (start < heading.text.length && /[\s\]):.|–—-]/.test(heading.text[start]!)) start++;
  return slicePlain(heading, start);
}

function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/[*_:`]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * A heading's text without a tracker's type tag: GitHub issue forms title issues "[Story]: …",
 * Azure DevOps exports "User Story 4512: …".
 */
function withoutTypeTag(title: string): string {
  return title.replace(/^\s*(?:\[[A-Za-z ]{1,20}\]:?|(?:user )?story #?\d{1,9}\s*[:–—-])\s+/i, '');
}

function cleanTitle(title: string): string {
  return title.replace(/^[\s:.|–—\-[\]()]+|[\s:|–—\-[\]()]+$/g, '').replace(/\s{2,}/g, ' ');
}

function leadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** "Outcome: text" → label "Outcome"; a label is at most six words and ends with a colon. */
function leadInLabel(text: string): { label: string; contentStart: number } | undefined {
  const start = leadingSpace(text);
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon - start > 60) return undefined;
  const label = text.slice(start, colon);
  if (label.trim() === '' || label.split(/\s+/).length > 6 || /[.!?]/.test(label)) return undefined;
  return { label, contentStart: colon + 1 };
}

function stripCheckbox(plain: PlainText): { plain: PlainText; checked?: boolean } {
  const match = /^\s*\[([ xX])\]\s+/.exec(plain.text);
  if (!match) return { plain };
  return { plain: slicePlain(plain, match[0].length), checked: match[1] !== ' ' };
}

/** A fenced code block without its closing fence, or an HTML comment without its end. */
function isOpenBlock(source: string, type: RootContent['type']): boolean {
  if (type === 'html') return source.trimStart().startsWith('<!--') && !source.includes('-->');
  if (type !== 'code') return false;
  const fence = /^\s*(`{3,}|~{3,})/.exec(source);
  if (!fence) return false;
  const lines = source.trimEnd().split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1]!.trim();
  return lines.length < 2 || !(last.startsWith(fence[1]!) && /^(`+|~+)$/.test(last));
}

function literalPlain(content: string, span: Span): PlainText {
  const offsets = new OffsetsBuilder();
  for (let i = 0; i <= content.length; i++) offsets.push(Math.min(span[0] + i, span[1]));
  return { text: content, offsets: offsets.build() };
}

const GHERKIN_LINE = /^\s*(given|when|then|and|but|scenario|scenario outline|example|background)\b/i;

/**
 * Acceptance criteria: top-level list items of the section, else Gherkin scenarios in paragraphs or
 * code blocks (one criterion per scenario, or per Given...Then run), else its non-empty lines.
 */
function criteriaOf(section: Section, sources: readonly CriteriaSource[], text: string): Criterion[] {
  if (section.style === 'front-matter') return [];
  const items: Criterion[] = [];
  for (const source of sources) {
    if ('plain' in source || source.block.type !== 'list') continue;
    for (const item of (source.block as List).children) items.push(listItemCriterion(item, source.base, text));
  }
  if (items.length > 0) return items;

  const lines: PlainText[] = [];
  const rows: Criterion[] = [];
  for (const source of sources) {
    if ('plain' in source) appendAll(lines, splitLines(source.plain));
    else if (source.block.type === 'paragraph') {
      const { rows: tableRows, rest } = tableCriteria(splitLines(blockText(source.block, source.base, text)));
      appendAll(rows, tableRows);
      appendAll(lines, rest);
    } else if (source.block.type === 'code') appendAll(lines, splitLines(blockText(source.block, source.base, text)));
  }
  const nonEmpty = lines.map(trimPlain).filter((line) => line.text.length > 0);
  const gherkin = nonEmpty.filter((line) => GHERKIN_LINE.test(line.text));
  if (gherkin.length === 0) return [...rows, ...nonEmpty.map(toCriterion)].sort((a, b) => a.span[0] - b.span[0]);
  if (rows.length > 0) return [...rows, ...gherkinScenarios(gherkin)].sort((a, b) => a.span[0] - b.span[0]);
  return gherkinScenarios(gherkin);
}

/**
 * Criteria written as a pipe table: each body row is one criterion; the header and separator rows
 * are not. Under Given / When / Then columns a row reads as a scenario: "Given …, when …, then …".
 * Other lines are returned as they are.
 */
function tableCriteria(lines: readonly PlainText[]): { rows: Criterion[]; rest: PlainText[] } {
  const rows: Criterion[] = [];
  const rest: PlainText[] = [];
  for (let i = 0; i < lines.length; ) {
    const cellsOf = (line: PlainText) => tableCells(line.text, 0, line.text.length);
    if (!cellsOf(lines[i]!)) {
      rest.push(lines[i++]!);
      continue;
    }
    let end = i;
    while (end < lines.length && cellsOf(lines[end]!)) end++;
    const table = lines.slice(i, end);
    const separator = table.length > 1 && isTableSeparator(table[1]!.text, cellsOf(table[1]!)!);
    const columns = separator ? cellsOf(table[0]!)!.map(([start, stop]) => columnOf(table[0]!.text.slice(start, stop))) : [];
    const scenario = columns.includes('given') || columns.includes('then');
    for (const row of table.slice(separator ? 2 : 0)) {
      // In a scenario table the other columns name the scenario ("Split: Given …, when …"); a row number is dropped.
      const labels: (PlainText | string)[] = [];
      const steps: (PlainText | string)[] = [];
      cellsOf(row)!.forEach(([start, stop], index) => {
        const cell = trimPlain(slicePlain(row, start, stop));
        const column = scenario ? columns[index] : undefined;
        if (cell.text === '' || column === 'number') return;
        if (column === undefined || column === 'other') {
          if (labels.length > 0) labels.push('; ');
          labels.push(cell);
          return;
        }
        if (steps.length > 0) steps.push(', ');
        steps.push(`${steps.length === 0 ? column[0]!.toUpperCase() + column.slice(1) : column} `, cell);
      });
      const pieces = labels.length > 0 && steps.length > 0 ? [...labels, ': ', ...steps] : [...labels, ...steps];
      if (pieces.length > 0) rows.push(toCriterion(concatPlain(pieces)));
    }
    i = end;
  }
  return { rows, rest };
}

const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['#', 'no', 'no.', 'nr', 'nr.', 'id', 'ac', 'ac #', 'ac#']);

/** What a criteria table's column holds, by its header: a Given / When / Then step, a row number, or other text. */
function columnOf(header: string): 'given' | 'when' | 'then' | 'number' | 'other' {
  const word = header.trim().toLowerCase().replace(/[*_`:]/g, '');
  if (word === 'given' || word === 'when' || word === 'then') return word;
  return NUMBER_COLUMNS.has(word) ? 'number' : 'other';
}

/** Plain texts and literal glue in one plain text; glue maps to the start of the text after it. */
function concatPlain(pieces: readonly (PlainText | string)[]): PlainText {
  const chars: string[] = [];
  const offsets = new OffsetsBuilder();
  let pendingGlue = '';
  let lastEnd = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      pendingGlue += piece;
      continue;
    }
    for (const char of pendingGlue) {
      chars.push(char);
      offsets.push(offsetAt(piece.offsets, 0)!);
    }
    pendingGlue = '';
    chars.push(piece.text);
    offsets.pushFrom(piece.offsets, 0, piece.text.length);
    lastEnd = offsetAt(piece.offsets, piece.text.length)!;
  }
  offsets.push(lastEnd);
  return { text: chars.join(''), offsets: offsets.build() };
}

/** One criterion per Gherkin scenario, or per Given…Then run. */
function gherkinScenarios(gherkin: readonly PlainText[]): Criterion[] {
  const scenarios: PlainText[][] = [];
  let current: PlainText[] | undefined;
  let sawThen = false;
  for (const line of gherkin) {
    const keyword = GHERKIN_LINE.exec(line.text)![1]!.toLowerCase();
    const isHeader = keyword.startsWith('scenario') || keyword === 'example' || keyword === 'background';
    if (!current || isHeader || (keyword === 'given' && sawThen)) {
      current = [];
      // A Background's steps are shared context for every scenario, not a criterion of their own.
      if (keyword !== 'background') scenarios.push(current);
      sawThen = false;
    }
    if (keyword === 'then') sawThen = true;
    // A "Scenario:" title line names the criterion; its steps are what gets checked.
    if (!isHeader) current.push(line);
  }
  return scenarios.filter((steps) => steps.length > 0).map((steps) => toCriterion(joinPlain(steps)));
}

function splitLines(plain: PlainText): PlainText[] {
  const result: PlainText[] = [];
  let start = 0;
  for (let i = 0; i <= plain.text.length; i++) {
    if (i === plain.text.length || plain.text[i] === '\n') {
      result.push(slicePlain(plain, start, i));
      start = i + 1;
    }
  }
  return result;
}

function listItemCriterion(item: ListItem, base: number, source: string): Criterion {
  const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
  const plain = paragraph ? trimPlain(plainText(paragraph.children, base, source)) : { text: '', offsets: consecutiveOffsets(startOf(item, base), 1) };
  const { plain: text, checked } = stripCheckbox(plain);
  const criterion = toCriterion(text);
  criterion.span = [startOf(item, base), criterion.span[1] > startOf(item, base) ? criterion.span[1] : endOf(item, base)];
  if (checked !== undefined) criterion.checked = checked;
  else if (typeof item.checked === 'boolean') criterion.checked = item.checked;
  return criterion;
}

function toCriterion(plain: PlainText): Criterion {
  return { ...plain, span: mapSpan(plain, 0, plain.text.length) };
}

/** A statement that shows a heading is a story: who wants what, written as a person would, not a template. */
function isStoryEvidence(statement: Statement | undefined, source: string): boolean {
  if (!statement) return false;
  const { role, means, situation } = statement.parts;
  if (!means || !words(means.text).length || (!role && !situation)) return false;
  const slots = [role, means, situation].filter((part): part is NonNullable<typeof part> => part !== undefined);
  // "As a {role}, I want {capability}": a skeleton or a handbook's template, not somebody's story.
  if (slots.some((part) => firstPlaceholder(statement, { start: part.start, end: part.end, source }) !== undefined)) return false;
  // Who and when fit in one sentence; a full stop before the want is prose ("When X, Y happens. We can …").
  if (/[.!?]\s/.test(statement.text.slice(0, means.start))) return false;
  if (!role) return true;
  const roleWords = words(role.text).map((word) => word.word);
  if (roleWords.length === 0) return false;
  // After a bare "As", prose is likelier than a role: "As said before, we want to …".
  const bareAs = !/^\s*as\s+(?:an?|the)\s/i.test(statement.text);
  return !bareAs || (roleWords.length <= 4 && !roleWords.some((word) => PROSE_ROLE_WORDS.has(word)));
}

/** Whether a heading names a container of stories or explains them. */
function namingOf(headingText: string): HeadingFacts['naming'] {
  const list = words(headingText).map((word) => word.word);
  if (list.length === 0) return undefined;
  if (CONTAINER_WORDS.has(list[0]!)) return 'container';
  const last = list[list.length - 1]!;
  if (EXPLANATORY_OPENERS.has(list[0]!) || (list.length > 1 && (last === 'example' || last === 'examples'))) return 'explanatory';
  const howTo = list.some((word, i) => word === 'how' && (list[i + 1] === 'to' || list[i + 1] === 'we'));
  const explains = howTo || list.some((word) => EXPLANATORY_WORDS.has(word));
  return explains && list.some((word) => STORY_TOPICS.has(word)) ? 'explanatory' : undefined;
}
