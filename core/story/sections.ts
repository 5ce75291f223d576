/**
 * A story's body: its sections (a section heading with everything below it, or a lead-in label
 * opening a paragraph: "**Outcome:** …"), where its content ends, and its acceptance criteria.
 */
import type { RootContent } from 'mdast';
import type { PlainText, Section, Story } from './model';
import { mapSpan } from './model';
import { consecutiveOffsets } from '../markdown/offsets';
import { blockText, endOf, joinPlain, plainText, slicePlain, startOf, trimPlain } from '../markdown/parse';
import { parseStatement } from './statement';
import { trimmedEnd } from '../markdown/text';
import { type BuildContext, sectionKind } from './context';
import type { Chunk } from './chunks';
import { type CriteriaSource, criteriaOf } from './criteria';
import { firstParagraph, leadingSpace, leadInLabel, withoutStoryLabel } from './opening';
import { leadingIds } from './serves';

/** A section whose content is still its source blocks (and a lead-in's text after the label). */
export type SectionDraft = Omit<Section, 'content'> & { blocks: CriteriaSource[]; prefix?: PlainText };

/**
 * Fills in the sections, content end and criteria of a story spanning `members`; a file story
 * (`statementFromFirstParagraph`) also takes its statement from the first paragraph outside a section.
 */
export function collectStoryBody(
  context: BuildContext,
  story: Story,
  members: readonly Chunk[],
  options: { statementFromFirstParagraph: boolean; sectionHeadings?: readonly boolean[] },
): void {
  const text = context.text;
  let openSection: { level: number } | undefined;
  members.forEach((chunk, index) => {
    const heading = chunk.heading;
    const kind = heading ? sectionKind(context, chunk.headingText?.text ?? '') : undefined;
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
      addSection(context, story, {
        kind,
        name: chunk.headingText?.text ?? '',
        style: 'heading',
        level: heading.level,
        nameSpan: heading.textSpan,
        span: [heading.span[0], trimmedEnd(text, heading.span[0], end)],
        blocks: contentBlocks,
      });
      openSection = { level: heading.level };
    } else if (!openSection) {
      for (const section of leadInSections(context, chunk.blocks, chunk.start)) addSection(context, story, section);
    }
    if (options.statementFromFirstParagraph && !story.statement && !openSection && !isSection) {
      const first = firstParagraph(context, chunk.blocks, chunk.start);
      const plain = first && withoutStoryLabel(context, first);
      if (plain) {
        // A front-matter persona is the role: "I want to …, so that …" is then a whole statement.
        const roleFromPersona = Boolean(story.persona?.text.trim());
        const statement = parseStatement(plain, context.settings.templates, { allowIncomplete: true, roleFromPersona });
        if (statement) story.statement = statement;
        else if (!story.unrecognised && plain.text.trim()) story.unrecognised = { ...plain, span: mapSpan(plain, 0, plain.text.length) };
      }
    }
  });
  // An empty story's content ends where its body starts, so appended sections follow a statement.
  story.contentEnd = Math.max(story.bodyStart, trimmedEnd(text, story.span[0], story.span[1]));
  const lastChunk = members[members.length - 1];
  const lastBlock = lastChunk?.blocks[lastChunk.blocks.length - 1];
  story.endsInOpenBlock = lastBlock !== undefined && isOpenBlock(text.slice(startOf(lastBlock, lastChunk!.start), endOf(lastBlock, lastChunk!.start)), lastBlock.type);
  story.criteria = story.sections
    .filter((section) => section.kind === 'acceptance')
    .flatMap((section) => criteriaOf(section, context.criteriaBlocks.get(section) ?? [], text));
}

function addSection(context: BuildContext, story: Story, section: SectionDraft): void {
  const sources = section.prefix && section.prefix.text.trim() ? [{ plain: section.prefix }, ...section.blocks] : section.blocks;
  const parts = sources
    .map((source) => ('plain' in source ? source.plain : source.block.type === 'html' ? undefined : blockText(source.block, source.base, context.text)))
    .filter((part): part is PlainText => part !== undefined);
  const content = parts.length > 0 ? joinPlain(parts) : { text: '', offsets: consecutiveOffsets(section.nameSpan[1], 1) };
  const { blocks: _blocks, prefix: _prefix, ...rest } = section;
  const result: Section = { ...rest, content };
  const reference = referenceOf(context, content.text) ?? outcomeReferenceOf(context, section.kind, content.text);
  if (reference) result.refersTo = reference;
  story.sections.push(result);
  context.criteriaBlocks.set(result, sources);
}

/** "See ONB-203." / "Same as ONB-203": the referring words a section opens with when it is stated in another story. */
const REFERENCE_OPENING = /^(?:see|same as|as in|as for|like)\s+$/i;

/** The id of the story a section's whole content points at ("See ONB-203."), if that is all it says. */
function referenceOf(context: BuildContext, content: string): string | undefined {
  const text = content.trim();
  if (text.length > 80) return undefined;
  const match = context.idPattern.firstMatch(text);
  if (!match || match.end === match.start) return undefined;
  const rest = text.slice(match.end).replace(/^[.)]*$/, '');
  return REFERENCE_OPENING.test(text.slice(0, match.start)) && rest === '' ? text.slice(match.start, match.end) : undefined;
}

/** "Outcome: KR-2.1": an Outcome section that only names declared outcomes is stated there. */
function outcomeReferenceOf(context: BuildContext, kind: Section['kind'], content: string): string | undefined {
  if (kind !== 'outcome' || content.length > 200) return undefined;
  const { ids, all } = leadingIds(context, content.trim());
  return all ? ids[0]!.id : undefined;
}

/** Sections opened by a label at the start of a paragraph: "**Outcome:** ..." or "Outcome: ...". */
export function leadInSections(context: BuildContext, blocks: readonly RootContent[], base: number): SectionDraft[] {
  const found: SectionDraft[] = [];
  let current: SectionDraft | undefined;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const plain = plainText(block.children, base, context.text);
      const label = leadInLabel(plain.text);
      const kind = label && sectionKind(context, label.label);
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
