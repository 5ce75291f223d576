import type { BacklogEntry } from './rule';

/** The file name without its folders: messages stay short, the full location is in `related`. */
const baseName = (filePath: string): string => filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);

/**
 * How a backlog message, reported on `from`, names another story: "line 12 (PAY-12 Refund a card
 * payment)" in the same file, "checkout.md:74 (…)" in another one.
 */
export function describeStory(entry: BacklogEntry, from: BacklogEntry): string {
  const { story } = entry;
  const label = [story.id?.text, story.title].filter(Boolean).join(' ');
  const short = label.length > 60 ? `${label.slice(0, 60).trimEnd()}…` : label;
  const where = entry.filePath === from.filePath ? `line ${entry.line}` : `${baseName(entry.filePath)}:${entry.line}`;
  return `${where}${short ? ` (${short})` : ''}`;
}
