import { defineStoryRule, mapSpan, type Section, words } from '../core/api';
import { HEDGES } from './lexicon/hedges';
import { inBlockQuote, quotedMask } from './quoted-text';

const OPEN_QUESTIONS: ReadonlySet<string> = new Set(['tbd', 'todo', 'tbc']);

export default defineStoryRule({
  name: 'unvalidated-assumption',
  description: 'Outcome and problem sections state what the team knows, not what it believes or has not decided.',
  tags: ['problem', 'outcome'],
  fixable: false,
  severity: 'info',
  needsSections: true,
  checksOutcomes: true,
  options: {},
  messages: {
    hedge: 'Unvalidated assumption ("{phrase}") in the {section}: test it before building on it, or cite what confirms it (interviews, data, an experiment).',
    openQuestion: 'Open question ("{phrase}") in the {section}: answer it, or say how and by when the team will find out.',
  },
  check({ story, text, report }) {
    const reportAt = (section: Section, start: number, end: number, phrase: string, open: boolean): void => {
      const span = mapSpan(section.content, start, end);
      // Customers quoted in a block quote or in quotation marks may hedge; the author's claims may not.
      if (section.style !== 'front-matter' && inBlockQuote(text, span[0])) return;
      report({ messageId: open ? 'openQuestion' : 'hedge', span, data: { phrase, section: section.kind } });
    };
    for (const section of story.sections) {
      if (section.kind !== 'outcome' && section.kind !== 'problem') continue;
      const plain = section.content.text;
      const quoted = quotedMask(plain);
      for (const match of HEDGES.findAll(words(plain))) {
        const [start, end] = match.span;
        if (quoted[start]) continue;
        reportAt(section, start, end, plain.slice(start, end), OPEN_QUESTIONS.has(match.phrase));
      }
      // "???": a run of two or more question marks.
      for (let i = plain.indexOf('??'); i !== -1; i = plain.indexOf('??', i)) {
        let end = i;
        while (plain[end] === '?') end++;
        if (!quoted[i]) reportAt(section, i, end, plain.slice(i, end), true);
        i = end;
      }
    }
  },
});
