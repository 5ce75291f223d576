/**
 * What every step of building one file's stories reads: the file text, the settings, and what is
 * compiled from them once per file (section names by kind, the id pattern).
 */
import type { PlainText, Section } from './model';
import { mapSpan } from './model';
import type { ParseCache } from '../markdown/parse';
import type { Span } from '../engine/rule';
import { type LinearPattern, linearPattern } from '../config/regex-safety';
import type { SectionKind, Settings } from './settings';
import type { CriteriaSource } from './criteria';

export interface BuildContext {
  readonly text: string;
  readonly settings: Settings;
  readonly cache?: ParseCache;
  /** Every configured section name, normalised, to its kind. */
  readonly synonyms: ReadonlyMap<string, SectionKind>;
  readonly idPattern: LinearPattern;
  /** Settings.outcomeIdPattern, compiled. */
  readonly outcomeIdPattern: LinearPattern;
  /** Where each section's content came from, for its criteria (sections.ts). */
  readonly criteriaBlocks: WeakMap<Section, CriteriaSource[]>;
}

export function buildContext(text: string, settings: Settings, cache?: ParseCache): BuildContext {
  const synonyms = new Map<string, SectionKind>();
  for (const [kind, names] of Object.entries(settings.sections) as [SectionKind, readonly string[]][]) {
    for (const name of names) synonyms.set(normalizeLabel(name), kind);
  }
  return { text, settings, cache, synonyms, idPattern: linearPattern(settings.idPattern), outcomeIdPattern: linearPattern(settings.outcomeIdPattern), criteriaBlocks: new WeakMap() };
}

/**
 * The kind a section heading names: a configured name, or names of one kind joined ("Problem and
 * evidence", "Outcome / success metrics"), with a trailing remark in parentheses dropped
 * ("Acceptance criteria (Gherkin)").
 */
export function sectionKind(context: BuildContext, label: string): SectionKind | undefined {
  const normalized = normalizeLabel(label);
  const exact = context.synonyms.get(normalized);
  if (exact || normalized.length > 80) return exact;
  const kinds = new Set(
    normalized
      .replace(/\s*\([^()]*\)$/, '')
      .split(/\s+(?:and|&|\+)\s+|\s*[/,]\s*/)
      .map((name) => context.synonyms.get(name)),
  );
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

export function findId(
  context: BuildContext,
  plain: PlainText,
  pattern: LinearPattern = context.idPattern,
): { text: string; span: Span; start: number; end: number } | undefined {
  // Ids live near the start of a heading; a bounded window keeps any configured pattern cheap.
  const window = plain.text.slice(0, 200);
  const match = pattern.firstMatch(window);
  if (!match || match.end === match.start) return undefined;
  const { start, end } = match;
  return { text: window.slice(start, end), span: mapSpan(plain, start, end), start, end };
}

export function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/[*_:`]/g, '').replace(/\s+/g, ' ').trim();
}
