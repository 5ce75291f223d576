// Which of a split story's capabilities each acceptance criterion tests: by the capability's verb
// ("Emails are sent …" tests "send onboarding emails") or its object ("the templates").
import { type Criterion, words } from '../core/api';
import { type CapabilityPhrase, objectOf } from './atomic-story-phrases';
import { stemLite } from './lexicon/stems';

/** Past forms a criterion uses that no suffix rule turns into the verb: "Emails are sent". */
const IRREGULAR = new Map<string, string>([
  ['sent', 'send'], ['made', 'make'], ['paid', 'pay'], ['bought', 'buy'], ['built', 'build'], ['kept', 'keep'], ['found', 'find'],
  ['got', 'get'], ['gotten', 'get'], ['given', 'give'], ['gave', 'give'], ['taken', 'take'], ['took', 'take'], ['seen', 'see'],
  ['saw', 'see'], ['shown', 'show'], ['written', 'write'], ['wrote', 'write'], ['chosen', 'choose'], ['chose', 'choose'],
  ['sold', 'sell'], ['told', 'tell'], ['held', 'hold'], ['left', 'leave'], ['lost', 'lose'], ['ran', 'run'], ['began', 'begin'],
  ['begun', 'begin'], ['drew', 'draw'], ['drawn', 'draw'], ['knew', 'know'], ['known', 'know'], ['spent', 'spend'],
  ['brought', 'bring'], ['thought', 'think'], ['understood', 'understand'], ['withdrew', 'withdraw'], ['withdrawn', 'withdraw'],
  ['undid', 'undo'], ['undone', 'undo'], ['hid', 'hide'], ['hidden', 'hide'], ['forgot', 'forget'], ['forgotten', 'forget'],
]);

/** Words too common to tie a criterion to a capability. */
const COMMON = new Set([
  'the', 'and', 'for', 'with', 'from', 'that', 'this', 'these', 'those', 'their', 'its', 'them', 'our', 'your', 'his', 'her', 'all',
  'any', 'each', 'every', 'some', 'new', 'other', 'more', 'into', 'onto', 'via', 'per', 'about', 'able', 'can', 'could', 'also',
  'then', 'when', 'where', 'which', 'who', 'what', 'how', 'only', 'just', 'own', 'not', 'are', 'was', 'were', 'been', 'has', 'have',
  'given', 'will', 'should', 'must', 'one', 'two', 'list', 'page', 'user', 'users', 'my', 'me',
]);

/** stemLite once more: "treatments" → "treatment" → "treat", as "treatment" → "treat". */
const stem = (word: string): string => stemLite(stemLite(word));

/** Weights: the verb or the object's head noun ties a criterion to a capability; another object word alone does not. */
const STRONG = 2;
const WEAK = 1;

/**
 * Whether a criterion's word is the verb: its base form, a past form or an -ing form ("edited",
 * "sent", "editing"). A third-person -s form is as often a plural noun ("status changes"), so it is not.
 */
function isVerbForm(word: string, verb: string): boolean {
  if (word === verb || IRREGULAR.get(word) === verb) return true;
  return (word.endsWith('ed') || word.endsWith('ing')) && stem(word) === stem(verb);
}

/** What ties a criterion to a capability: its verb, the stems of its object's words, the head noun last. */
interface Signature {
  verb: string;
  objectStems: string[];
}

function signatureOf(phrase: CapabilityPhrase): Signature {
  const object = objectOf(phrase.text);
  const objectStems = object ? words(object).flatMap(({ word }) => (word.length >= 3 && !COMMON.has(word) ? [stem(word)] : [])) : [];
  return { verb: phrase.verb, objectStems };
}

/** How strongly a criterion's words point at a capability; stems that every capability shares ("projects") do not count. */
function score(criterion: readonly string[], signature: Signature, shared: ReadonlySet<string>): number {
  let total = criterion.some((word) => isVerbForm(word, signature.verb)) ? STRONG : 0;
  const stems = new Set(criterion.map(stem));
  signature.objectStems.forEach((stem, index) => {
    if (shared.has(stem) || !stems.has(stem)) return;
    total += index === signature.objectStems.length - 1 ? STRONG : WEAK;
  });
  return total;
}

/** A criterion's words, from its "when" on when it opens with "Given": the context names what the other capabilities made ("Given an exported report"). */
function testedWords(text: string): string[] {
  const list = words(text).map(({ word }) => word);
  const when = list[0] === 'given' ? list.indexOf('when') : -1;
  return when > 0 ? list.slice(when + 1) : list;
}

/**
 * For each criterion, the index of the capability it tests: the one it points at most strongly,
 * by its verb or its object's head noun. 0, the original story, when it points at none or is a tie.
 */
export function criteriaOwners(criteria: readonly Criterion[], phrases: readonly CapabilityPhrase[]): number[] {
  const signatures = phrases.map(signatureOf);
  const counts = new Map<string, number>();
  for (const signature of signatures) for (const stem of new Set(signature.objectStems)) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  const shared = new Set([...counts].flatMap(([stem, count]) => (count > 1 ? [stem] : [])));
  return criteria.map((criterion) => {
    const list = testedWords(criterion.text).filter((word) => !COMMON.has(word));
    const scores = signatures.map((signature) => score(list, signature, shared));
    const best = Math.max(...scores);
    return best >= STRONG && scores.filter((value) => value === best).length === 1 ? scores.indexOf(best) : 0;
  });
}
