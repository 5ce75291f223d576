// How a means that asks for several capabilities reads as one phrase per capability: "create, edit
// and delete projects" → "create projects", "edit projects", "delete projects"; "send emails and
// track their open rates" → "track the open rates of emails". atomic-story-split.ts writes the stories.
import { type Word, words } from '../core/api';
import { CONJUNCT_FILLERS } from './lexicon/capabilities';

/** A capability found in a means (atomic-story.ts): its verb and where it is. */
export interface CapabilityWord {
  verb: string;
  word: Word;
}

/** One capability as it reads on its own. */
export interface CapabilityPhrase {
  /** The verb, lower-cased: "track". */
  verb: string;
  /** The phrase with a shared object given to it and pronouns resolved: "track the open rates of onboarding emails". */
  text: string;
}

/** A means split into its capabilities: `[start, end)` of the means holds them all; the text before is shared ("be able to"). */
export interface MeansSplit {
  start: number;
  end: number;
  phrases: CapabilityPhrase[];
}

/** Particles of phrasal verbs: "sign up for events" lends no object to "view and sign up …". */
const PARTICLES = new Set(['up', 'in', 'out', 'off', 'down', 'back', 'away', 'over', 'on', 'into']);

/** Words that end an object noun phrase: "monthly reports | with my team". */
const PHRASE_ENDS = new Set([
  'to', 'with', 'for', 'from', 'by', 'in', 'on', 'at', 'of', 'into', 'onto', 'via', 'per', 'about', 'as', 'without', 'through', 'across',
  'and', 'or', 'so', 'that', 'which', 'who', 'where', 'when', 'while', 'if', 'before', 'after', 'until', 'because', 'than',
]);

/** Indirect objects skipped on the way to the object: "send me a report". */
const INDIRECT = new Set(['me', 'us', 'him', 'her', 'you']);
const PRONOUNS = new Set(['it', 'them', 'its', 'their']);
const POSSESSIVE_PRONOUNS = new Set(['its', 'their']);
/** Determiners a noun phrase loses once it is named again: "create an invoice and email it" → "email the invoice". */
const INDEFINITE = new Set(['a', 'an', 'some', 'any', 'another']);

const BRACKET_PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '”': '“', '’': '‘' };

/** Whether brackets and quotes in the phrase are closed where they open. */
function balanced(phrase: string): boolean {
  const open: string[] = [];
  let straight = 0;
  for (const char of phrase) {
    if (char === '"') straight++;
    else if (char === '(' || char === '[' || char === '{' || char === '“') open.push(char);
    else if (char in BRACKET_PAIRS && char !== '’' && open.pop() !== BRACKET_PAIRS[char]) return false;
  }
  return open.length === 0 && straight % 2 === 0;
}

/** Whether the phrase has a comma outside brackets. */
function topLevelComma(phrase: string): boolean {
  let depth = 0;
  for (const char of phrase) {
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === ',' && depth === 0) return true;
  }
  return false;
}

/** The offset before trailing spaces and list punctuation. */
function trimList(text: string, end: number, start: number): number {
  let i = end;
  while (i > start && /[\s,;&.]/.test(text[i - 1]!)) i--;
  return i;
}

/** The offset where the phrase before the capability at word `next` ends: before "and", "or", "as well as", ",", "&" and fillers. */
function phraseEnd(text: string, list: readonly Word[], previous: number, next: number): number | undefined {
  let j = next - 1;
  while (j > previous && CONJUNCT_FILLERS.has(list[j]!.word)) j--;
  const word = list[j]!.word;
  let conjunction: number | undefined;
  if (j > previous && (word === 'and' || word === 'or')) {
    conjunction = j;
    // "and/or" is one conjunction.
    const before = list[j - 1]?.word;
    if (j - 1 > previous && (before === 'and' || before === 'or') && text.slice(list[j - 1]!.end, list[j]!.start).trim() === '/') conjunction = j - 1;
  } else if (j - 2 > previous && word === 'as' && list[j - 1]!.word === 'well' && list[j - 2]!.word === 'as') conjunction = j - 2;
  if (conjunction !== undefined) return trimList(text, list[conjunction]!.start, list[previous]!.end);
  // A comma list or "&": the gap before the next phrase holds the punctuation.
  const gap = text.slice(list[j]!.end, list[j + 1]!.start);
  return /[,&]/.test(gap) ? list[j]!.end : undefined;
}

