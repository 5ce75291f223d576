import { type BacklogEntry, defineBacklogRule, describeStory } from '../core/api';

/** Ids compare without case and surrounding space: "PAY-12" and "pay-12 " are one id. */
const idOf = (entry: BacklogEntry): string | undefined => entry.story.id?.text.trim().toLowerCase();

export default defineBacklogRule({
  name: 'unique-id',
  description: 'Each story id is used by one story only.',
  tags: ['backlog'],
  fixable: false,
  severity: 'error',
  options: {},
  messages: {
    duplicate: 'Id {id} is also used at {other}: give one of the stories a new id so links, commits and reports point at one story.',
  },
  neighbourhood: (entry) => {
    const id = idOf(entry);
    return { keys: id ? [id] : [] };
  },
  check({ stories, report }) {
    const byId = new Map<string, BacklogEntry[]>();
    for (const entry of stories) {
      const id = idOf(entry);
      if (!id) continue;
      const group = byId.get(id);
      if (group) group.push(entry);
      else byId.set(id, [entry]);
    }
    for (const group of byId.values()) {
      if (group.length < 2) continue;
      // Every holder of the id is told, each pointing at another one: whichever file is open shows it.
      group.forEach((entry, index) => {
        const other = group[index === 0 ? 1 : 0]!;
        report(entry, {
          messageId: 'duplicate',
          span: entry.story.id!.span,
          data: { id: entry.story.id!.text, other: describeStory(other, entry) },
          related: [{ filePath: other.filePath, span: other.story.id!.span, message: `Id ${other.story.id!.text} is also used here.` }],
        });
      });
    }
  },
});
