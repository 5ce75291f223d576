import { defineStoryRule, firstPlaceholder, mapSpan, type PlainText, type Span, type StatementSlice, sectionPlaceholder, sectionsOf, type Word, words } from '../core/api';
import { DELIVERABLES, DELIVERED_STATES, DELIVERY_VERBS } from './lexicon/deliveries';
import { SUBJECT_PRONOUNS } from './lexicon/grammar';
import { CHANGE_STEMS, hasMetric } from './lexicon/quantities';
import { stemLite } from './lexicon/stems';

/** Words that carry no content of their own when comparing what a story builds with why. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'you', 'your', 'they', 'them', 'their', 'it', 'its', 'he',
  'she', 'his', 'her', 'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'all', 'each', 'every',
  'no', 'am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'do', 'does', 'did', "don't",
  "doesn't", "didn't", 'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', "can't", 'cannot',
  "won't", "i'm", "i'll", "we're", 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'into', 'onto', 'about',
  'as', 'so', 'and', 'or', 'but', 'if', 'then', 'than', 'when', 'while', 'not', 'also', 'only', 'just', 'even',
  'there', 'here', 'which', 'what', 'who', 'how', 'where', 'why', 'want', 'need', 'like', 'able', 'get', 'make',
  'use', 'go', 'easily', 'easy', 'quickly', 'successfully', 'properly', 'ensure', 'sure', 'way', 'thing',
  'things', 'other', 'others', 'both', 'either', 'well', 'still', 'always', 'never', 'again', 'longer', 'more',
  'very', 'really', 'actually', 'help', 'let', 'allow', 'enable', 'most', 'likely', 'best', 'less', 'begin', 'start',
  'continue', 'keep', 'try', 'over', 'under', 'through', 'via', 'across', 'after', 'before', 'during', 'within',
  'without', 'between', 'among', 'against', 'per', 'up', 'down', 'out', 'off', 'around', 'whether', 'because',
]);

/** Words after the subject that come before the verb: "I can", "we don't have to", "I am able to". */
const BEFORE_VERB: ReadonlySet<string> = new Set([
  'can', 'could', 'will', 'would', 'may', 'might', 'should', 'must', 'am', 'are', 'be', 'able', 'to', 'do', "don't",
  'not', 'no', 'longer', 'have', 'also', 'always', 'then', 'just', 'still', 'easily', 'quickly', 'successfully',
  'finally', 'now', "can't", 'cannot', "won't", 'never', 'need', 'most', 'more', 'likely', 'better', 'begin', 'start',
  'continue', 'keep', 'try',
]);

/** "so that I don't ...": avoiding something is usually the gain itself. */
const NEGATIONS: ReadonlySet<string> = new Set(["don't", 'not', 'no', 'never', "can't", 'cannot', "won't", "doesn't"]);
/**
 * "so that I can understand / decide / see if ...": the user wants to learn something, a gain of its
 * own even when the means uses the same verb. Only "decide to <verb>" points at an action.
 */
const COGNITIVE: ReadonlySet<string> = new Set([
  'know', 'understand', 'understanding', 'learn', 'decide', 'determine', 'judge', 'assess', 'evaluate', 'verify',
  'confirm', 'notice', 'tell', 'check', 'find',
]);
const QUESTION_WORDS: ReadonlySet<string> = new Set(['if', 'whether', 'how', 'when', 'what', 'which', 'who', 'where', 'why']);

/** Verbs that name the same action: "modify my application so that I can change it". */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['modify', 'change', 'edit', 'update', 'amend', 'alter'],
  ['view', 'see', 'look', 'display', 'show'],
  ['access', 'navigate', 'reach', 'open', 'visit'],
  ['remove', 'delete', 'erase'],
  ['integrate', 'integration', 'connect', 'connection'],
  ['extend', 'renew', 'prolong', 'remain', 'stay'],
  ['search', 'locate', 'lookup'],
  ['download', 'export'],
  ['control', 'permission', 'rights', 'privilege', 'authorise', 'authorize', 'restrict'],
];
const SYNONYM_OF = new Map<string, number>();
SYNONYM_GROUPS.forEach((group, index) => group.forEach((word) => SYNONYM_OF.set(stemLite(word), index)));

