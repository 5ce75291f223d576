import { type Criterion, defineStoryRule, firstPlaceholder, mapSpan, type Word, words } from '../core/api';

type Step = 'given' | 'when' | 'then';
const STEPS: ReadonlySet<string> = new Set<Step>(['given', 'when', 'then']);

interface Keyword {
  step: Step;
  word: Word;
  /** At the start of a line or right after a comma, semicolon or colon: surely a step keyword. */
  strong: boolean;
}

/** The step keywords of a criterion, in order. "and then" inside a step is prose, not a keyword. */
function keywordsOf(plain: string, list: readonly Word[]): Keyword[] {
  const found: Keyword[] = [];
  list.forEach((word, index) => {
    if (!STEPS.has(word.word)) return;
    const previous = list[index - 1];
    const gap = plain.slice(previous ? previous.end : 0, word.start);
    const strong = !previous || /[\n,;:]/.test(gap);
    if (!strong && previous && (previous.word === 'and' || previous.word === 'but' || previous.word === 'or')) return;
    found.push({ step: word.word as Step, word, strong });
  });
  return found;
}

/**
 * The Given/When/Then sequence: keywords in strong positions, plus a mid-sentence "when" or "then"
 * only where no strong one of that step exists ("Given a cart when I pay then ...").
 */
function stepsOf(criterion: Criterion): Keyword[] | undefined {
  const list = words(criterion.text);
  const keywords = keywordsOf(criterion.text, list);
  const first = keywords[0];
  // Only criteria that open with a step keyword are checked; prose criteria are not Gherkin.
  // One that opens with "Then" is a scenario written back to front, not prose.
  if (!first || first.word !== list[0]) return undefined;
  const strongSteps = new Set(keywords.filter((k) => k.strong).map((k) => k.step));
  return keywords.filter((k) => k.strong || !strongSteps.has(k.step));
}

const firstOf = (steps: readonly Keyword[], step: Step): Keyword | undefined => steps.find((k) => k.step === step);

const RANK: Record<Step, number> = { given: 0, when: 1, then: 2 };
const LABEL: Record<Step, string> = { given: 'Given', when: 'When', then: 'Then' };

/** The first step that comes before a step it should follow, and the earliest step it should follow. */
function outOfOrder(steps: readonly Keyword[]): { keyword: Keyword; expected: Step } | undefined {
  const firsts = (['given', 'when', 'then'] as const)
    .map((step) => firstOf(steps, step))
    .filter((k): k is Keyword => k !== undefined)
    .sort((a, b) => a.word.start - b.word.start);
  for (const [index, keyword] of firsts.entries()) {
    const later = firsts.slice(index + 1).filter((k) => RANK[k.step] < RANK[keyword.step]);
    if (later.length > 0) {
      return { keyword, expected: later.reduce((a, b) => (RANK[a.step] <= RANK[b.step] ? a : b)).step };
    }
  }
  return undefined;
}

export default defineStoryRule({
  name: 'gherkin-complete',
  description: 'A Given/When/Then criterion has its When and its Then, in that order.',
  tags: ['acceptance'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  options: {},
  messages: {
    missingThen: 'Scenario without a Then: add the observable result a tester checks ("then the refund appears on the statement").',
    missingWhen: 'Scenario without a When: add the action that leads to the result ("when I refund the payment").',
    outOfOrder: '"{keyword}" comes before "{expected}": write the scenario as Given (context), When (action), Then (result).',
  },
  check({ story, text, report }) {
    for (const criterion of story.criteria) {
      // "Given [context], when [action], then …": require-acceptance-criteria asks for it to be written.
      if (firstPlaceholder(criterion, { source: text })) continue;
      const steps = stepsOf(criterion);
      if (!steps) continue;
      const misplaced = outOfOrder(steps);
      if (misplaced) {
        const { keyword, expected } = misplaced;
        const span = mapSpan(criterion, keyword.word.start, keyword.word.end);
        const text = criterion.text.slice(keyword.word.start, keyword.word.end);
        report({ messageId: 'outOfOrder', span, data: { keyword: text, expected: LABEL[expected] } });
      } else if (!firstOf(steps, 'then')) {
        report({ messageId: 'missingThen', span: criterion.span });
      } else if (!firstOf(steps, 'when')) {
        report({ messageId: 'missingWhen', span: criterion.span });
      }
    }
  },
});
