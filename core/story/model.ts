import { lastOffset, offsetAt, offsetCount, type Offsets } from '../markdown/offsets';
import type { Span } from '../engine/rule';
import type { SectionKind, StatementPart } from './settings';

/** `outcome`: a product outcome declared in an outcomes file (Settings.outcomes), not a story. */
export type StoryKind = 'heading' | 'file' | 'line' | 'outcome';

/** Where a story names the product outcome it serves. */
export interface OutcomeReference {
  /** The outcome id as written. */
  id: string;
  /** The id's text in the file. */
  span: Span;
  via: 'front-matter' | 'lead-in' | 'link';
}

/** An outcome's measure: its Metric, Baseline and Target lead-ins (undefined when not given). */
export interface OutcomeMetric {
  metric?: string;
  baseline?: string;
  target?: string;
  /** From the first to the end of the last of them. */
  span: Span;
}

/**
 * Text as a reader sees it (Markdown markers removed, line breaks as spaces) with, for each UTF-16
 * unit, its offset in the file; entry `text.length` of `offsets` is the offset after the last unit
 * (core/offsets.ts reads and builds them).
 */
export interface PlainText {
  text: string;
  offsets: Offsets;
}

/** The file span of `[start, end)` in a plain text. */
export function mapSpan(plain: PlainText, start: number, end: number): Span {
  const last = offsetCount(plain.offsets) - 1;
  const from = offsetAt(plain.offsets, Math.max(0, Math.min(start, last)))!;
  if (end <= start) return [from, from];
  // The end maps through the last included unit, so a span never runs past stripped markers.
  const to = offsetAt(plain.offsets, Math.max(0, Math.min(end - 1, last)))! + 1;
  return [from, Math.max(from, Math.min(to, lastOffset(plain.offsets)))];
}

/** A part of a statement: its text and where it sits, both in the statement and in the file. */
export interface StatementSlice {
  text: string;
  /** Offsets into the statement's plain text. */
  start: number;
  end: number;
  span: Span;
}

export interface Statement extends PlainText {
  /** The template the statement follows, by name (see Settings.templates). */
  template: string;
  span: Span;
  parts: Partial<Record<StatementPart, StatementSlice>>;
  /** Parts the template requires but the statement lacks. */
  missing: StatementPart[];
}

export interface Section {
  kind: SectionKind;
  /** The heading or lead-in label as written, e.g. "Success metrics". */
  name: string;
  style: 'heading' | 'lead-in' | 'front-matter';
  /** Heading level of a heading section. */
  level?: number;
  /** Heading line, lead-in label or front-matter key. */
  nameSpan: Span;
  /** Everything from the name to the end of the section's content. */
  span: Span;
  content: PlainText;
  /** The id of the story this section is stated in, when all it says is "See ONB-203.". */
  refersTo?: string;
}

export interface Criterion extends PlainText {
  span: Span;
  /** true or false for a task-list item ("- [x]" / "- [ ]"); undefined otherwise. */
  checked?: boolean;
}

export interface Story {
  kind: StoryKind;
  id?: { text: string; span: Span };
  title: string;
  /** Heading text, or the statement for a one-line story; where story-level findings point. */
  titleSpan: Span;
  /** The whole story, heading included. */
  span: Span;
  headingLevel?: number;
  statement?: Statement;
  /** The first paragraph when it is not a recognisable statement (for story-format). */
  unrecognised?: PlainText & { span: Span };
  sections: Section[];
  criteria: Criterion[];
  persona?: { text: string; span: Span };
  /** Offset right after the heading line: where a missing statement goes. */
  bodyStart: number;
  /** Offset right after the story's last non-blank content: where missing sections go. */
  contentEnd: number;
  /**
   * The story ends inside an unclosed code fence or HTML comment, so text appended at its end
   * would not be Markdown structure: fixes that append sections are not offered.
   */
  endsInOpenBlock: boolean;
  /** The outcomes a heading, file or line story says it serves, in the order written. */
  serves?: readonly OutcomeReference[];
  /** An outcome's metric, baseline and target. */
  metric?: OutcomeMetric;
}

export const sectionsOf = (story: Story, kind: SectionKind): Section[] =>
  story.sections.filter((section) => section.kind === kind);