/** An ends clause that names what the user gains in time, money or mistakes is an outcome. */
const GAIN_WORDS: ReadonlySet<string> = new Set([
  'time', 'money', 'cost', 'costs', 'effort', 'hours', 'minutes', 'days', 'mistakes', 'errors', 'risk', 'revenue',
  'fines', 'penalties', 'trust',
]);

/** Participles that describe what the system does with data, not what anyone gains. */
const SYSTEM_EFFECTS: ReadonlySet<string> = new Set([
  'processed', 'displayed', 'shown', 'stored', 'saved', 'recorded', 'logged', 'updated', 'synced', 'synchronized',
  'created', 'generated', 'sent', 'captured', 'imported', 'exported', 'uploaded', 'persisted', 'indexed',
  'populated', 'rendered', 'published', 'inserted', 'triggered', 'executed', 'cached', 'appears', 'appear',
  'displays', 'shows', 'opens', 'loads', 'redirects', 'takes', 'available', 'downloaded', 'printed', 'attached',
  'emailed', 'listed', 'added', 'deleted', 'removed', 'archived',
]);
const COPULAS: ReadonlySet<string> = new Set(['is', 'are', 'gets', 'get', 'be', 'been', 'goes', 'go', 'went', 'becomes', 'will']);
const THING_SUBJECTS: ReadonlySet<string> = new Set(['it', 'this', 'that', 'they']);
const SYSTEM_PLACES = ['system', 'database', 'db', 'backend', 'table'];

interface Content {
  stem: string;
  word: Word;
}

/** Content words of a clause, hyphenated compounds split ("trainers-only" is two words). */
function contentWords(list: readonly Word[]): Content[] {
  const result: Content[] = [];
  for (const word of list) {
    const parts = word.word.split('-');
    for (const part of parts) {
      if (part.length < 2 || FUNCTION_WORDS.has(part) || /^\d/.test(part)) continue;
      result.push({ stem: stemLite(part), word });
    }
  }
  return result;
}

/**
 * Prefixes longer than any real word are not indexed: a 20,000-letter "word" would otherwise cost
 * 20,000 prefixes of up to 20,000 letters each.
 */
const MAX_PREFIX = 40;

/** Stems of the means, with every prefix of four or more letters, so "integr" meets "integrat". */
class StemIndex {
  private readonly stems = new Set<string>();
  private readonly prefixes = new Set<string>();
  private readonly groups = new Set<number>();

  constructor(content: readonly Content[]) {
    for (const { stem } of content) {
      this.stems.add(stem);
      for (let length = 4; length <= Math.min(stem.length, MAX_PREFIX); length++) this.prefixes.add(stem.slice(0, length));
      const group = SYNONYM_OF.get(stem);
      if (group !== undefined) this.groups.add(group);
    }
  }

  has(stem: string): boolean {
    if (this.stems.has(stem) || (stem.length >= 4 && this.prefixes.has(stem))) return true;
    for (let length = 4; length < Math.min(stem.length, MAX_PREFIX + 1); length++) if (this.stems.has(stem.slice(0, length))) return true;
    const group = SYNONYM_OF.get(stem);
    return group !== undefined && this.groups.has(group);
  }
}

/** The verb of an ends clause that opens with a person: "so that I can *change* my mind". */
function headVerb(list: readonly Word[]): Word | undefined {
  if (!list[0] || !SUBJECT_PRONOUNS.has(list[0].word)) return undefined;
  let index = 1;
  while (index < list.length && BEFORE_VERB.has(list[index]!.word)) {
    if (NEGATIONS.has(list[index]!.word)) return undefined;
    index++;
  }
  let verb = list[index];
  if (verb && COGNITIVE.has(verb.word)) {
    if (list[index + 1]?.word !== 'to' || QUESTION_WORDS.has(list[index + 2]?.word ?? '')) return undefined;
    verb = list[index + 2];
  }
  if (!verb || FUNCTION_WORDS.has(verb.word) || QUESTION_WORDS.has(verb.word)) return undefined;
  // "see if we could share posts": finding something out is the gain.
  const next = list[list.indexOf(verb) + 1]?.word;
  return next === 'if' || next === 'whether' ? undefined : verb;
}

/**
 * The actions a means names: its first content word ("*modify* my application"), verbs after "to"
 * ("a landing page to *navigate*") and nouns made from verbs ("a Mongo *integration*"), but not
 * people or things that merely share a stem ("collaborators").
 */
