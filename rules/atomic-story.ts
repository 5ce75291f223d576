import { defineStoryRule, mapSpan, type StatementSlice, type Word, words } from '../core';
import {
  CLEAR_VERBS,
  CONJUNCT_FILLERS,
  LIGHT_VERBS,
  MODALS,
  NOUN_LIKE_VERBS,
  OBJECT_STARTS,
  SECOND_WANTS,
  SUBORDINATORS,
  VERB_FAMILY,
} from './lexicon/statement';

/** Words that open a means without being its verb: "I want to be able to easily export". */
const MEANS_OPENERS = new Set(['to', 'be', 'able', 'can', 'also', 'always', 'only', 'just', 'still', 'then', 'either', 'both']);

/** Subject pronouns: after one, the words belong to a clause of their own ("data that colleagues share"). */
const SUBJECTS = new Set(['i', 'we', 'they', 'he', 'she', 'you', 'users', 'colleagues', 'people']);

export interface Capability {
  verb: string;
  word: Word;
}

const familyOf = (verb: string): string => VERB_FAMILY.get(verb) ?? verb;

/** "easily", "successfully": an adverb, not the means' verb ("apply" and "reply" are verbs). */
const isAdverb = (word: string): boolean => word.length > 4 && word.endsWith('ly') && !CLEAR_VERBS.has(word);

/** Index of the first word after a conjunction that is not a filler ("and also to be able to"). */
function skipFillers(list: readonly Word[], index: number): number {
  let i = index;
  while (i < list.length && i < index + 6 && CONJUNCT_FILLERS.has(list[i]!.word)) i++;
  return i;
}

/** A conjunction at word `index`: "and", "or", "as well as", "and/or"; returns the index after it. */
function conjunctionEnd(text: string, list: readonly Word[], index: number): number | undefined {
  const word = list[index]!.word;
  if (word === 'and' || word === 'or') {
    // "and/or" is one conjunction.
    const next = list[index + 1];
    if (next && (next.word === 'or' || next.word === 'and') && text.slice(list[index]!.end, next.start).trim() === '/') return index + 2;
    return index + 1;
  }
  if (word === 'as' && list[index + 1]?.word === 'well' && list[index + 2]?.word === 'as') return index + 3;
  return undefined;
}

/** The punctuation between word `index` and the word before it, trimmed. */
const gapBefore = (text: string, list: readonly Word[], index: number): string =>
  index === 0 ? '' : text.slice(list[index - 1]!.end, list[index]!.start).trim();

/**
 * The capabilities a means asks for: its first verb, then each verb that a conjunction ("and", "or",
 * "&", "as well as", a comma list) coordinates with it. Conjunctions inside a subordinate clause, a
 * remark in brackets or a noun phrase ("search by name and date", "a list of names and addresses")
 * do not count; neither do verbs of one family ("locate and access").
 */
export function capabilitiesOf(means: StatementSlice): Capability[] {
  const text = means.text;
  const list = words(text);
  let start = 0;
  while (start < list.length && (MEANS_OPENERS.has(list[start]!.word) || isAdverb(list[start]!.word))) start++;
  const firstWord = list[start];
  if (!firstWord) return [];
  // "have X to lift embargoes and set ...": the capability is the verb inside, not "have".
  const light = LIGHT_VERBS.has(firstWord.word);
  const found: Capability[] = [{ verb: firstWord.word, word: firstWord }];
  const families = new Set<string>();
  let lastVerbIndex = start;
  let lastClearVerb: Word | undefined;
  let inClause = false;
  let brackets = 0;

  for (let i = start + 1; i < list.length; i++) {
    const gap = gapBefore(text, list, i);
    for (const char of gap) brackets += char === '(' || char === '[' ? 1 : char === ')' || char === ']' ? -1 : 0;
    const word = list[i]!.word;
    if (brackets > 0) continue;
    // After a subordinator, a modal or a new subject the words belong to another clause.
    if (SUBORDINATORS.has(word) || MODALS.has(word) || SUBJECTS.has(word) || (word === 'by' && list[i + 1]?.word.endsWith('ing'))) {
      inClause = true;
      continue;
    }
    const afterConjunction = conjunctionEnd(text, list, i);
    const listed = afterConjunction === undefined && (gap === '&' || gap === ',');
    if (afterConjunction === undefined && !listed) {
      if (CLEAR_VERBS.has(word) && !inClause) lastClearVerb = list[i];
      continue;
    }
    const at = afterConjunction === undefined ? i : skipFillers(list, afterConjunction);
    const candidate = list[at];
    if (!candidate) break;
    // "... and I need a report": a second request.
    if ((candidate.word === 'i' || candidate.word === 'we') && SECOND_WANTS.has(list[at + 1]?.word ?? '')) {
      found.push({ verb: list[at + 1]!.word, word: list[at + 1]! });
      break;
    }
    // Inside a clause only ", and <verb> <object>" returns to the main request.
    if (inClause && !(gap === ',' && afterConjunction !== undefined && CLEAR_VERBS.has(candidate.word) && OBJECT_STARTS.has(list[at + 1]?.word ?? ''))) continue;
    if (!isCoordinatedVerb(list, at, lastVerbIndex)) continue;
    inClause = false;
    if (families.size === 0) {
      if (light && lastClearVerb) found[0] = { verb: lastClearVerb.word, word: lastClearVerb };
      families.add(familyOf(found[0]!.verb));
    }
    lastVerbIndex = at;
    const family = familyOf(candidate.word);
    // "invite someone to sign up and become a member": the pair belongs to the inner verb.
    if (families.has(family) || (lastClearVerb && familyOf(lastClearVerb.word) === family)) continue;
    families.add(family);
    found.push({ verb: candidate.word, word: candidate });
    if (afterConjunction !== undefined) i = at;
  }
  return found;
}

/**
 * Whether the word at `index` starts a second verb phrase. A clear verb does; a word that is as often
 * a noun ("report", "search") does only with an object after it or right after another bare verb
 * ("view and search").
 */
function isCoordinatedVerb(list: readonly Word[], index: number, lastVerbIndex: number): boolean {
  const word = list[index]!.word;
  const next = list[index + 1]?.word;
  const hasObject = next !== undefined && OBJECT_STARTS.has(next);
  const besideVerb = index - lastVerbIndex <= 2;
  if (NOUN_LIKE_VERBS.has(word)) return hasObject || besideVerb;
  return CLEAR_VERBS.has(word);
}

export default defineStoryRule({
  name: 'atomic-story',
  description: 'A story asks for one capability, so it can be estimated, built and accepted on its own.',
  tags: ['statement', 'size'],
  fixable: false,
  severity: 'warning',
  options: {},
  messages: {
    compound: 'The story asks for {count} capabilities ({verbs}): split it into one story per capability so each can be estimated and delivered on its own.',
  },
  check({ story, report }) {
    const means = story.statement?.parts.means;
    if (!means) return;
    const capabilities = capabilitiesOf(means);
    if (capabilities.length < 2) return;
    const last = capabilities[capabilities.length - 1]!.word;
    report({
      messageId: 'compound',
      span: mapSpan(story.statement!, means.start, means.start + last.end),
      data: { count: String(capabilities.length), verbs: capabilities.map((capability) => `"${capability.verb}"`).join(', ') },
    });
  },
});
