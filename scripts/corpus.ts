import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
