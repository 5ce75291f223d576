import { buildStories, DEFAULT_SETTINGS, defaultOptions, LineIndex, lintFiles, parseDirectives, scan, tallyCounts } from '../../core';
import { rules } from '../../rules';

const noop = () => {};

/**
 * The stages of a lint as separate runnable steps, so a slow one is named: the scanner, the story
 * builder (Markdown parse and statement parser), directives, the whole engine, then each rule on
 * the stories built once.
 */
export function lintStages(text: string): Map<string, () => void> {
  const parsed = buildStories(text, { settings: DEFAULT_SETTINGS });
  const lines = new LineIndex(text);
  const entries = parsed.stories.map((story) => ({ filePath: 'story.md', story, line: lines.position(story.titleSpan[0]).line }));
  const stages = new Map<string, () => void>([
    ['scan', () => scan(text)],
    ['build stories', () => buildStories(text, { settings: DEFAULT_SETTINGS })],
    ['directives', () => parseDirectives(parsed.comments, lines)],
    ['whole lint', () => lintFiles([{ filePath: 'story.md', text }], { rules })],
  ]);
  for (const rule of rules) {
    const options = defaultOptions(rule.options);
    stages.set(rule.name, () => {
      if (rule.scope === 'backlog') rule.check({ stories: entries, counts: tallyCounts(rule.tally, entries, options), options, settings: DEFAULT_SETTINGS, report: noop });
      else for (const story of parsed.stories) rule.check({ story, text, options, settings: DEFAULT_SETTINGS, report: noop });
    });
  }
  return stages;
}

/** The fastest of `runs` runs, in ms: the run least disturbed by other processes and the GC. */
export function fastestRun(work: () => void, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
