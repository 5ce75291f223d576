import { defineBacklogRule } from '../core';

export default defineBacklogRule({
  name: 'uniform-template',
  description: 'Stories in a backlog follow the same statement template.',
  tags: ['backlog', 'statement'],
  fixable: false,
  severity: 'info',
  options: {
    minimumShare: { type: 'number', default: 0.6, minimum: 0, description: 'Share of stories (0-1) the most used template needs before others are reported.' },
    minimumStories: { type: 'number', default: 5, minimum: 1, description: 'How many stories with a statement the backlog needs before templates are compared.' },
  },
  messages: {
    different: 'This story uses the {template} template while {share}% of the backlog uses {majority}: rewrite it in the {majority} form so the backlog reads and compares uniformly.',
  },
  check({ stories, options, report }) {
    const withStatement = stories.filter((entry) => entry.story.statement);
    if (withStatement.length < options.minimumStories) return;
    const counts = new Map<string, number>();
    for (const entry of withStatement) counts.set(entry.story.statement!.template, (counts.get(entry.story.statement!.template) ?? 0) + 1);
    const [majority, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const share = count / withStatement.length;
    if (share < options.minimumShare || count === withStatement.length) return;
    for (const entry of withStatement) {
      const statement = entry.story.statement!;
      if (statement.template === majority) continue;
      report(entry, {
        messageId: 'different',
        span: statement.span,
        data: { template: statement.template, majority, share: String(Math.round(share * 100)) },
      });
    }
  },
});
