import type { BacklogEntry } from './rule';

/** How a backlog message names another story: "stories.md:12 (PAY-12 Refund a card payment)". */
export function describeStory(entry: BacklogEntry): string {
  const { story } = entry;
  const label = [story.id?.text, story.title].filter(Boolean).join(' ');
  const short = label.length > 60 ? `${label.slice(0, 60).trimEnd()}…` : label;
  return `${entry.filePath}:${entry.line}${short ? ` (${short})` : ''}`;
}
