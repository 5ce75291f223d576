// How often each statement rule fires on the real backlogs of ../shared/corpus: `npm run corpus`.
import { rules } from '../rules';
import { corpusAvailable, firingCounts, judgesOneLineStories, lintCorpus, readCorpus } from './corpus';

if (!corpusAvailable()) {
  console.error('storylint: ../shared/corpus/dalpiaz2018 not found next to the repository; nothing to measure.');
  process.exit(2);
}
const corpus = readCorpus();
const statementRules = rules.filter(judgesOneLineStories);
const linted = lintCorpus(corpus, statementRules);
const storyCount = linted.reduce((sum, { result }) => sum + result.stories.length, 0);
console.log(`${corpus.length} corpus stories, ${storyCount} stories found by the parser, ${linted.length} backlogs (each linted as its own backlog)`);
const sample = process.argv.includes('--sample');
for (const { rule, stories } of firingCounts(linted, statementRules.map((rule) => rule.name))) {
  const share = ((100 * stories) / storyCount).toFixed(1);
  console.log(`${rule.padEnd(20)} fires on ${String(stories).padStart(4)} stories (${share}%)`);
  if (sample) {
    const fired = linted.flatMap(({ result }) => result.findings.filter((f) => f.ruleId === rule).map((f) => ({ result, f })));
    for (const { result, f } of fired.slice(0, 8)) {
      const story = result.stories[f.storyIndex ?? 0];
      console.log(`    ${result.filePath}:${f.line} ${story?.statement?.text ?? story?.unrecognised?.text ?? ''}`.slice(0, 200));
    }
  }
}