function meansActions(means: readonly Word[], content: readonly Content[]): Content[] {
  const afterTo = new Set<Word>();
  means.forEach((word, index) => {
    if (word.word === 'to' && means[index + 1]) afterTo.add(means[index + 1]!);
  });
  return content.filter((c, index) => index === 0 || afterTo.has(c.word) || /(?:tion|sion|ment)s?$/.test(c.word.word));
}

/**
 * "a trainers-only section so that only trainers see it": the clause repeats the means' restriction
 * to one group ("<group>-only" or "only <group>").
 */
function sameRestriction(ends: readonly Word[], means: readonly Word[]): boolean {
  const restricted = new Set<string>();
  means.forEach((word, index) => {
    if (word.word.endsWith('-only')) restricted.add(stemLite(word.word.slice(0, -'-only'.length)));
    if (word.word === 'only' && means[index + 1]) restricted.add(stemLite(means[index + 1]!.word));
  });
  return ends.some((word, index) => word.word === 'only' && ends[index + 1] !== undefined && restricted.has(stemLite(ends[index + 1]!.word)));
}

/** People a clause can spare: "without someone awake to press publish". */
const SPARED_PEOPLE: ReadonlySet<string> = new Set(['someone', 'somebody', 'anyone', 'anybody', 'me', 'us', 'them', 'staff']);

/**
 * "... without someone awake to press publish", "... without calling the supplier": a clause that
 * says what effort it spares people names a gain. Not "without established brand guidelines".
 */
const namesSparedEffort = (list: readonly Word[]): boolean =>
  list.some((word, index) => {
    const next = list[index + 1]?.word;
    return word.word === 'without' && next !== undefined && (next.endsWith('ing') || SPARED_PEOPLE.has(next));
  });

/** Share of the ends clause's content words found in the means above which it says nothing new. */
const RESTATED_SHARE = 0.6;

/** Whether the ends clause only says again what the means says. */
function restatesMeans(ends: readonly Word[], means: readonly Word[]): boolean {
  const endsContent = contentWords(ends);
  if (endsContent.length === 0) return false;
  const meansContent = contentWords(means);
  // "automatically ... so that I don't have to do it manually" says the same thing twice.
  const automated = meansContent.some((c) => c.stem.startsWith('automat'));
  if (automated && endsContent.some((c) => c.stem.startsWith('manual'))) return true;
  if (sameRestriction(ends, means)) return true;
  const index = new StemIndex(meansContent);
  const unmatched = endsContent.filter((c) => !index.has(c.stem));
  if (unmatched.some((c) => GAIN_WORDS.has(c.word.word) || CHANGE_STEMS.has(c.stem))) return false;
  const verb = headVerb(ends);
  if (verb && new StemIndex(meansActions(means, meansContent)).has(stemLite(verb.word))) return true;
  const matched = endsContent.length - unmatched.length;
  return matched > 0 && matched / endsContent.length >= RESTATED_SHARE;
}

/**
 * A delivery: a delivery verb with its deliverable ("ship the checkout page"), a deliverable in a
 * delivered state ("the story is done", "the feature goes live"), or, with `text` given, a sentence
 * that opens with a delivery verb ("Launch the referral programme by May").
 */
function deliveryIn(list: readonly Word[], text?: string, person?: ReadonlySet<string>): [number, number] | undefined {
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!.word;
    if (DELIVERY_VERBS.has(word) && !(person && actsOwnTask(list, i, person))) {
      for (let j = i + 1; j < list.length && j <= i + 4; j++) if (DELIVERABLES.has(list[j]!.word)) return [i, j + 1];
      if (text !== undefined && opensSentence(list, i, text)) return [i, Math.min(list.length, i + 4)];
    }
    if (DELIVERABLES.has(word) && COPULAS.has(list[i + 1]?.word ?? '')) {
      for (let j = i + 2; j < list.length && j <= i + 4; j++) if (DELIVERED_STATES.has(list[j]!.word)) return [i, j + 1];
    }
  }
  return undefined;
}

/**
 * Whether the delivery verb at `index` has the story's person for its subject: "so that I can
 * complete it", "so that the learner can finish a module" is the user getting their own task done,
 * an outcome; "so that we can ship it" stays the team's delivery.
 */