interface Draft {
  verb: string;
  /** The phrase as written, and where its own words are (a shared object lent to it is not its own). */
  text: string;
  own: Word[];
}

/**
 * The means split into one phrase per capability, or undefined when it does not split
 * confidently: a capability not right after a conjunction or comma ("a map view … and a CSV
 * export", "… and I need a report"), unbalanced brackets, a pronoun with no single antecedent.
 */
export function splitCapabilities(means: string, capabilities: readonly CapabilityWord[]): MeansSplit | undefined {
  const list = words(means);
  const indices = capabilities.map((capability) => list.findIndex((word) => word.start === capability.word.start));
  if (indices.length < 2 || indices.some((index, k) => index < 0 || (k > 0 && index <= indices[k - 1]!))) return undefined;
  // Gerunds name features ("searching and tracking features"), not requests to split.
  if (capabilities.some((capability) => capability.verb.length > 5 && capability.verb.endsWith('ing'))) return undefined;
  // A second sentence ("… manage studies. Assigning students …") would be copied into every story.
  if (/[.!?]\s+\p{Lu}/u.test(means.replace(/\b(?:e\.g|i\.e|etc|vs)\./gi, ''))) return undefined;
  const drafts: Draft[] = [];
  for (let k = 0; k < indices.length; k++) {
    const start = list[indices[k]!]!.start;
    const end = k + 1 < indices.length ? phraseEnd(means, list, indices[k]!, indices[k + 1]!) : trimList(means, means.length, start);
    if (end === undefined || end <= start || !balanced(means.slice(start, end))) return undefined;
    // A comma inside a phrase before the last is a list the capabilities did not end ("view slots, book sessions, and …").
    if (k + 1 < indices.length && topLevelComma(means.slice(start, end))) return undefined;
    drafts.push({ verb: capabilities[k]!.verb, text: means.slice(start, end), own: words(means.slice(start, end)) });
  }
  if (!lendSharedObjects(drafts)) return undefined;
  const phrases: CapabilityPhrase[] = [];
  for (let k = 0; k < drafts.length; k++) {
    const text = k === 0 ? drafts[0]!.text : resolvePronouns(drafts[k]!, drafts.slice(0, k));
    if (text === undefined) return undefined;
    phrases.push({ verb: drafts[k]!.verb, text });
  }
  if (new Set(phrases.map((phrase) => phrase.text.toLowerCase())).size < phrases.length) return undefined;
  return { start: list[indices[0]!]!.start, end: list[indices[0]!]!.start + rangeLength(means, list, indices), phrases };
}

/** Length from the first capability to the end of the last phrase. */
function rangeLength(means: string, list: readonly Word[], indices: readonly number[]): number {
  const first = list[indices[0]!]!.start;
  return trimList(means, means.length, list[indices[indices.length - 1]!]!.start) - first;
}

/**
 * Gives a bare verb the object of the phrase after it: "create, edit and delete projects". False
 * when the object is a phrasal verb's particle ("view and sign up for events").
 */
function lendSharedObjects(drafts: Draft[]): boolean {
  for (let k = drafts.length - 2; k >= 0; k--) {
    const draft = drafts[k]!;
    if (draft.own.length !== 1) continue;
    const next = drafts[k + 1]!;
    const tailStart = next.text.search(/\s/);
    if (tailStart < 0) continue;
    const tail = next.text.slice(tailStart).trimStart();
    if (PARTICLES.has(words(tail)[0]?.word ?? '')) return false;
    draft.text = `${draft.text} ${tail}`;
  }
  return true;
}

/** A noun phrase a pronoun can stand for: "monthly reports", "an invoice". */
interface Candidate {
  text: string;
  plural: boolean;
}

/** The noun phrase starting at word `from` of `phrase`: up to a preposition, a conjunction, punctuation or 5 words. */
function nounPhraseAt(phrase: string, list: readonly Word[], from: number): Candidate | undefined {
  let end = from;
  while (end < list.length && end < from + 5 && !PHRASE_ENDS.has(list[end]!.word) && !PRONOUNS.has(list[end]!.word)) {
    if (end > from && /[^\s]/.test(phrase.slice(list[end - 1]!.end, list[end]!.start))) break;
    end++;
  }
  if (end === from || (end < list.length && end === from + 5 && !PHRASE_ENDS.has(list[end]!.word))) return undefined;
  const last = list[end - 1]!.word;
  return { text: phrase.slice(list[from]!.start, list[end - 1]!.end), plural: last.endsWith('s') && !/(ss|us|is)$/.test(last) };
}

