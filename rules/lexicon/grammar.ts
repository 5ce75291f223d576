// English function words the statement rules parse with, and abbreviations whose period ends no sentence.

/** Personal pronouns that can be a clause's subject: "I can", "we don't have to", "where they share". */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'he', 'she']);

/** Possessive determiners: "my phone to remind me", "on my own page". */
export const POSSESSIVES: ReadonlySet<string> = new Set(['my', 'our', 'their', 'his', 'her', 'its', 'your']);

/** Words that open an object noun phrase: a verb followed by one of them has an object. */
export const OBJECT_STARTS = new Set([
  'the', 'a', 'an', 'my', 'our', 'their', 'his', 'her', 'its', 'your', 'this', 'that', 'these', 'those',
  'all', 'any', 'each', 'every', 'some', 'them', 'it', 'me', 'us', 'him', 'new', 'existing', 'multiple',
  'other', 'another', 'which', 'what', 'whether', 'who', 'how', 'where', 'when', 'if', 'one', 'more',
]);

/**
 * Words that open a subordinate clause or a manner phrase: a conjunction after them joins parts of
 * that clause ("know when the periods start and end"), not two capabilities.
 */
export const SUBORDINATORS = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'whether', 'if', 'how', 'what', 'while',
  'because', 'once', 'after', 'before', 'until', 'unless', 'since', 'so', 'such', 'whenever', 'why',
]);

/** Modal verbs: "the user can ask and perform" is a clause of its own. */
export const MODALS = new Set(['can', 'could', 'will', 'would', 'should', 'may', 'might', 'must', 'shall']);

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = new Set(['e.g', 'eg', 'i.e', 'ie', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'no', 'approx', 'incl', 'st', 'fig', 'v', 'jr', 'sr', 'inc', 'ltd', 'co']);
