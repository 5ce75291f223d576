/**
 * Builds a file's stories: cuts it into chunks, lets the detector decide which headings are
 * stories, builds those and the backlog lines outside them, and, with a parse cache, reuses the
 * stories of text that did not change.
 */
import type { PlainText, Statement, Story } from './model';
import { shiftOffsets } from '../markdown/offsets';
import type { ParseCache } from '../markdown/parse';
import type { Span } from '../engine/rule';
import { detectStories } from './detect';
import { scan } from '../markdown/scan';
import type { Settings } from './settings';
import { appendAll } from '../markdown/text';
import { type BuildContext, buildContext } from './context';
import { type Chunk, chunksOf, collectComments, type Comment, type FrontMatter, type HeadingChunk, readFrontMatter } from './chunks';
import { headingFacts } from './recognise';
import { collectLineStories, fileStory, headingStory } from './story-kinds';
import { outcomeStories } from './outcomes';

export interface ParsedFile {
  text: string;
  stories: Story[];
  /** HTML comments, for inline directives. */
  comments: Comment[];
  frontMatter?: FrontMatter;
}

export interface BuildOptions {
  settings: Settings;
  cache?: ParseCache;
  /** The file declares product outcomes (Settings.outcomes selects it; front matter `type: outcomes` says so too). */
  outcomesFile?: boolean;
}

export function buildStories(text: string, { settings, cache, outcomesFile }: BuildOptions): ParsedFile {
  const layout = scan(text);
  const chunks = chunksOf(text, layout, cache);
  const comments = collectComments(chunks, text);
  const frontMatter = readFrontMatter(text, layout);
  const context = buildContext(text, settings, cache);

  const type = frontMatter && !frontMatter.error ? String(frontMatter.data.type ?? '').toLowerCase() : '';
  if (outcomesFile || type === 'outcomes') {
    // Headings with an outcome id declare outcomes; what else the file holds may still be stories.
    const outcomes = outcomeStories(context, chunks);
    const stories = [...outcomes.stories, ...headingAndLineStories(context, chunks.filter((chunk) => !outcomes.covered.has(chunk)))];
    return { text, stories: stories.sort((a, b) => a.span[0] - b.span[0]), comments, frontMatter };
  }
  if (frontMatter && type === 'story') {
    return { text, stories: [fileStory(context, chunks, frontMatter, layout)], comments, frontMatter };
  }
  return { text, stories: headingAndLineStories(context, chunks), comments, frontMatter };
}

function headingAndLineStories(context: BuildContext, chunks: Chunk[]): Story[] {
  const text = context.text;
  const headings = chunks.filter((chunk): chunk is HeadingChunk => chunk.heading !== undefined);
  const facts = headings.map((chunk) => headingFacts(context, chunk));
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
      remembered(context, `heading\u0000${head - first}\u0000${text.slice(start, end)}`, start, () => [headingStory(context, members, head - first, isSection)]),
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
      remembered(context, `line\u0000${container ? 'container' : ''}\u0000${text.slice(chunk.start, chunk.end)}`, chunk.start, () => {
        const found: Story[] = [];
        for (const block of chunk.blocks) {
          // An epic's own paragraphs describe the epic; its lists may still be its stories.
          if (container && block.type === 'paragraph') continue;
          collectLineStories(context, block, chunk.start, found);
        }
        return found;
      }),
    );
  }
  stories.sort((a, b) => a.span[0] - b.span[0]);
  return stories;
}

/** Stories built from a stretch of text: relative to its start, and as last placed in a file. */
interface PlacedStories {
  relative: Story[];
  start: number;
  stories: Story[];
}

/**
 * Stories built from a stretch of text depend on that text alone (and the settings): with a parse
 * cache, stories of unchanged text are taken from it, moved to where the text now starts.
 */
function remembered(context: BuildContext, key: string, start: number, build: () => Story[]): Story[] {
  if (!context.cache) return build();
  const memo = context.cache.derived(context.settings);
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

/** A copy of a story with every offset moved by `delta` (stories are immutable once built). */
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
  if (story.serves) shifted.serves = story.serves.map((reference) => ({ ...reference, span: span(reference.span) }));
  if (story.metric) shifted.metric = { ...story.metric, span: span(story.metric.span) };
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
