import { type CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, type Position } from 'vscode-languageserver';
import type { SectionKind, Story } from '../core';
import { metricLine, type OutcomeMap, servedBy } from './outcomes';
import type { ProjectFile } from './project';

const SECTION_TEMPLATES: readonly { kind: SectionKind; name: string; body: string; documentation: string }[] = [
  {
    kind: 'outcome',
    name: 'Outcome',
    body: '${1:Metric} moves from ${2:baseline} to ${3:target} by ${4:date}.',
    documentation: 'The measurable change this story is for: a metric, its baseline, the target and when.',
  },
  {
    kind: 'problem',
    name: 'Problem',
    body: '${1:Who} cannot ${2:do what} today, because ${3:why}. Evidence: ${4:interviews, tickets, data}.',
    documentation: 'The validated problem: who has it, what it costs them, and the evidence that it is real.',
  },
  {
    kind: 'acceptance',
    name: 'Acceptance criteria',
    body: '- [ ] Given ${1:context}, when ${2:action}, then ${3:observable result}',
    documentation: 'Testable conditions that tell the team when the story is done.',
  },
];

/**
 * Section headings inside a story; Given/When/Then scaffolds inside its acceptance criteria; the
 * declared outcome ids after a `Serves:` lead-in or a front-matter `outcome:` (`outcomes`: the map
 * of the file's backlog).
 */
export function completions(file: ProjectFile, position: Position, outcomes?: OutcomeMap): CompletionItem[] {
  const result = file.result;
  if (!result) return [];
  const text = file.document.getText();
  const offset = file.document.offsetAt(position);
  const ids = outcomes?.declares ? outcomeIds(file, position, outcomes) : undefined;
  if (ids) return ids;
  const story = [...result.stories].reverse().find((candidate) => candidate.span[0] <= offset && offset <= Math.max(candidate.span[1], candidate.contentEnd));
  if (!story) return [];
  const lineStart = file.document.offsetAt({ line: position.line, character: 0 });
  const linePrefix = text.slice(lineStart, offset);
  const replace = { start: { line: position.line, character: 0 }, end: position };

  const inCriteria = story.sections.some((section) => section.kind === 'acceptance' && section.span[0] < lineStart && lineStart <= section.span[1] + 2);
  // Anchored patterns over one trimmed line with disjoint parts: no backtracking on user text.
  const typed = linePrefix.trimStart();
  if (inCriteria && /^(?:[-*+] ?(?:\[[ xX]?\]? ?)?)?[A-Za-z]*$/.test(typed)) return criteriaScaffolds(linePrefix, replace);
  if (story.kind !== 'line' && /^#{0,6}[A-Za-z ]*$/.test(typed)) return sectionHeadings(story, replace);
  return [];
}

function sectionHeadings(story: Story, replace: { start: Position; end: Position }): CompletionItem[] {
  const marks = '#'.repeat(Math.min(6, (story.headingLevel ?? 1) + 1));
  const present = new Set(story.sections.map((section) => section.kind));
  return SECTION_TEMPLATES.filter((template) => !present.has(template.kind)).map((template, index) => ({
    label: `${marks} ${template.name}`,
    filterText: `${marks} ${template.name}`,
    kind: CompletionItemKind.Snippet,
    detail: 'Storylint section',
    documentation: template.documentation,
    sortText: String(index),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: replace, newText: `${marks} ${template.name}\n\n${template.body}\n` },
  }));
}

function criteriaScaffolds(linePrefix: string, replace: { start: Position; end: Position }): CompletionItem[] {
  const indent = /^\s*/.exec(linePrefix)![0];
  const item = (label: string, newText: string, documentation: string, sortText: string): CompletionItem => ({
    label,
    filterText: linePrefix.trim() ? `${linePrefix.trim()} ${label}` : label,
    kind: CompletionItemKind.Snippet,
    detail: 'Storylint acceptance criterion',
    documentation,
    sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: replace, newText: indent + newText },
  });
  return [
    item('Given … when … then …', '- [ ] Given ${1:context}, when ${2:action}, then ${3:observable result}', 'A one-line criterion as a task-list item.', '0'),
    item('Given / When / Then (steps)', '- Given ${1:context}\n' + indent + '  When ${2:action}\n' + indent + '  Then ${3:observable result}', 'A criterion as Gherkin steps, one per line.', '1'),
  ];
}

