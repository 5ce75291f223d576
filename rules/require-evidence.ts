import { defineStoryRule, type Section, sectionsOf, type Word, words } from '../core';
import { EVIDENCE_SOURCE_STEMS, isNumber, MONTHS, stemLite } from './lexicon/sections';

/** A ticket or issue reference as written: "SUP-1234", "#482". */
const TICKET_ID = /^(?:[A-Z][A-Z0-9]{1,9}-\d{1,7}|#\d{1,7})$/;
const QUARTER = /^q[1-4]$/;

/** Something a reader could check: a count, a date, a quarter. A capitalised month, not "may". */
function isSpecific(word: Word, plain: string): boolean {
  if (isNumber(word.word) || QUARTER.test(word.word)) return true;
  return MONTHS.has(word.word) && word.word.length > 3 && plain[word.start] !== plain[word.start]!.toLowerCase();
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
function hasSpecificSource(section: Section): boolean {
  const plain = section.content.text;
  let source = false;
  let specific = false;
  let previousEnd = 0;
  for (const word of words(plain)) {
    // Source and specifics must share a sentence: "Users complain. We ship in May." cites nothing.
    if (/[.!?;\n]/.test(plain.slice(previousEnd, word.start))) source = specific = false;
    previousEnd = word.end;
    if (EVIDENCE_SOURCE_STEMS.has(stemLite(word.word))) source = true;
    if (isSpecific(word, plain)) specific = true;
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
  options: {},
  messages: {
    noEvidence: 'The problem cites no evidence: say how you know it is real, with a source and specifics (e.g. "14 support tickets in March", "interviews with 6 nurses, May 2024", a link to the research).',
  },
  check({ story, text, report }) {
    const sections = sectionsOf(story, 'problem');
    if (sections.length === 0) return;
    if (sections.some((section) => citesSource(section, text) || hasSpecificSource(section))) return;
    report({ messageId: 'noEvidence', span: sections[0]!.nameSpan });
  },
});
