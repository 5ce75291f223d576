/**
 * Recognising stories: the facts about a heading that the story detector (detect.ts) decides by,
 * and whether a statement is evidence of a story or a heading names a container or an explanation.
 */
import type { Root } from 'mdast';
import type { Statement } from './model';
import type { HeadingFacts } from './detect';
import { declaredType } from './metadata';
import { firstPlaceholder } from './placeholder';
import { isWeakSectionName, type Settings } from './settings';
import { words } from '../markdown/text';
import { CONTAINER_WORDS, EXPLANATORY_OPENERS, EXPLANATORY_WORDS, ID_FIELDS, PROSE_ROLE_WORDS, STATEMENT_LABELS, STORY_TOPICS, TYPE_FIELDS } from './vocabulary';
import { type BuildContext, findId, normalizeLabel, sectionKind } from './context';
import type { Chunk, HeadingChunk } from './chunks';
import { headingStatement, literalPlain, metadataOf } from './opening';
import { leadInSections } from './sections';

const chunkFacts = new WeakMap<Settings, WeakMap<Root, HeadingFacts>>();

/**
 * What the story detector needs to know about a heading, from its chunk alone. Remembered per
 * parse tree: with the parse cache, an unchanged chunk keeps its tree, so an edit re-reads only its chunk.
 */
export function headingFacts(context: BuildContext, chunk: HeadingChunk): HeadingFacts {
  let memo = chunkFacts.get(context.settings);
  if (!memo) chunkFacts.set(context.settings, (memo = new WeakMap()));
  let facts = memo.get(chunk.tree);
  if (!facts) {
    const headingText = chunk.headingText?.text ?? '';
    const kind = sectionKind(context, headingText);
    const label = normalizeLabel(headingText);
    const metadata = metadataOf(context, chunk);
    const type = metadata.find((field) => TYPE_FIELDS.has(field.key));
    const headingId = chunk.headingText !== undefined && findId(context, chunk.headingText) !== undefined;
    const statement = headingStatement(context, chunk);
    facts = {
      level: chunk.heading.level,
      statementLabel: kind === undefined && STATEMENT_LABELS.has(label),
      statement: isStoryEvidence(statement, context.text),
      partialStatement: statement !== undefined,
      id: headingId || metadata.some((field) => ID_FIELDS.has(field.key) && findId(context, literalPlain(field.value, field.valueSpan)) !== undefined),
      leadIns: leadInSections(context, chunk.blocks, chunk.start)
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

/** A heading that labels the statement of the story above it: "Description", "User story". */
export function isStatementLabel(context: BuildContext, chunk: Chunk): boolean {
  const label = chunk.headingText?.text ?? '';
  return sectionKind(context, label) === undefined && STATEMENT_LABELS.has(normalizeLabel(label));
}

/** A statement that shows a heading is a story: who wants what, written as a person would, not a template. */
export function isStoryEvidence(statement: Statement | undefined, source: string): boolean {
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
