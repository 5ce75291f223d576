import { appendSectionFix, defineStoryRule, sectionsOf } from '../core/api';

/**
 * The question the fix's template opens with, for the author to answer. require-evidence treats
 * it as a placeholder, like the template's "{interviews / tickets / analytics}".
 */
export const PROBLEM_PROMPT = 'Who struggles with what today, and how do we know?';

export default defineStoryRule({
  name: 'require-problem',
  description: 'A story says which customer problem it solves and how the team knows the problem is real.',
  tags: ['problem'],
  fixable: true,
  severity: 'warning',
  needsSections: true,
  answers: { question: 'evidence' },
  options: {},
  messages: {
    missing: 'No problem statement: add a "Problem" section saying who struggles with what today and how you know (interviews, tickets, analytics).',
  },
  check(context) {
    const { story, report } = context;
    if (sectionsOf(story, 'problem').length > 0) return;
    report({
      messageId: 'missing',
      span: story.titleSpan,
      fix: appendSectionFix(context, {
        title: 'Insert a Problem section',
        kind: 'problem',
        name: 'Problem',
        body: [PROBLEM_PROMPT, '', 'Source: {interviews / tickets / analytics} ({count}, {date})'],
      }),
    });
  },
});
