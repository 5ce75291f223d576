import { appendSectionFix, defineStoryRule, sectionsOf } from '../core/api';

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
  check({ story, text, report }) {
    if (sectionsOf(story, 'outcome').length > 0) return;
    report({
      messageId: 'missing',
      span: story.titleSpan,
      fix: appendSectionFix(story, text, 'Insert an Outcome section', 'Outcome', ['[metric] from [baseline] to [target] by [date]']),
    });
  },
});
