import { appendSectionFix, defineStoryRule, sectionsOf } from '../core';

export default defineStoryRule({
  name: 'require-problem',
  description: 'A story says which customer problem it solves and how the team knows the problem is real.',
  tags: ['problem'],
  fixable: true,
  severity: 'warning',
  needsSections: true,
  options: {},
  messages: {
    missing: 'No problem statement: add a "Problem" section saying who struggles with what today and how you know (interviews, tickets, analytics).',
  },
  check({ story, text, report }) {
    if (sectionsOf(story, 'problem').length > 0) return;
    report({
      messageId: 'missing',
      span: story.titleSpan,
      fix: appendSectionFix(story, text, 'Insert a Problem section', 'Problem', [
        'Who struggles with what today, and how do we know?',
        '',
        'Source: [interviews / tickets / analytics] ([count], [date])',
      ]),
    });
  },
});
