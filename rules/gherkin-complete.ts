import { type Criterion, defineStoryRule, mapSpan, type Word, words } from '../core';

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
  // Only criteria written as Given/When/Then are checked; prose criteria are not Gherkin.
  if (!first || first.word !== list[0] || first.step === 'then') return undefined;
  const strongSteps = new Set(keywords.filter((k) => k.strong).map((k) => k.step));
  return keywords.filter((k) => k.strong || !strongSteps.has(k.step));
}

const firstOf = (steps: readonly Keyword[], step: Step): Keyword | undefined => steps.find((k) => k.step === step);

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
  check({ story, report }) {
    for (const criterion of story.criteria) {
      const steps = stepsOf(criterion);
      if (!steps) continue;
      const given = firstOf(steps, 'given');
      const when = firstOf(steps, 'when');
      const then = firstOf(steps, 'then');
      const spanOf = (keyword: Keyword) => mapSpan(criterion, keyword.word.start, keyword.word.end);
      const text = (keyword: Keyword) => criterion.text.slice(keyword.word.start, keyword.word.end);
      if (when && given && when.word.start < given.word.start) {
        report({ messageId: 'outOfOrder', span: spanOf(when), data: { keyword: text(when), expected: 'Given' } });
      } else if (then && when && then.word.start < when.word.start) {
        report({ messageId: 'outOfOrder', span: spanOf(then), data: { keyword: text(then), expected: 'When' } });
      } else if (!then) {
        report({ messageId: 'missingThen', span: criterion.span });
      } else if (!when) {
        report({ messageId: 'missingWhen', span: criterion.span });
      }
    }
  },
});
