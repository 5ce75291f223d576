import { defineStoryRule, firstPlaceholder, mapSpan, type StatementSlice, type Word, words } from '../core/api';
import { CLEAR_VERBS, CONJUNCT_FILLERS, FEATURE_NOUNS, LIGHT_VERBS, NOUN_LIKE_VERBS, SECOND_WANTS, VERB_FAMILY } from './lexicon/capabilities';
import { ABBREVIATIONS, MODALS, OBJECT_STARTS, POSSESSIVES, SUBJECT_PRONOUNS, SUBORDINATORS } from './lexicon/grammar';
import { MOSTLY_VERBS, VERB_CAPABLE } from './lexicon/verbs';
import { splitSuggestion } from './atomic-story-split';

/** Words that open a means without being its verb: "I want to be able to easily export". */
const MEANS_OPENERS = new Set(['to', 'be', 'able', 'can', 'also', 'always', 'only', 'just', 'still', 'then', 'either', 'both']);

/** Subjects: after one, the words belong to a clause of their own ("data that colleagues share"). */
const SUBJECTS: ReadonlySet<string> = new Set([...SUBJECT_PRONOUNS, 'users', 'colleagues', 'people']);

/** Openers of a means that asks for a thing, not an action: "I want a new tab where I can …". */
const NOUN_PHRASE_OPENERS = new Set(['a', 'an', 'the']);

/** Words that end the name of a feature: "a map view | of where every van is". */
const NOUN_PHRASE_ENDS = new Set(['of', 'for', 'with', 'that', 'which', 'where', 'when', 'showing', 'per', 'in', 'on', 'to', 'from', 'by', 'and', 'or']);

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

/** Whether word `index` opens a dotted abbreviation ("i.e.", "e.g."): its "i" is not a subject. */
const opensAbbreviation = (text: string, list: readonly Word[], index: number): boolean =>
  index + 1 < list.length && gapBefore(text, list, index + 1) === '.' && ABBREVIATIONS.has(`${list[index]!.word}.${list[index + 1]!.word}`);

/** The feature a noun phrase names when its last word before a preposition or clause is a feature noun ("a CSV export"). */
function featureNamedAt(list: readonly Word[], index: number): Word | undefined {
  let last: Word | undefined;
  for (let i = index; i < list.length && i < index + 5 && !NOUN_PHRASE_ENDS.has(list[i]!.word); i++) last = list[i];
  return last && FEATURE_NOUNS.has(last.word) ? last : undefined;
}

/** A gerund's base form candidates: "tracking" → track, tracke; "mapping" → mapp, map. */
const gerundBases = (word: string): string[] => {
  const stem = word.slice(0, -3);
  return [stem, `${stem}e`, stem.slice(0, -1)];
};

/**
 * Capabilities named as nouns rather than verbs: "a map view … and a CSV export", "searching and
 * tracking features". Both sides must name a feature; "a list of names and addresses" does not.
 */
function namedCapabilities(text: string, list: readonly Word[], start: number): Capability[] {
  for (let i = start + 1; i + 1 < list.length; i++) {
    const end = conjunctionEnd(text, list, i);
    if (end === undefined) continue;
    const before = list[i - 1]!;
    const after = list[end];
    if (!after) break;
    // "searching and tracking features": two gerunds sharing a feature noun.
    if (before.word.endsWith('ing') && after.word.endsWith('ing') && FEATURE_NOUNS.has(list[end + 1]?.word ?? '')) {
      const families = [before, after].map((gerund) => familyOf(gerundBases(gerund.word).find((base) => VERB_FAMILY.has(base)) ?? gerund.word));
      if (families[0] !== families[1]) return [{ verb: before.word, word: before }, { verb: after.word, word: after }];
    }
    // "a map view of where every van is and a CSV export of monthly mileage".
    if (NOUN_PHRASE_OPENERS.has(list[start]!.word) && NOUN_PHRASE_OPENERS.has(after.word)) {
      const first = featureNamedAt(list, start + 1);
      const second = featureNamedAt(list, end + 1);
      if (first && second && first.word !== second.word) return [{ verb: first.word, word: first }, { verb: second.word, word: second }];
    }
  }
  return [];
}

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
  // "the system to detect and report …", "that the system makes … and sends …": the verb of the one who acts.
  const delegated = delegatedVerbAt(list, start);
  if (delegated) start = delegated.index;
  const finite = delegated?.finite ?? false;
  const firstWord = list[start];
  if (!firstWord) return [];
  // "have X to lift embargoes and set ...", "a tab where I can see …": the capability is the verb inside.
  const nounPhrase = !delegated && NOUN_PHRASE_OPENERS.has(firstWord.word);
  const light = nounPhrase || LIGHT_VERBS.has(firstWord.word);
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
    if (opensAbbreviation(text, list, i)) {
      i++;
      continue;
    }
    // "a tab where I can see …": a thing's "I can" clause states the capability itself.
    if (nounPhrase && MODALS.has(word) && SUBJECTS.has(list[i - 1]!.word)) {
      inClause = false;
      continue;
    }
    // After a subordinator, a modal or a new subject the words belong to another clause.
    if (SUBORDINATORS.has(word) || MODALS.has(word) || SUBJECTS.has(word) || (word === 'by' && list[i + 1]?.word.endsWith('ing'))) {
      inClause = true;
      continue;
    }
    const afterConjunction = conjunctionEnd(text, list, i);
    // A slash is left alone: "select/deselect", "promote/share" name one capability more often than two.
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
    // Inside a clause only ", and <verb> <object>" or "as well as <verb> <object>" returns to the main request.
    const strongBreak = afterConjunction !== undefined && (gap === ',' || word === 'as');
    const verbWithObject = (CLEAR_VERBS.has(candidate.word) || NOUN_LIKE_VERBS.has(candidate.word)) && OBJECT_STARTS.has(list[at + 1]?.word ?? '');
    if (inClause && !(strongBreak && verbWithObject)) continue;
    if (!isCoordinatedVerb(list, at, lastVerbIndex, finite)) continue;
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
  if (found.length > 1) return found;
  const named = namedCapabilities(text, list, start);
  return named.length > 1 ? named : found;
}

