// Writes the corpus (Dalpiaz 2018, CC BY 4.0) as Markdown backlogs, one file per backlog, each story
// a heading story: generated data for the report and benchmarks. Never commit the output.
//   npm run corpus:markdown -- <output-folder>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backlogMarkdown, type CorpusStory, corpusAvailable, readCorpus } from './corpus';

const output = process.argv[2];
if (!output) {
  console.error('Usage: npm run corpus:markdown -- <output-folder>');
  process.exit(2);
}
if (!corpusAvailable()) {
  console.error('storylint: ../shared/corpus/dalpiaz2018 not found next to the repository.');
  process.exit(2);
}
const byBacklog = new Map<string, CorpusStory[]>();
for (const story of readCorpus()) byBacklog.set(story.backlog, [...(byBacklog.get(story.backlog) ?? []), story]);
mkdirSync(output, { recursive: true });
for (const [backlog, stories] of byBacklog) writeFileSync(join(output, backlog.replace(/\.txt$/, '.md')), backlogMarkdown(stories));
console.log(`${[...byBacklog.values()].reduce((sum, stories) => sum + stories.length, 0)} stories in ${byBacklog.size} backlogs written to ${output}`);
