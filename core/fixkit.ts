import type { Story } from './model';
import type { Fix } from './rule';
import { detectEol } from './text';

/**
 * A fix that appends a section to a story: a sub-heading one level below the story's heading (a
 * level-2 heading in a file story, a bold lead-in under a level-6 heading) followed by a template the author fills in. None when the story
 * ends inside an unclosed fence, where the section would become code.
 */
export function appendSectionFix(story: Story, text: string, title: string, name: string, body: readonly string[]): Fix | undefined {
  if (story.endsInOpenBlock) return undefined;
  const eol = detectEol(text);
  // Same level as the story's other section headings, so the new one is not nested inside them.
  const sectionLevels = story.sections.flatMap((section) => (section.level ? [section.level] : []));
  const level = sectionLevels.length > 0 ? Math.min(...sectionLevels) : (story.headingLevel ?? 1) + 1;
  // Below a level-6 heading there is no sub-heading level left: a bold lead-in opens the section.
  const opening = level > 6 ? `**${name}:**` : `${'#'.repeat(level)} ${name}`;
  const insertion = [eol, eol, opening, eol, eol, body.join(eol)].join('');
  // Keep a line ending after the insertion when the story is followed by more text.
  const tail = story.contentEnd < text.length ? '' : eol;
  return { title, edits: [{ span: [story.contentEnd, story.contentEnd], text: insertion + tail }] };
}
