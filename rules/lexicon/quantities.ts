/*
 * Amounts: numbers, multiples, the dates and labels a number can be instead, and the words that say
 * a number changes. They decide what counts as a metric (measurable-outcome, outcome-not-output) and
 * as something specific (require-evidence, testable-criteria). Every test works on single lower-cased
 * words from `words()` or on PhraseMatcher lists, so checks stay linear-time.
 */
import { PhraseMatcher, type Word } from '../../core/api';
import { DELIVERY_VERBS } from './deliveries';
import { stems } from './stems';

/** Numbers written as words; "six nurses" is as specific as "6 nurses". */
const NUMBER_WORDS: ReadonlySet<string> = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'hundreds', 'thousand',
  'thousands', 'million', 'millions', 'dozen', 'half', 'percent', 'twice',
]);

/** Targets stated as a multiple: "double weekly sign-ups", "halve refund contacts". */
const QUANTITY_WORDS: ReadonlySet<string> = new Set([
  'double', 'doubles', 'doubled', 'doubling', 'halve', 'halves', 'halved', 'halving', 'half', 'triple',
  'triples', 'tripled', 'tripling', 'quadruple', 'quadrupled', 'zero', 'twice', 'thrice', 'tenfold',
  'twofold', 'threefold', 'percent',
]);

export const MONTHS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Words after which a number is a label ("sprint 3", "step 2"), not an amount. */
const NUMBER_LABELS: ReadonlySet<string> = new Set([
  'sprint', 'release', 'version', 'iteration', 'phase', 'milestone', 'step', 'stage', 'wave', 'pi', 'fy', 'week', 'day',
]);

const STARTS_WITH_DIGIT = /^\d/;
/** A year, an ISO date, or an ordinal day: these say when, not how much. */
const DATE_NUMBER = /^(?:(?:19|20)\d\d|\d{4}-\d\d(?:-\d\d)?|\d{1,2}(?:st|nd|rd|th))$/;

/** A word that is a number (digits, or a number word). */
export const isNumber = (word: string): boolean => STARTS_WITH_DIGIT.test(word) || NUMBER_WORDS.has(word);

/**
 * Whether the word at `index` states an amount: a number that is not a date or a label, or a
 * multiple such as "double". "by Q3" and "by June 30, 2025" are deadlines without an amount.
 */
function isQuantityAt(list: readonly Word[], index: number): boolean {
  const word = list[index]!.word;
  if (QUANTITY_WORDS.has(word)) return true;
  if (!isNumber(word)) return false;
  if (DATE_NUMBER.test(word)) return false;
  const before = list[index - 1]?.word;
  const after = list[index + 1]?.word;
  if (before && (NUMBER_LABELS.has(before) || MONTHS.has(before))) return false;
  if (after && MONTHS.has(after) && STARTS_WITH_DIGIT.test(word) && word.length <= 2) return false;
  return true;
}

/** "twice as fast", "double": a multiple is a threshold too. */
export const isMultiple = (word: string): boolean => QUANTITY_WORDS.has(word);

/**
 * Whether `list` (the words of `text`) states an amount a metric can have. A count of what the
 * team delivers is output, not a metric: "all four markets", "3 new reports", any number in a
 * sentence that opens with a delivery verb ("Roll out card readers to 12 stores") unless it is a
 * percentage ("Deliver 95% of orders within 2 days").
 */
export function hasMetric(list: readonly Word[], text: string): boolean {
  let sentenceStart = 0;
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && /[.;!?\n]/.test(text.slice(list[i - 1]!.end, list[i]!.start))) sentenceStart = i;
    if (isQuantityAt(list, i) && !countsDeliverables(list, i, text, DELIVERY_VERBS.has(list[sentenceStart]!.word))) return true;
  }
  return false;
}

function countsDeliverables(list: readonly Word[], index: number, text: string, inDeliverySentence: boolean): boolean {
  const word = list[index]!;
  if (/^\s?%/.test(text.slice(word.end, word.end + 2)) || list[index + 1]?.word === 'percent') return false;
  return inDeliverySentence || list[index - 1]?.word === 'all' || list[index + 1]?.word === 'new';
}

/** "cut in half", "by half": multiples spelt as phrases. */
export const QUANTITY_PHRASES = new PhraseMatcher(['cut in half', 'by half', 'in half', 'down to none', 'to zero']);

/** Words that say a number changes: an outcome moves something, an output only exists. */
export const CHANGE_STEMS: ReadonlySet<string> = stems([
  'increase', 'decrease', 'reduce', 'reduction', 'grow', 'growth', 'drop', 'cut', 'lower', 'raise', 'improve',
  'improvement', 'boost', 'double', 'halve', 'triple', 'fewer', 'less', 'more', 'rise', 'fall', 'shrink',
  'shorten', 'lift', 'uplift', 'retain', 'retention', 'churn', 'convert', 'conversion', 'adopt', 'adoption',
  'save', 'stop', 'avoid', 'prevent', 'eliminate', 'higher', 'faster', 'slower', 'declin', 'climb',
]);