/** Index of the first word after the verb and its indirect objects ("send me | a report"). */
function objectIndex(list: readonly Word[]): number {
  let object = 1;
  while (object < list.length && INDIRECT.has(list[object]!.word)) object++;
  return object;
}

/** The object of a capability phrase: "track | the open rates | of …"; undefined when none follows the verb. */
export function objectOf(phrase: string): string | undefined {
  const list = words(phrase);
  const object = objectIndex(list);
  return object < list.length && !PHRASE_ENDS.has(list[object]!.word) ? nounPhraseAt(phrase, list, object)?.text : undefined;
}

/** The noun phrases of a phrase a later pronoun can refer to: its object, then those after prepositions. */
function candidatesOf(phrase: string): Candidate[] {
  const list = words(phrase);
  const object = objectIndex(list);
  const found: Candidate[] = [];
  const first = object < list.length && !PHRASE_ENDS.has(list[object]!.word) ? nounPhraseAt(phrase, list, object) : undefined;
  if (first) found.push(first);
  for (let i = object; i + 1 < list.length; i++) {
    if (!PHRASE_ENDS.has(list[i]!.word)) continue;
    const after = nounPhraseAt(phrase, list, i + 1);
    if (after) found.push(after);
  }
  return found;
}

/** "an invoice" named again is "the invoice". */
function definite(candidate: Candidate): string {
  const firstSpace = candidate.text.search(/\s/);
  const first = (firstSpace < 0 ? candidate.text : candidate.text.slice(0, firstSpace)).toLowerCase();
  return INDEFINITE.has(first) && firstSpace > 0 ? `the${candidate.text.slice(firstSpace)}` : candidate.text;
}

/** The antecedent of a pronoun: the nearest earlier phrase with a noun phrase of its number, which must have only one. */
function antecedent(pronoun: string, earlier: readonly Draft[]): string | undefined {
  const plural = pronoun === 'them' || pronoun === 'their';
  for (let k = earlier.length - 1; k >= 0; k--) {
    const matching = candidatesOf(earlier[k]!.text).filter((candidate) => candidate.plural === plural && !PRONOUNS.has(words(candidate.text)[0]!.word));
    if (matching.length > 1) return undefined;
    if (matching.length === 1) return definite(matching[0]!);
  }
  return undefined;
}

/**
 * The phrase with "it", "them", "its" and "their" replaced by what they stand for: "email it to my
 * accountant" → "email the invoice to my accountant", "track their open rates" → "track the open
 * rates of onboarding emails". Undefined when a pronoun has no single antecedent.
 */
function resolvePronouns(draft: Draft, earlier: readonly Draft[]): string | undefined {
  const list = words(draft.text);
  let result = '';
  let cursor = 0;
  for (let i = 0; i < list.length; i++) {
    const pronoun = list[i]!.word;
    // "purchase the one that suits me" stands for a thing the phrase does not name.
    if ((pronoun === 'one' || pronoun === 'ones') && (list[i - 1]?.word === 'the' || list[i - 1]?.word === 'that')) return undefined;
    if (!PRONOUNS.has(pronoun)) continue;
    const named = antecedent(pronoun, earlier);
    if (named === undefined) return undefined;
    result += draft.text.slice(cursor, list[i]!.start);
    if (!POSSESSIVE_PRONOUNS.has(pronoun)) {
      result += named;
      cursor = list[i]!.end;
      continue;
    }
    // "their open rates" → "the open rates of onboarding emails"; before "of", "onboarding emails' share of …".
    const owned = nounPhraseAt(draft.text, list, i + 1);
    if (!owned) return undefined;
    const ownedEnd = i + 1 + words(owned.text).length;
    // "alter their credit limits, discount plans": what else they own is not clear.
    if (/^\s*,/.test(draft.text.slice(list[ownedEnd - 1]!.end))) return undefined;
    const ofFollows = list[ownedEnd]?.word === 'of';
    result += ofFollows ? `${named}${named.endsWith('s') ? "'" : "'s"} ${owned.text}` : `the ${owned.text} of ${named}`;
    cursor = list[ownedEnd - 1]!.end;
    i = ownedEnd - 1;
  }
  return result + draft.text.slice(cursor);
}
