import { type CompletionItem, CompletionItemKind, InsertTextFormat, type Position } from 'vscode-languageserver';
import type { SectionKind, Story } from '../core';
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

/** Section headings inside a story; Given/When/Then scaffolds inside its acceptance criteria. */
export function completions(file: ProjectFile, position: Position): CompletionItem[] {
  const result = file.result;
  if (!result) return [];
  const text = file.document.getText();
  const offset = file.document.offsetAt(position);
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