function actsOwnTask(list: readonly Word[], index: number, person: ReadonlySet<string>): boolean {
  for (let k = index - 1; k >= Math.max(0, index - 4); k--) {
    const word = list[k]!.word;
    if (TEAM_SUBJECTS.has(word)) return false;
    if (word === 'i' || word === 'me' || person.has(word)) return true;
  }
  return false;
}

const TEAM_SUBJECTS: ReadonlySet<string> = new Set(['we', 'us', 'our', 'team', 'developers', 'engineering']);
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the', 'as']);

/** Words that may come before the verb of an imperative goal: "To ship", "We will launch". */
const GOAL_OPENERS: ReadonlySet<string> = new Set(['to', 'we', 'will', "we'll", 'goal', 'is', 'the', 'our']);

/** Whether word `index` is the first word of a sentence, line or list item, openers aside. */
function opensSentence(list: readonly Word[], index: number, text: string): boolean {
  let first = index;
  while (first > 0 && GOAL_OPENERS.has(list[first - 1]!.word) && !/[.;:!?\n]/.test(text.slice(list[first - 1]!.end, list[first]!.start))) first--;
  return first === 0 || /[.;:!?\n]/.test(text.slice(list[first - 1]!.end, list[first]!.start));
}

/** "so that it appears there", "so that the report is processed", "... in the system". */
function systemEffectIn(list: readonly Word[]): [number, number] | undefined {
  for (let i = 0; i + 2 < list.length; i++) {
    if (['in', 'from', 'into', 'to'].includes(list[i]!.word) && list[i + 1]!.word === 'the' && SYSTEM_PLACES.includes(list[i + 2]!.word)) {
      return [i, i + 3];
    }
  }
  // "so that that it is ...": a doubled "that" is a typo, not the subject.
  const from = list[0]?.word === 'that' && THING_SUBJECTS.has(list[1]?.word ?? '') ? 1 : 0;
  const subject = list[from];
  if (!subject || SUBJECT_PRONOUNS.has(subject.word)) return undefined;
  // The subject is a thing ("it", "the report"): look for its verb within the next few words.
  const pronoun = THING_SUBJECTS.has(subject.word);
  const last = Math.min(list.length - 1, from + (pronoun ? 3 : 6));
  for (let i = from + 1; i <= last; i++) {
    const word = list[i]!.word;
    if (SUBJECT_PRONOUNS.has(word)) return undefined;
    if (SYSTEM_EFFECTS.has(word) && (COPULAS.has(list[i - 1]!.word) || (pronoun && i === from + 1))) return [from, i + 1];
  }
  return undefined;
}

/** Words that open a capability: "members *can* download", "users are *able to* see". */
const CAPABILITY_MODALS: ReadonlySet<string> = new Set(['can', 'could', 'able']);
/** How far into a sentence the modal may sit: a subject of a few words comes first. */
const CAPABILITY_REACH = 6;

/**
 * The first sentence of an outcome that only says people can now do what the means builds
 * ("Members can download their annual statement"): its words from the start to that verb.
 */
function capabilityRestated(list: readonly Word[], text: string, actions: StemIndex): [number, number] | undefined {
  let sentence = 0;
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && /[.;!?\n]/.test(text.slice(list[i - 1]!.end, list[i]!.start))) sentence = i;
    if (!CAPABILITY_MODALS.has(list[i]!.word) || i - sentence > CAPABILITY_REACH) continue;
    let verb = i + 1;
    while (verb < list.length && BEFORE_VERB.has(list[verb]!.word)) verb++;
    if (verb < list.length && actions.has(stemLite(list[verb]!.word))) return [sentence, verb + 1];
  }
  return undefined;
}

/**
 * A purpose tacked on the means with a bare "to" that names the means' own action again: "search
 * for a report by title to locate the report". Not "want to" or "able to", which open the means.
 */
function restatedPurpose(means: readonly Word[]): number | undefined {
  const action = contentWords(means)[0];
  if (!action) return undefined;
  const index = new StemIndex([action]);
  for (let i = means.indexOf(action.word) + 1; i + 1 < means.length; i++) {
    // After a content word ("title to locate"), not "want to" or "able to".
    if (means[i]!.word === 'to' && !FUNCTION_WORDS.has(means[i - 1]!.word) && index.has(stemLite(means[i + 1]!.word))) return i;
  }
  return undefined;
}

