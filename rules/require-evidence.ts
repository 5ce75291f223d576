import { defineStoryRule, type Placeholder, type Section, sectionPlaceholder, sectionsOf, type Word, words } from '../core/api';
import { EVIDENCE_SOURCES, MEASUREMENT_VERBS } from './lexicon/evidence';
import { isNumber, MONTHS } from './lexicon/quantities';
import { stemLite, stems } from './lexicon/stems';
import { PROBLEM_PROMPT } from './require-problem';

/** require-problem's template question counts as a placeholder until the author answers it. */
const PROMPTS: readonly string[] = [PROBLEM_PROMPT];

/** A ticket or issue reference as written: "SUP-1234", "#482". */
const TICKET_ID = /^(?:[A-Z][A-Z0-9]{1,9}-\d{1,7}|#\d{1,7})$/;
const QUARTER = /^q[1-4]$/;

/**
 * Something a reader could check: a count, a date, a quarter, a capitalised month or its abbreviation
 * ("Jan–Mar"). "May" opening a sentence is the verb.
 */
function isSpecific(word: Word, plain: string, sentenceStart: boolean): boolean {
  if (isNumber(word.word) || QUARTER.test(word.word)) return true;
  if (!MONTHS.has(word.word) || plain[word.start] === plain[word.start]!.toLowerCase()) return false;
  return word.word !== 'may' || !sentenceStart;
}

const sourceStems = new WeakMap<readonly string[], ReadonlySet<string>>();
function stemsOf(list: readonly string[]): ReadonlySet<string> {
  let set = sourceStems.get(list);
  if (!set) sourceStems.set(list, (set = stems(list.map((word) => word.toLowerCase()))));
  return set;
}

/** A link or a ticket reference anywhere in the section points at the evidence itself. */
function citesSource(section: Section, text: string): boolean {
  const raw = text.slice(section.span[0], section.span[1]);
  let at = raw.indexOf('http');
  while (at !== -1) {
    if (raw.startsWith('://', at + 4) || raw.startsWith('s://', at + 4)) return true;
    at = raw.indexOf('http', at + 4);
  }
  for (const token of raw.split(/[\s(),;:.!?[\]]+/)) if (TICKET_ID.test(token)) return true;
  return false;
}

/** A sentence that names a source together with something specific ("six nurses", "in May"). */
function hasSpecificSource(section: Section, sources: ReadonlySet<string>, measurements: ReadonlySet<string>): boolean {
  const plain = section.content.text;
  let source = false;
  let specific = false;
  let previousEnd = 0;
  for (const word of words(plain)) {
    // Source and specifics must share a sentence: "Users complain. We ship in May." cites nothing.
    const sentenceStart = previousEnd === 0 || /[.!?;\n]/.test(plain.slice(previousEnd, word.start));
    if (sentenceStart) source = specific = false;
    previousEnd = word.end;
    if (sources.has(stemLite(word.word)) || measurements.has(word.word)) source = true;
    if (isSpecific(word, plain, sentenceStart)) specific = true;
    if (source && specific) return true;
  }
  return false;
}

export default defineStoryRule({
  name: 'require-evidence',
  description: 'The problem cites evidence: a source (interviews, tickets, analytics...) with something specific (a count, a date, a link).',
  tags: ['problem'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  answers: { question: 'evidence' },
  options: {
    sources: { type: 'string[]', default: EVIDENCE_SOURCES, description: 'Words that name a source of evidence (interviews, tickets, analytics, telematics); "interviewed" and "interviews" match "interview".' },
    measurements: { type: 'string[]', default: MEASUREMENT_VERBS, description: 'Verbs of a measurement already made (timed, counted, logged), matched as written.' },
  },
  messages: {
    noEvidence: 'The problem cites no evidence: say how you know it is real, with a source and specifics (e.g. "14 support tickets in March", "interviews with 6 nurses, May 2024", a link to the research).',
    placeholder: 'The problem still holds the placeholder "{placeholder}": replace it with who struggles with what, and the source and specifics that show it (e.g. "14 support tickets in March").',
  },
  check({ story, text, options, report }) {
    const sections = sectionsOf(story, 'problem');
    if (sections.length === 0) return;
    const sources = stemsOf(options.sources);
    const measurements = new Set(options.measurements.map((word) => word.toLowerCase()));
    // A section that still holds a placeholder (require-problem's template, a "TODO") cites nothing yet.
    let placeholder: Placeholder | undefined;
    for (const section of sections) {
      const found = sectionPlaceholder(section, text, PROMPTS);
      if (found) placeholder ??= found;
      else if (citesSource(section, text) || hasSpecificSource(section, sources, measurements)) return;
    }
    if (placeholder) report({ messageId: 'placeholder', span: placeholder.span, data: { placeholder: placeholder.text } });
    else report({ messageId: 'noEvidence', span: sections[0]!.nameSpan });
  },
});
