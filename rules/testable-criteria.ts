import { defineStoryRule, firstPlaceholder, phraseMatcherFor, type Word, words } from '../core/api';
import { GHERKIN_STEPS } from './lexicon/gherkin';
import { isMultiple, isNumber } from './lexicon/quantities';
import { VAGUE_TERMS } from './lexicon/vague-terms';
import { quotedMask } from './quoted-text';

/** Terms no number can fix: they leave the list of cases open. */
const OPEN_ENDED: ReadonlySet<string> = new Set(['etc', 'and or', 'and so on']);
/** Amounts that, after "how", ask for a count instead of leaving it vague. */
const QUANTITY_QUESTIONS: ReadonlySet<string> = new Set(['many', 'much']);


/**
 * Clause of each word: a new clause starts after a line break, a comma or a sentence end, so the
 * "3" of "Given 3 items, when I open the cart, then it loads fast" does not excuse "fast".
 * Separators between digits ("1,000", "1.5") belong to the number.
 */
function clausesOf(raw: string, list: readonly Word[]): number[] {
  const clause: number[] = [];
  let current = 0;
  list.forEach((word, index) => {
    const previous = list[index - 1];
    if (previous) {
      const gap = raw.slice(previous.end, word.start);
      const insideNumber = gap.length === 1 && /\d$/.test(previous.word) && /^\d/.test(word.word);
      if (!insideNumber && /[,;.!?\n]/.test(gap)) current++;
    }
    clause.push(current);
  });
  return clause;
}

export default defineStoryRule({
  name: 'testable-criteria',
  description: 'Acceptance criteria use thresholds a tester can check, not vague terms such as "fast" or "user-friendly".',
  tags: ['acceptance'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  options: {
    vagueTerms: {
      type: 'string[]',
      default: VAGUE_TERMS,
      description: 'Words and phrases (fast, user-friendly, several) that make an acceptance criterion untestable without a threshold.',
    },
  },
  messages: {
    vague: 'Vague "{term}" in an acceptance criterion: replace it with a threshold a tester can check (e.g. "in under 2 seconds", "at most 5 results").',
    openEnded: 'Open-ended "{term}" in an acceptance criterion: list every case it covers, or split the criterion.',
  },
  check({ story, text, options, report }) {
    const matcher = phraseMatcherFor(options.vagueTerms);
    for (const criterion of story.criteria) {
      // A criterion still holding a placeholder is require-acceptance-criteria's finding.
      if (firstPlaceholder(criterion, { source: text })) continue;
      // The source text, so quoted UI labels, inline code and link addresses can be told apart.
      const raw = text.slice(criterion.span[0], criterion.span[1]);
      const list = words(raw);
      const quoted = quotedMask(raw);
      const clause = clausesOf(raw, list);
      const measured = new Set<number>();
      list.forEach((word, index) => {
        if (isNumber(word.word) || isMultiple(word.word)) measured.add(clause[index]!);
      });
      for (const match of matcher.findAll(list)) {
        if (quoted[list[match.first]!.start]) continue;
        if (match.last - match.first === 1 && GHERKIN_STEPS.has(match.phrase)) continue;
        // "then I see how many timesheets were approved": a count the tester reads, not a vague amount.
        if (QUANTITY_QUESTIONS.has(match.phrase) && list[match.first - 1]?.word === 'how') continue;
        const open = OPEN_ENDED.has(match.phrase);
        if (!open && measured.has(clause[match.first]!)) continue;
        const [start, end] = match.span;
        report({
          messageId: open ? 'openEnded' : 'vague',
          span: [criterion.span[0] + start, criterion.span[0] + end],
          data: { term: raw.slice(start, end) },
        });
      }
    }
  },
});
