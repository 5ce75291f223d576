/*
 * Word lists shared by the outcome, problem and acceptance-criteria rules. Every test here works on
 * single lower-cased words from `words()` or on PhraseMatcher lists, so checks stay linear-time.
 */
import { PhraseMatcher, type Word } from '../../core/api';

/** Suffixes removed by `stemLite`, longest first. */
const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'edly', 'ed', 'ies', 'es', 's', 'ly', 'ments', 'ment'];

/**
 * A crude stem, enough to see that "synced", "syncs" and "sync" or "meetings" and "meeting" are one
 * word: one suffix off (keeping three letters), then a final e, y or i. Not a real stemmer.
 */
export function stemLite(word: string): string {
  let stem = word.replace(/'s$/, '');
  for (const suffix of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  return stem.length > 3 && /[eyi]$/.test(stem) ? stem.slice(0, -1) : stem;
}

export const stems = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(stemLite));

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

/** Verbs of delivery: what the team does, not what changes for anyone. */
export const DELIVERY_VERBS: ReadonlySet<string> = new Set([
  'ship', 'ships', 'shipping', 'release', 'releases', 'releasing', 'deliver', 'delivers', 'delivering', 'launch',
  'launches', 'launching', 'build', 'builds', 'building', 'implement', 'implements', 'implementing', 'complete',
  'completes', 'completing', 'finish', 'finishes', 'finishing', 'deploy', 'deploys', 'deploying', 'develop',
  'develops', 'developing', 'rollout', 'roll', 'merge',
]);

/** States of a deliverable: "the feature is live", "the story is done". */
export const DELIVERED_STATES: ReadonlySet<string> = new Set([
  'done', 'complete', 'completed', 'finished', 'shipped', 'released', 'delivered', 'launched', 'built',
  'implemented', 'deployed', 'live', 'merged', 'developed', 'coded',
]);

/** What a team ships: the object of a delivery verb. */
export const DELIVERABLES: ReadonlySet<string> = new Set([
  'feature', 'features', 'page', 'pages', 'story', 'stories', 'epic', 'sprint', 'release', 'version', 'project',
  'functionality', 'product', 'app', 'screen', 'site', 'website', 'module', 'code', 'ticket', 'task', 'tasks',
  'work', 'mvp', 'integration', 'redesign', 'update', 'build', 'backlog', 'roadmap', 'milestone', 'poc', 'prototype',
  'change', 'changes', 'component', 'requirement', 'requirements', 'it', 'this',
]);

/**
 * Where problem evidence comes from: research, support channels and the records a business keeps.
 * Compared by `stemLite`, so "interviewed", "interviews" and "interviewing" all count; a source
 * alone is not evidence, it needs something specific next to it.
 */
export const EVIDENCE_SOURCES: readonly string[] = [
  'interview', 'survey', 'questionnaire', 'analytics', 'data', 'funnel', 'dashboard', 'metrics', 'log', 'logs',
  'ticket', 'complaint', 'complain', 'observation', 'observed', 'observing', 'shadow', 'shadowing', 'usability',
  'experiment', 'split-test', 'calls', 'call', 'nps', 'csat', 'ces', 'feedback', 'review', 'heatmap',
  'recording', 'research', 'study', 'studies', 'focus', 'diary', 'transcript', 'session', 'telemetry', 'mixpanel',
  'amplitude', 'hotjar', 'fullstory', 'zendesk', 'intercom', 'salesforce', 'churn', 'cancellation', 'email',
  'incident', 'audit', 'benchmark', 'pilot', 'beta', 'prototype', 'test', 'tested', 'testing', 'quote', 'verbatim',
  'report', 'reported', 'request', 'requested', 'asked', 'escalation', 'chat', 'visit', 'workshop', 'sample',
  'respondent', 'participant', 'telematics', 'chargeback', 'export', 'spreadsheet', 'statistics', 'stats',
  'database', 'crm', 'erp', 'timesheet',
];

/**
 * Verbs of a measurement already made ("we timed 40 applications", "managers logged 412 parcels").
 * Exact words, not stems: "timed" is a measurement, "time" is not.
 */
export const MEASUREMENT_VERBS: readonly string[] = [
  'timed', 'counted', 'logged', 'measured', 'tracked', 'sampled', 'audited', 'reviewed', 'recorded', 'analysed',
  'analyzed', 'monitored', 'tallied', 'surveyed', 'polled', 'benchmarked', 'clocked', 'traced', 'exported',
];

/** Hedges: the author believes, nobody checked. "TBD" and "???" are unanswered questions. */
export const HEDGES = new PhraseMatcher([
  'we believe', 'we assume', 'we think', 'we feel', 'we guess', 'we hope', 'i believe', 'i assume', 'i guess',
  'i feel', 'probably', 'presumably', 'obviously', 'clearly everyone', 'everyone wants', 'everybody wants',
  'everyone knows', 'everybody knows', 'surely', 'hopefully', 'gut feeling', 'no-brainer', 'no brainer',
  'users will love', 'customers will love', 'everyone will love', 'tbd', 'todo', 'tbc',
]);

/** Gherkin step keywords: never vague terms, whatever the configured list says. */
export const GHERKIN_STEPS: ReadonlySet<string> = new Set(['given', 'when', 'then', 'and', 'but']);

/**
 * For each offset of `text`, whether it sits inside quotes, an inline code span or a link address:
 * there a word is a UI label, a customer's words or a URL, not the author's claim. One pass.
 */
export function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (closer) {
      mask[i] = 1;
      // An unclosed quote (5" screen) ends with its line rather than hiding the rest of the text.
      if (ch === closer || ch === '\n') closer = '';
      continue;
    }
    if (ch === '"' || ch === '`') closer = ch;
    else if (ch === '“') closer = '”';
    else if (ch === '(' && text[i - 1] === ']') closer = ')';
    else if (ch === '<' && text.startsWith('http', i + 1)) closer = '>';
    if (closer) mask[i] = 1;
  }
  return mask;
}

/** Whether the line holding `offset` is a Markdown block quote (quoted customers, not the author). */
export function inBlockQuote(text: string, offset: number): boolean {
  let start = offset;
  // Lines are short in practice; the cap keeps a pathological line from costing more than a constant.
  // Lines end in LF, CRLF or a lone CR.
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r' && offset - start < 400) start--;
  while (start < offset && (text[start] === ' ' || text[start] === '\t')) start++;
  return text[start] === '>';
}
