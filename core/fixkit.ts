import type { Story } from './model';
import type { Fix } from './rule';
import { detectEol } from './text';

/**
 * A fix that appends a section to a story: a sub-heading one level below the story's heading (a
 * level-2 heading in a file story) followed by a template the author fills in.
 */
export function appendSectionFix(story: Story, text: string, title: string, name: string, body: readonly string[]): Fix {
  const eol = detectEol(text);
  const level = Math.min(6, (story.headingLevel ?? 1) + 1);
  const insertion = [eol, eol, '#'.repeat(level), ' ', name, eol, eol, body.join(eol)].join('');
  // Keep a line ending after the insertion when the story is followed by more text.
  const tail = story.contentEnd < text.length ? '' : eol;
  return { title, edits: [{ span: [story.contentEnd, story.contentEnd], text: insertion + tail }] };
}
