/**
 * Declared product outcomes: in a file the `outcomes` setting selects, each heading with an
 * outcome id ("## KR-2.1 Activation rate") is an outcome (a Story of kind `outcome`) with one
 * Outcome section (its body, which the outcome rules check) and its Metric, Baseline and Target.
 */
import type { RootContent } from 'mdast';
import type { OutcomeMetric, PlainText, Story } from './model';
import { consecutiveOffsets } from '../markdown/offsets';
import { blockText, endOf, joinPlain, startOf } from '../markdown/parse';
import { isTableSeparator, tableCells } from './metadata';
import type { Span } from '../engine/rule';
import { lineAfter, trimmedEnd } from '../markdown/text';
import { type BuildContext, findId } from './context';
import type { Chunk, HeadingChunk } from './chunks';
import { cleanTitle, emptyStory } from './story-kinds';

type MetricPart = 'metric' | 'baseline' | 'target';

/** Labels of a metric's parts, lowercased. */
const METRIC_LABELS: ReadonlyMap<string, MetricPart> = new Map([
  ['metric', 'metric'],
  ['metrics', 'metric'],
  ['measure', 'metric'],
  ['kpi', 'metric'],
  ['baseline', 'baseline'],
  ['current', 'baseline'],
  ['target', 'target'],
  ['goal', 'target'],
]);

// A lead-in or list item "**Metric:** activation rate", one per source line; no nested repeats, so linear.
const METRIC_LINE = /^[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*|__|\*|_)?([A-Za-z]{3,8})(?:\*\*|__|\*|_)?[ \t]*:(?:\*\*|__|\*|_)?[ \t]*(.*)$/;

/** The outcomes an outcomes file declares, in file order, and the chunks they cover (the rest may hold stories). */
export function outcomeStories(context: BuildContext, chunks: readonly Chunk[]): { stories: Story[]; covered: Set<Chunk> } {
  const covered = new Set<Chunk>();
  const headings = chunks.filter((chunk): chunk is HeadingChunk => chunk.heading !== undefined);
  const ids = headings.map((chunk) => (chunk.headingText ? findId(context, chunk.headingText, context.outcomeIdPattern) : undefined));
  const stories: Story[] = [];
  headings.forEach((head, index) => {
    const id = ids[index];
    if (!id || !head.headingText) return;
    // An outcome runs to the next heading of its level or higher; its own measure stops at a nested outcome.
    let last = index;
    while (last + 1 < headings.length && headings[last + 1]!.heading.level > head.heading.level) last++;
    let own = index;
    while (own + 1 <= last && !ids[own + 1]) own++;
    const members = headings.slice(index, last + 1);
    members.forEach((member) => covered.add(member));
    stories.push(outcomeStory(context, members, own - index, id));
  });
  return { stories, covered };
}

function outcomeStory(context: BuildContext, members: readonly HeadingChunk[], ownLast: number, id: NonNullable<ReturnType<typeof findId>>): Story {
  const { text } = context;
  const head = members[0]!;
  const headingText = head.headingText!;
  const end = trimmedEnd(text, head.start, members[members.length - 1]!.end);
  const title = cleanTitle(headingText.text.slice(0, id.start) + ' ' + headingText.text.slice(id.end));
  const story = emptyStory('outcome', title || id.text, head.heading.textSpan, [head.heading.span[0], end]);
  story.id = { text: id.text, span: id.span };
  story.headingLevel = head.heading.level;
  story.bodyStart = lineAfter(text, head.heading.span[1]);
  story.contentEnd = Math.max(story.bodyStart, end);
  const parts: PlainText[] = [];
  members.forEach((member, index) => {
    if (index > 0 && member.headingText) parts.push(member.headingText);
    for (const block of member.blocks) if (block.type !== 'html') parts.push(blockText(block, member.start, text));
  });
  story.sections.push({
    kind: 'outcome',
    name: head.headingText?.text ?? '',
    style: 'heading',
    level: head.heading.level,
    nameSpan: head.heading.textSpan,
    span: story.span,
    content: parts.length > 0 ? joinPlain(parts) : { text: '', offsets: consecutiveOffsets(head.heading.textSpan[1], 1) },
  });
  const metric = metricOf(context, members.slice(0, ownLast + 1));
  if (metric) story.metric = metric;
  return story;
}

