/** How many stories `largeBacklog` writes: three findings each passes the editor's 1,000 per file. */
export const LARGE_BACKLOG_STORIES = 410;

/**
 * A backlog of 410 stories without problem, outcome or criteria; the last 40 also without a
 * benefit. By position those 40 would be the findings past the editor's limit: the tests make them
 * errors and check they are shown first. Shared by the stdio and the real-editor tests.
 */
export function largeBacklog(idPrefix: string): string {
  const stories = Array.from({ length: LARGE_BACKLOG_STORIES }, (_, i) => {
    const benefit = i < LARGE_BACKLOG_STORIES - 40 ? ', so that the customer pays on time' : '';
    return `## ${idPrefix}-${i + 1} Reminder ${i + 1}\n\nAs an accountant, I want to send reminder ${i + 1} for an overdue invoice${benefit}.\n`;
  });
  return `# Invoicing backlog\n\n${stories.join('\n')}`;
}
