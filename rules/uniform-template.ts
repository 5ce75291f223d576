import { defineBacklogRule } from '../core/api';

interface Options {
  minimumShare: number;
  minimumStories: number;
}

/**
 * The template the others are reported against and its share in percent, from the number of
 * stories per template; undefined when nothing is reported (too few statements, no template with
 * the minimum share, or one template only). On a tie the template first in name order leads, so
 * the verdict does not depend on the order of the files.
 */
function verdictOf(counts: ReadonlyMap<string, number>, options: Options): { majority: string; share: string } | undefined {
  let total = 0;
  let majority: string | undefined;
  let count = 0;
  for (const [template, n] of counts) {
    total += n;
    if (n > count || (n === count && majority !== undefined && template < majority)) [majority, count] = [template, n];
  }
  if (majority === undefined || total < options.minimumStories) return undefined;
  const share = count / total;
  if (share < options.minimumShare || count === total) return undefined;
  return { majority, share: String(Math.round(share * 100)) };
}

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
  // A story's finding depends on its own template and the template counts of the whole backlog:
  // an edit that leaves the majority and its share as they were re-checks only the edited stories.
  tally: {
    key: (entry) => entry.story.statement?.template,
    outcome: (counts, options) => {
      const verdict = verdictOf(counts, options);
      return verdict ? `${verdict.majority}\u0000${verdict.share}` : '';
    },
  },
  check({ stories, counts, options, report }) {
    const verdict = verdictOf(counts, options);
    if (!verdict) return;
    for (const entry of stories) {
      const statement = entry.story.statement;
      if (!statement || statement.template === verdict.majority) continue;
      report(entry, {
        messageId: 'different',
        span: statement.span,
        data: { template: statement.template, majority: verdict.majority, share: verdict.share },
      });
    }
  },
});
