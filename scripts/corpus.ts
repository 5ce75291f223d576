import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AnyRule, type FileResult, lintFiles } from '../core';

/** The real backlogs of Dalpiaz (2018), CC BY 4.0, beside the repository as ../shared/corpus. */
export const CORPUS_DIR = join(__dirname, '..', '..', 'shared', 'corpus', 'dalpiaz2018');

export interface CorpusStory {
  /** Backlog file name, e.g. "g03-loudoun.txt". */
  backlog: string;
  /** 1-based line in that file. */
  line: number;
  /** The story as its team wrote it, without the "#G03# " prefix. */
  text: string;
}

export function corpusAvailable(dir = CORPUS_DIR): boolean {
  return existsSync(dir);
}

export function readCorpus(dir = CORPUS_DIR): CorpusStory[] {
  const stories: CorpusStory[] = [];
  for (const backlog of readdirSync(dir).filter((name) => name.endsWith('.txt')).sort()) {
    readFileSync(join(dir, backlog), 'utf8')
      .split(/\r?\n/)
      .forEach((raw, index) => {
        const text = raw.replace(/^#G\d+#\s*/, '').trim();
        if (text) stories.push({ backlog, line: index + 1, text });
      });
  }
  return stories;
}

/** Short id of a corpus story, e.g. "g03-12". */
export const corpusId = (story: CorpusStory): string => `${story.backlog.split('-')[0]}-${story.line}`;

/**
 * One backlog as Markdown: each story a heading story with its id, so story-format judges every
 * line (a line that is no statement is still a story of the backlog).
 */
export function backlogMarkdown(stories: readonly CorpusStory[]): string {
  return stories.map((story) => `### ${corpusId(story).toUpperCase()}\n\n${escapeMarkdown(story.text)}\n`).join('\n');
}

/** Keeps a story's text literal: characters that would start Markdown blocks are escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/^([#>*+-]|\d+[.)])/, '\\$1').replace(/</g, '&lt;');
}

/**
 * Rules that can judge a one-line corpus story: the statement rules (those that need no sections)
 * and the backlog rules. Read from each rule's metadata, so a new rule needs no entry here.
 */
export const judgesOneLineStories = (rule: AnyRule): boolean => rule.scope === 'backlog' || !rule.needsSections;

/** One corpus backlog linted on its own, with the parsed stories of each of its lines. */
export interface LintedBacklog {
  backlog: string;
  /** The backlog's corpus stories, in file order. */
  stories: CorpusStory[];
  result: FileResult;
  /** For each corpus story (same order as `stories`), the indexes in `result.stories` it was parsed into. */
  parsedIndexes: number[][];
}

/**
 * Lints each backlog of the corpus as one Markdown file (see backlogMarkdown) and as its own backlog,
 * so backlog rules such as unique-story compare a story only with its own team's stories.
 */
export function lintCorpus(corpus: readonly CorpusStory[], rules: readonly AnyRule[]): LintedBacklog[] {
  const byBacklog = new Map<string, CorpusStory[]>();
  for (const story of corpus) byBacklog.set(story.backlog, [...(byBacklog.get(story.backlog) ?? []), story]);
  return [...byBacklog].map(([backlog, stories]) => {
    // backlogMarkdown joins one block per story, so each block's offsets tell which story a parsed story came from.
    const blocks = stories.map((story) => backlogMarkdown([story]));
    const result = lintFiles([{ filePath: backlog.replace(/\.txt$/, '.md'), text: blocks.join('\n') }], { rules })[0]!;
    let blockStart = 0;
    const parsedIndexes = blocks.map((block) => {
      const start = blockStart;
      blockStart += block.length + 1;
      return result.stories.flatMap((story, index) => (story.titleSpan[0] >= start && story.titleSpan[0] < start + block.length ? [index] : []));
    });
    return { backlog, stories, result, parsedIndexes };
  });
}

/** How many parsed stories of the linted corpus each rule fires on, in the order of `ruleNames`. */
export function firingCounts(linted: readonly LintedBacklog[], ruleNames: readonly string[]): { rule: string; stories: number }[] {
  return ruleNames.map((rule) => ({
    rule,
    stories: linted.reduce(
      (sum, { result }) => sum + new Set(result.findings.filter((f) => f.ruleId === rule && f.storyIndex !== undefined).map((f) => f.storyIndex)).size,
      0,
    ),
  }));
}