interface MetricDraft {
  values: Partial<Record<MetricPart, string>>;
  from?: number;
  to?: number;
}

/** The Metric, Baseline and Target an outcome's own blocks give (lead-ins, list items, a table). */
function metricOf(context: BuildContext, members: readonly Chunk[]): OutcomeMetric | undefined {
  const draft: MetricDraft = { values: {} };
  for (const member of members) {
    const pending: RootContent[] = [...member.blocks].reverse();
    for (let block = pending.pop(); block; block = pending.pop()) {
      if (block.type === 'paragraph') metricLines(context.text, startOf(block, member.start), endOf(block, member.start), draft);
      else if (block.type === 'list' || block.type === 'listItem' || block.type === 'blockquote') {
        for (const child of [...(block.children as RootContent[])].reverse()) pending.push(child);
      }
    }
  }
  if (draft.from === undefined || draft.to === undefined) return undefined;
  return { ...draft.values, span: [draft.from, draft.to] };
}

function note(draft: MetricDraft, part: MetricPart, value: string, span: Span): void {
  const clean = value.replace(/^[\s*_`|]+|[\s*_`|]+$/g, '');
  if (!clean || draft.values[part] !== undefined) return;
  draft.values[part] = clean;
  draft.from = Math.min(draft.from ?? span[0], span[0]);
  draft.to = Math.max(draft.to ?? span[1], span[1]);
}

/** "Metric: …" lines of a paragraph's source (soft line breaks keep one label a line), or a pipe table. */
function metricLines(text: string, start: number, end: number, draft: MetricDraft): void {
  const lines: Span[] = [];
  for (let at = start; at < end; ) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    lines.push([at, lineEnd]);
    at = lineEnd + 1;
  }
  const rows = lines.map(([from, to]) => tableCells(text, from, to));
  if (rows[0] && rows[1] && isTableSeparator(text, rows[1])) return metricTable(text, rows.filter((row, index) => row && index !== 1) as Span[][], draft);
  for (const [from, to] of lines) {
    const line = text.slice(from, to).replace(/\r$/, '');
    const match = METRIC_LINE.exec(line);
    const part = match && METRIC_LABELS.get(match[1]!.toLowerCase());
    if (match && part) note(draft, part, match[2]!, [from + leading(line), from + line.trimEnd().length]);
  }
}

const leading = (line: string): number => line.length - line.trimStart().length;

/** A table: labels as its header (Metric | Baseline | Target, then a row of values) or as each row's first cell. */
function metricTable(text: string, rows: readonly Span[][], draft: MetricDraft): void {
  const label = (cell: Span | undefined): MetricPart | undefined =>
    cell && METRIC_LABELS.get(text.slice(cell[0], cell[1]).replace(/[*_`:]/g, '').trim().toLowerCase());
  const value = (cell: Span): [string, Span] => {
    const from = cell[0] + leading(text.slice(cell[0], cell[1]));
    return [text.slice(cell[0], cell[1]), [from, Math.max(from, trimmedEnd(text, cell[0], cell[1]))]];
  };
  const header = rows[0] ?? [];
  const columns = header.map(label);
  if (columns.filter((part) => part !== undefined).length >= 2) {
    columns.forEach((part, column) => {
      const cell = rows[1]?.[column];
      if (part && cell) note(draft, part, ...value(cell));
    });
    return;
  }
  for (const row of rows) {
    const part = label(row[0]);
    if (part && row[1]) note(draft, part, ...value(row[1]));
  }
}