// Anchored, each part a disjoint class: linear on any line.
const SERVES_LEAD_IN = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:serves|outcomes?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?/i;
const FRONT_MATTER_KEY = /^\s*(?:outcomes?|serves)\s*:\s*\[?/i;
const FRONT_MATTER_LIST_KEY = /^(?:outcomes?|serves)\s*:\s*$/i;
const LIST_ITEM = /^\s+-\s*|^-\s*/;
const ID_SO_FAR = /^[\w.-]*$/;

/** Where outcome ids go on the line before the cursor: after a Serves lead-in, or as the front matter's outcome value or list item. */
function outcomeSlot(file: ProjectFile, position: Position): string | undefined {
  const document = file.document;
  const linePrefix = document.getText({ start: { line: position.line, character: 0 }, end: position });
  const frontMatter = file.result?.parsed.frontMatter?.span;
  const offset = document.offsetAt(position);
  if (!frontMatter || offset < frontMatter[0] || offset > frontMatter[1] || position.line === document.positionAt(frontMatter[0]).line) {
    const leadIn = SERVES_LEAD_IN.exec(linePrefix);
    return leadIn ? linePrefix.slice(leadIn[0].length) : undefined;
  }
  const key = FRONT_MATTER_KEY.exec(linePrefix);
  if (key) return linePrefix.slice(key[0].length);
  const item = LIST_ITEM.exec(linePrefix);
  if (!item) return undefined;
  // A block list item belongs to the nearest key above it; the items above count as named.
  const items: string[] = [];
  for (let line = position.line - 1; line >= 0; line--) {
    const above = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trimEnd();
    const aboveItem = LIST_ITEM.exec(above);
    if (aboveItem) items.push(above.slice(aboveItem[0].length));
    else if (above.trim() !== '') return FRONT_MATTER_LIST_KEY.test(above) ? [...items, linePrefix.slice(item[0].length)].join(', ') : undefined;
  }
  return undefined;
}

/** The declared outcomes not yet named in the slot, the id being typed replaced; undefined when the cursor is in no slot. */
function outcomeIds(file: ProjectFile, position: Position, outcomes: OutcomeMap): CompletionItem[] | undefined {
  const slot = outcomeSlot(file, position);
  if (slot === undefined) return undefined;
  const words = slot.split(/[\s,]+/);
  const typed = words.pop()!;
  // Free text after the label (a story-level "Outcome: activation rises") is not a list of ids.
  if (!ID_SO_FAR.test(typed) || words.some((word) => word !== '' && !outcomes.outcome(word))) return undefined;
  const named = new Set(words.map((word) => word.toLowerCase()));
  const start = { line: position.line, character: position.character - typed.length };
  const before = start.character > 0 ? file.document.getText({ start: { line: start.line, character: start.character - 1 }, end: start }) : ' ';
  const space = /[\s,[]/.test(before) ? '' : ' ';
  return outcomes
    .all()
    .filter((outcome) => !named.has(outcome.id.toLowerCase()))
    .map((outcome, index) => ({
      label: outcome.id,
      kind: CompletionItemKind.Reference,
      detail: outcome.title,
      documentation: { kind: MarkupKind.Markdown, value: [metricLine(outcome.metric), servedBy(outcomes.servingCount(outcome.id))].filter(Boolean).join('\n\n') },
      sortText: String(index).padStart(4, '0'),
      filterText: outcome.id,
      textEdit: { range: { start, end: position }, newText: space + outcome.id },
    }));
}