const hasChange = (list: readonly Word[]): boolean => list.some((w) => CHANGE_STEMS.has(stemLite(w.word)));

const spanOf = (plain: PlainText, list: readonly Word[], [first, last]: [number, number]): Span =>
  mapSpan(plain, list[first]!.start, list[last - 1]!.end);

export default defineStoryRule({
  name: 'outcome-not-output',
  description: 'The outcome and the "so that" clause say what changes for people, not what the team delivers.',
  tags: ['outcome'],
  fixable: false,
  severity: 'warning',
  answers: { question: 'outcome', withinSection: 'outcome' },
  options: {},
  messages: {
    restated: 'The "so that" clause restates what the story builds ("{ends}"): say what the user gains or what changes for the business.',
    deliveryEnds: 'The "so that" clause is a delivery ("{phrase}"), not an outcome: say what changes for users once it is done.',
    systemEnds: 'The "so that" clause describes what the system does ("{phrase}"): say what the user gains from it.',
    restatedPurpose: 'The purpose "{purpose}" restates what the story builds: say what the user gains or what changes for the business.',
    capabilityOutcome: 'The outcome restates the feature ("{phrase}"): name the change it should cause in behaviour or results (e.g. "calls about statements drop from 900 to 300 a year").',
    deliveryOutcome: 'The outcome is a delivery ("{phrase}"): shipping is output; name the change in behaviour or results it should cause (e.g. "refund contacts drop from 40 to 10 a week").',
  },
  check({ story, text, report }) {
    const statement = story.statement;
    // A part that still holds a placeholder ("so that {benefit}") is not written yet: the rule that
    // asks for it reports it, and there is nothing to judge.
    const written = (part: StatementSlice | undefined): StatementSlice | undefined =>
      part && !firstPlaceholder(statement!, { start: part.start, end: part.end, source: text }) ? part : undefined;
    const ends = written(statement?.parts.ends);
    const means = written(statement?.parts.means);
    const meansWords = means ? words(means.text, means.start) : [];
    if (statement && ends) {
      const endsWords = words(ends.text, ends.start);
      const spared = namesSparedEffort(endsWords);
      const person = new Set(words(statement.parts.role?.text ?? '').map((word) => word.word).filter((word) => !ARTICLES.has(word)));
      const delivery = spared ? undefined : deliveryIn(endsWords, undefined, person);
      const system = delivery || spared ? undefined : systemEffectIn(endsWords);
      if (delivery) {
        report({ messageId: 'deliveryEnds', span: ends.span, data: { phrase: statement.text.slice(endsWords[delivery[0]]!.start, endsWords[delivery[1] - 1]!.end) } });
      } else if (means && restatesMeans(endsWords, meansWords)) {
        report({ messageId: 'restated', span: ends.span, data: { ends: ends.text } });
      } else if (system && !hasChange(endsWords)) {
        report({ messageId: 'systemEnds', span: ends.span, data: { phrase: statement.text.slice(endsWords[system[0]]!.start, endsWords[system[1] - 1]!.end) } });
      }
    } else if (statement && means && !statement.parts.ends) {
      const purpose = restatedPurpose(meansWords);
      if (purpose !== undefined) {
        const [from, to] = [meansWords[purpose]!.start, meansWords[meansWords.length - 1]!.end];
        report({ messageId: 'restatedPurpose', span: mapSpan(statement, from, to), data: { purpose: statement.text.slice(from, to) } });
      }
    }

    const actions = new StemIndex(meansActions(meansWords, contentWords(meansWords)));

    for (const section of sectionsOf(story, 'outcome')) {
      // "[metric] from [baseline] to [target]": measurable-outcome asks for the real figures.
      if (sectionPlaceholder(section, text)) continue;
      const list = words(section.content.text);
      if (hasChange(list)) continue;
      const measured = hasMetric(list, section.content.text);
      const delivery = deliveryIn(list, measured ? undefined : section.content.text);
      const capability = delivery || measured || namesSparedEffort(list) ? undefined : capabilityRestated(list, section.content.text, actions);
      const found = delivery ?? capability;
      if (!found) continue;
      const span = spanOf(section.content, list, found);
      const phrase = section.content.text.slice(list[found[0]]!.start, list[found[1] - 1]!.end);
      report({ messageId: delivery ? 'deliveryOutcome' : 'capabilityOutcome', span, data: { phrase } });
    }
  },
});
