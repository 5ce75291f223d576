import { type BacklogEntry, defineBacklogRule, type Fix, type Span } from '../core/api';
import { closestOutcomes, type DeclaredOutcome, declaredOutcomes, outcomeKey, outcomeLabel, rankOutcomes, sameId, storyText } from './outcome-match';

/** How many outcomes a finding offers to serve. */
const SUGGESTED = 3;

/** Where `**Serves:** <id>` goes: its own paragraph after the statement, or right below the heading. */
function servesEdit(entry: BacklogEntry, id: string): { span: Span; text: string } {
  const { story } = entry;
  const eol = entry.eol ?? '\n';
  const after = story.statement ?? story.unrecognised;
  if (after && after.span[0] >= story.bodyStart) return { span: [after.span[1], after.span[1]], text: `${eol}${eol}**Serves:** ${id}` };
  return { span: [story.bodyStart, story.bodyStart], text: `${eol}**Serves:** ${id}${eol}` };
}

const serveTitle = (outcome: DeclaredOutcome): string => `Serve ${outcome.id} (${outcomeLabel(outcome)})`;

export default defineBacklogRule({
  name: 'linked-outcome',
  description: 'Every story names the declared product outcome it serves, so the backlog traces to the team\'s goals.',
  tags: ['backlog', 'outcome'],
  fixable: false,
  severity: 'warning',
  checksOutcomes: true,
  options: {},
  messages: {
    noOutcome: 'This story names no product outcome it serves: add **Serves:** <id> with the declared outcome it moves (e.g. {candidates}), or question why the team builds it.',
    unknownOutcome: 'The story serves {id}, which no outcomes file declares: did you mean {closest}?',
  },
  // Findings depend on the story and the declared outcomes (ids, titles, metrics): a change to
  // those re-checks every story, an edit of a story only that story.
  tally: {
    key: (entry) => outcomeKey(entry),
    outcome: (counts) => [...counts.keys()].sort().join('\n'),
  },
  check({ stories, counts, settings, report }) {
    const outcomes = declaredOutcomes(counts);
    if (outcomes.length === 0) return;
    for (const entry of stories) {
      const { story } = entry;
      if (story.kind === 'outcome') continue;
      const serves = story.serves ?? [];
      const text = storyText(entry);
      for (const reference of serves) {
        if (outcomes.some((outcome) => sameId(outcome.id, reference.id))) continue;
        const closest = closestOutcomes(reference.id, text, outcomes).slice(0, SUGGESTED);
        const suggestions = closest.map((outcome): Fix => ({ title: serveTitle(outcome), edits: [{ span: reference.span, text: outcome.id }] }));
        report(entry, { messageId: 'unknownOutcome', span: reference.span, data: { id: reference.id, closest: closest[0]!.id }, suggestions });
      }
      if (serves.length > 0 || !settings.requireSectionsFor.includes(story.kind)) continue;
      const ranked = rankOutcomes(text, outcomes).slice(0, SUGGESTED);
      report(entry, {
        messageId: 'noOutcome',
        span: story.titleSpan,
        data: { candidates: ranked.map((outcome) => outcome.id).join(', ') },
        suggestions: ranked.map((outcome): Fix => ({ title: serveTitle(outcome), edits: [servesEdit(entry, outcome.id)] })),
      });
    }
  },
});
