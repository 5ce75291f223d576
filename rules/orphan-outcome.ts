import { defineBacklogRule } from '../core/api';

export default defineBacklogRule({
  name: 'orphan-outcome',
  description: 'Every declared product outcome is served by at least one story, or it is a goal nobody works on.',
  tags: ['backlog', 'outcome'],
  fixable: false,
  severity: 'info',
  checksOutcomes: true,
  options: {},
  messages: {
    unserved: 'No story serves {id} ({title}): trace the stories that move it with **Serves:** {id}, or retire the outcome if the team no longer pursues it.',
  },
  // An outcome is filed under its id; a story looks up the ids it serves (ids compare case aside).
  neighbourhood: (entry) => {
    const { story } = entry;
    if (story.kind === 'outcome') return { keys: story.id ? [story.id.text.toLowerCase()] : [] };
    return { keys: [], probes: (story.serves ?? []).map((reference) => reference.id.toLowerCase()) };
  },
  check({ stories, report }) {
    const served = new Set<string>();
    for (const { story } of stories) if (story.kind !== 'outcome') for (const reference of story.serves ?? []) served.add(reference.id.toLowerCase());
    for (const entry of stories) {
      const { id, kind, title } = entry.story;
      if (kind !== 'outcome' || !id || served.has(id.text.toLowerCase())) continue;
      report(entry, { messageId: 'unserved', span: id.span, data: { id: id.text, title } });
    }
  },
});