/** Words after which the next word is a verb in its base form: "the system to detect", "a tool that can monitor". */
const DELEGATING = new Set(['to', ...MODALS]);

/**
 * The verb of a means that names who acts before what is done: "the system to detect and report
 * campaigns", "my phone to remind me …", "a tool that can monitor …", and the order of
 * other languages, "that the system makes automatically the reconciliation" (a finite verb, so its
 * coordinated verbs are finite too: "… and sends me a report"). Undefined when the means opens
 * with its own verb.
 */
function delegatedVerbAt(list: readonly Word[], start: number): { index: number; finite: boolean } | undefined {
  const first = list[start]?.word;
  if (first === undefined || (first !== 'that' && !NOUN_PHRASE_OPENERS.has(first) && !POSSESSIVES.has(first))) return undefined;
  for (let i = start + 1; i < list.length && i <= start + 6; i++) {
    const word = list[i]!.word;
    // "a tool that can discreetly monitor …": an adverb may stand before the verb.
    const verbAt = isAdverb(list[i + 1]?.word ?? '') ? i + 2 : i + 1;
    const next = list[verbAt];
    if (DELEGATING.has(word) && next && isVerbCapable(next.word)) return { index: verbAt, finite: false };
    // "that the system makes …": a subject, then a verb with -s.
    if (first === 'that' && i >= start + 2 && isFiniteVerb(word)) return { index: i, finite: true };
    if (SUBORDINATORS.has(word) && word !== 'that') return undefined;
  }
  return undefined;
}

/** "makes", "sends", "notifies": a verb in its third-person form. */
const isFiniteVerb = (word: string): boolean => finiteBase(word) !== undefined;
function finiteBase(word: string): string | undefined {
  if (!word.endsWith('s') || word.endsWith('ss')) return undefined;
  const candidates = word.endsWith('ies') ? [`${word.slice(0, -3)}y`] : word.endsWith('es') ? [word.slice(0, -2), word.slice(0, -1)] : [word.slice(0, -1)];
  return candidates.find((base) => CLEAR_VERBS.has(base) || isMostlyVerb(base));
}

/**
 * Whether the word at `index` starts a second verb phrase. A clear verb does; a word that is as often
 * a noun ("report", "search") does only with an object after it or right after another bare verb
 * ("view and search"). After a finite first verb, its finite forms count the same ("sends").
 */
function isCoordinatedVerb(list: readonly Word[], index: number, lastVerbIndex: number, finite = false): boolean {
  const written = list[index]!.word;
  const word = (finite && finiteBase(written)) || written;
  const next = list[index + 1]?.word;
  const hasObject = next !== undefined && OBJECT_STARTS.has(next);
  const besideVerb = index - lastVerbIndex <= 2;
  if (CLEAR_VERBS.has(word)) return true;
  if (NOUN_LIKE_VERBS.has(word)) return hasObject || besideVerb;
  // Any other word English uses as a verb ("fertilise", "contact", "preprocess"): with an object
  // after it, or right beside another verb when it is mostly a verb ("collect and preprocess").
  return isVerbCapable(word) && (hasObject || (besideVerb && isMostlyVerb(word)));
}

/** Prefixes that make a verb of a verb: "preprocess", "upload", "reschedule", "unlock". */
const VERB_PREFIX = /^(?:pre|re|un|de|up|over|under|co|dis|mis|out|sub|auto)(.{3,})$/;

/** Whether English uses the word as a verb in its base form (rules/lexicon/verbs.ts), prefixed ones included. */
const isVerbCapable = (word: string): boolean => inLexicon(VERB_CAPABLE, word);
const isMostlyVerb = (word: string): boolean => inLexicon(MOSTLY_VERBS, word);

function inLexicon(lexicon: ReadonlySet<string>, word: string): boolean {
  // "and have it stored": a light verb carries no capability of its own.
  if (LIGHT_VERBS.has(word)) return false;
  if (lexicon.has(word)) return true;
  const base = VERB_PREFIX.exec(word)?.[1];
  return base !== undefined && lexicon.has(base);
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
  check({ story, text, report }) {
    const means = story.statement?.parts.means;
    // A capability that still holds a placeholder is not written yet: story-format reports it.
    if (!means || firstPlaceholder(story.statement!, { start: means.start, end: means.end, source: text })) return;
    const capabilities = capabilitiesOf(means);
    if (capabilities.length < 2) return;
    const last = capabilities[capabilities.length - 1]!.word;
    // A suggestion, not a fix: a split changes what the backlog asks for, so a person chooses it.
    const split = splitSuggestion(story, text, capabilities);
    report({
      messageId: 'compound',
      span: mapSpan(story.statement!, means.start, means.start + last.end),
      data: { count: String(capabilities.length), verbs: capabilities.map((capability) => `"${capability.verb}"`).join(', ') },
      suggestions: split ? [split] : undefined,
    });
  },
});
