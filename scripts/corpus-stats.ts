// How often each statement rule fires on the real backlogs of ../shared/corpus: `npm run corpus`.
import { lintFiles } from '../core';
import { rules } from '../rules';
import { backlogMarkdown, corpusAvailable, readCorpus } from './corpus';

const STATEMENT_RULES = new Set(['story-format', 'require-benefit', 'specific-role', 'atomic-story', 'minimal-statement', 'problem-oriented', 'outcome-not-output', 'unique-story', 'unique-id', 'uniform-template']);

if (!corpusAvailable()) {
  console.error('storylint: ../shared/corpus/dalpiaz2018 not found next to the repository; nothing to measure.');
  process.exit(2);
}
const corpus = readCorpus();
const byBacklog = new Map<string, typeof corpus>();
for (const story of corpus) byBacklog.set(story.backlog, [...(byBacklog.get(story.backlog) ?? []), story]);
const statementRules = rules.filter((rule) => STATEMENT_RULES.has(rule.name));
const results = lintFiles(
  [...byBacklog].map(([backlog, stories]) => ({ filePath: backlog.replace(/\.txt$/, '.md'), text: backlogMarkdown(stories) })),
  { rules: statementRules },
);
const storyCount = results.reduce((sum, result) => sum + result.stories.length, 0);
console.log(`${corpus.length} corpus stories, ${storyCount} stories found by the parser, ${results.length} backlogs`);
const sample = process.argv.includes('--sample');
for (const rule of statementRules) {
  const fired = results.flatMap((result) => result.findings.filter((f) => f.ruleId === rule.name).map((f) => ({ result, f })));
  const stories = new Set(fired.map(({ result, f }) => `${result.filePath}#${f.storyIndex}`));
  const share = ((100 * stories.size) / storyCount).toFixed(1);
  console.log(`${rule.name.padEnd(20)} fires on ${String(stories.size).padStart(4)} stories (${share}%)`);
  if (sample) {
    for (const { result, f } of fired.slice(0, 8)) {
      const story = result.stories[f.storyIndex ?? 0];
      console.log(`    ${result.filePath}:${f.line} ${story?.statement?.text ?? story?.unrecognised?.text ?? ''}`.slice(0, 200));
    }
  }
}
