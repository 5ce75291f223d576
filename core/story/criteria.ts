/**
 * Acceptance criteria, read from an acceptance section's content: list items (task boxes
 * included), pipe tables, Gherkin scenarios, or else its lines.
 */
import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Criterion, PlainText, Section } from './model';
import { mapSpan } from './model';
import { consecutiveOffsets, offsetAt, OffsetsBuilder } from '../markdown/offsets';
import { blockText, endOf, joinPlain, plainText, slicePlain, startOf, trimPlain } from '../markdown/parse';
import { isTableSeparator, tableCells } from './metadata';
import { appendAll } from '../markdown/text';
import { NUMBER_COLUMNS } from './vocabulary';

/** Where a section's content and criteria come from: parsed blocks, or text already extracted. */
export type CriteriaSource = { block: RootContent; base: number } | { plain: PlainText };

const GHERKIN_LINE = /^\s*(given|when|then|and|but|scenario|scenario outline|example|background)\b/i;

/**
 * Acceptance criteria: top-level list items of the section, else Gherkin scenarios in paragraphs or
 * code blocks (one criterion per scenario, or per Given...Then run), else its non-empty lines.
 */
export function criteriaOf(section: Section, sources: readonly CriteriaSource[], text: string): Criterion[] {
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

/** A task box opening a list item or line ("[x] Done"): the text after it, and whether it is ticked. */
export function stripCheckbox(plain: PlainText): { plain: PlainText; checked?: boolean } {
  const match = /^\s*\[([ xX])\]\s+/.exec(plain.text);
  if (!match) return { plain };
  return { plain: slicePlain(plain, match[0].length), checked: match[1] !== ' ' };
}
