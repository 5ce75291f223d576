import type { PlainText } from './model';
import { mapSpan } from './model';
import type { Span } from '../engine/rule';
import { KNOWN_FIELDS } from './vocabulary';

/**
 * Tracker exports put fields above the statement: property lines ("**Status:** Ready · **Squad:**
 * Payments", "Work Item Type: User Story") or a two-column field table ("| Field | Value |"). They
 * are metadata, not the story's statement; a few of them (id, persona, type) mean something.
 */
export interface MetadataField {
  /** The label, normalised: lower case, no emphasis markers, single spaces. */
  key: string;
  value: string;
  valueSpan: Span;
}

/** What a type field declares: a story, or some other kind of work item (epic, bug, task …). */
export function declaredType(value: string): 'story' | 'other' | undefined {
  const normal = normalizeKey(value);
  if (normal === '') return undefined;
  if (/\bstor(?:y|ies)\b/.test(normal)) return 'story';
  return 'other';
}

export function normalizeKey(label: string): string {
  return label.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The fields of a metadata paragraph, or undefined when the paragraph is prose. `isReserved` says
 * whether a label opens a section or a statement ("Outcome:", "User story:"): those are content.
 */
export function metadataFields(plain: PlainText, isReserved: (key: string) => boolean): MetadataField[] | undefined {
  const lines = lineRanges(plain.text);
  if (lines.length === 0) return undefined;
  const table = plain.text.slice(lines[0]![0], lines[0]![1]).trimStart().startsWith('|');
  const fields = table ? tableFields(plain, lines) : propertyFields(plain, lines);
  if (!fields || fields.length === 0) return undefined;
  if (fields.some((field) => isReserved(field.key))) return undefined;
  const known = fields.filter((field) => KNOWN_FIELDS.has(field.key)).length;
  // One unknown label is prose ("Note: …"); beside a known field, or two in a row, it is a field.
  return known > 0 || fields.length >= 2 ? fields : undefined;
}

function lineRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (text.slice(start, i).trim() !== '') ranges.push([start, i]);
      start = i + 1;
    }
  }
  return ranges;
}

/** "Status: Ready · Squad: Payments" lines; every piece of every line must be "Label: value". */
function propertyFields(plain: PlainText, lines: readonly [number, number][]): MetadataField[] | undefined {
  const fields: MetadataField[] = [];
  for (const [lineStart, lineEnd] of lines) {
    let pieceStart = lineStart;
    for (let i = lineStart; i <= lineEnd; i++) {
      const char = plain.text[i];
      if (i < lineEnd && char !== '·' && char !== '•' && char !== '|') continue;
      const field = propertyField(plain, pieceStart, i);
      if (!field) return undefined;
      fields.push(field);
      pieceStart = i + 1;
    }
  }
  return fields;
}

function propertyField(plain: PlainText, start: number, end: number): MetadataField | undefined {
  const piece = plain.text.slice(start, end);
  const colon = piece.indexOf(':');
  if (colon <= 0 || colon > 40) return undefined;
  const label = piece.slice(0, colon);
  if (/[.!?]/.test(label) || label.trim().split(/\s+/).length > 4) return undefined;
  const key = normalizeKey(label);
  if (key === '') return undefined;
  let valueStart = colon + 1;
  while (valueStart < piece.length && /[\s*_]/.test(piece[valueStart]!)) valueStart++;
  let valueEnd = piece.length;
  while (valueEnd > valueStart && /\s/.test(piece[valueEnd - 1]!)) valueEnd--;
  const value = piece.slice(valueStart, valueEnd);
  // A sentence after the colon is prose: "Context: the team keeps losing invoices because …".
  if (value.length > 80) return undefined;
  return { key, value, valueSpan: mapSpan(plain, start + valueStart, start + valueEnd) };
}

/** A two-column table of fields; its header row ("Field | Value") and separator row are skipped. */
function tableFields(plain: PlainText, lines: readonly [number, number][]): MetadataField[] | undefined {
  const rows = lines.map(([start, end]) => tableCells(plain.text, start, end));
  if (rows.some((cells) => cells === undefined || cells.length !== 2)) return undefined;
  const hasHeader = rows.length > 1 && isTableSeparator(plain.text, rows[1]!);
  const fields: MetadataField[] = [];
  rows.forEach((cells, index) => {
    if (hasHeader && index < 2) return;
    const [[keyStart, keyEnd], [valueStart, valueEnd]] = cells! as [[number, number], [number, number]];
    const key = normalizeKey(plain.text.slice(keyStart, keyEnd));
    const cell = plain.text.slice(valueStart, valueEnd);
    const value = cell.trim();
    const lead = cell.length - cell.trimStart().length;
    fields.push({ key, value, valueSpan: mapSpan(plain, valueStart + lead, valueStart + lead + value.length) });
  });
  return fields;
}

/** The cell ranges of a pipe-table row ("| a | b |"), or undefined when the line is not one. */
export function tableCells(text: string, start: number, end: number): [number, number][] | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (text[start] !== '|') return undefined;
  const cells: [number, number][] = [];
  let cellStart = start + 1;
  for (let i = start + 1; i < end; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '|') {
      cells.push([cellStart, i]);
      cellStart = i + 1;
    }
  }
  if (cellStart < end) cells.push([cellStart, end]);
  return cells;
}

/** The separator row under a table header: "|---|:---:|". */
export function isTableSeparator(text: string, cells: readonly [number, number][]): boolean {
  return cells.length > 0 && cells.every(([start, end]) => /^\s*:?-+:?\s*$/.test(text.slice(start, end)));
}
