import { appendSectionFix, defineStoryRule, sectionsOf } from '../core/api';

/** The outcome the fix inserts; measurable-outcome reports its placeholders until they are replaced. */
export const OUTCOME_TEMPLATE = '{metric} from {baseline} to {target} by {date}';

export default defineStoryRule({
  name: 'require-outcome',
  description: 'A story states the outcome it should cause: the change in behaviour or results that makes it worth building.',
  tags: ['outcome'],
  fixable: true,
  severity: 'warning',
  needsSections: true,
  answers: { question: 'outcome' },
  options: {},
  messages: {
    missing: 'No outcome: add an "Outcome" section naming the metric this story moves and the target (e.g. "activation from 40% to 55% by Q3").',
  },
  check(context) {
    const { story, report } = context;
    if (sectionsOf(story, 'outcome').length > 0) return;
    report({
      messageId: 'missing',
      span: story.titleSpan,
      fix: appendSectionFix(context, { title: 'Insert an Outcome section', kind: 'outcome', name: 'Outcome', body: [OUTCOME_TEMPLATE] }),
    });
  },
});
