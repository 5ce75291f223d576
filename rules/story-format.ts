import { defineStoryRule, detectEol, type Fix, type Story } from '../core';

/** The skeleton the fix inserts. Braces, not angle brackets: Markdown would drop "<role>" as an HTML tag. */
export const STATEMENT_SKELETON = 'As a {role}, I want {capability}, so that {benefit}';

const PART_NAMES: Record<string, string> = { role: 'role ("As a …")', means: 'capability ("I want …")', situation: 'situation ("When …")', ends: 'benefit ("so that …")' };

/** The offset after the line break that ends the line at `offset` (\n, \r\n or a lone \r). */
function lineAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return Math.min(text.length, i + 1);
}

/** Inserts the skeleton as the story's first paragraph: under its heading, after any title heading of a file story. */
function insertSkeletonFix(story: Story, text: string): Fix {
  const eol = detectEol(text);
  let at = story.bodyStart;
  if (story.kind === 'file') {
    // A file story's body often opens with its title heading; the statement goes below it. A
    // section heading ("# Goal") is not a title: the statement goes above it.
    let first = at;
    while (first < text.length && /\s/.test(text[first]!)) first++;
    const isSection = story.sections.some((section) => section.span[0] === first);
    if (!isSection && /^#{1,6}(?:[ \t]|\r?\n|$)/.test(text.slice(first, first + 8))) {
      at = lineAfter(text, first);
    }
  }
  const before = at > 0 && !/[\r\n]/.test(text[at - 1]!) ? eol : '';
  const rest = text.slice(at, at + 200);
  const nextLineBlank = rest === '' || /^[ \t]*(?:\r\n|\r|\n)/.test(rest);
  return {
    title: 'Insert a statement skeleton',
    edits: [{ span: [at, at], text: `${before}${eol}${STATEMENT_SKELETON}${eol}${nextLineBlank ? '' : eol}` }],
  };
}

export default defineStoryRule({
  name: 'story-format',
  description: 'A story states who wants what in a recognised template ("As a <role>, I want <capability>").',
  tags: ['statement'],
  fixable: true,
  severity: 'error',
  options: {},
  messages: {
    missing: 'No story statement: write who needs what, e.g. "As a <role>, I want <capability>, so that <benefit>".',
    unrecognised: 'The first paragraph ("{start}") is not a story statement: rewrite it as "As a <role>, I want <capability>, so that <benefit>" and move the rest to notes.',
    incomplete: 'The statement has no {parts}: say who needs it and what they need to do, e.g. "As a <role>, I want <capability>".',
  },
  check({ story, text, report }) {
    const statement = story.statement;
    if (!statement) {
      const fix = insertSkeletonFix(story, text);
      if (story.unrecognised) {
        const start = story.unrecognised.text.length > 40 ? `${story.unrecognised.text.slice(0, 40).trimEnd()}…` : story.unrecognised.text;
        report({ messageId: 'unrecognised', span: story.unrecognised.span, data: { start }, fix });
      } else report({ messageId: 'missing', span: story.titleSpan, fix });
      return;
    }
    const missing = statement.missing.filter((part) => part !== 'ends');
    if (missing.length === 0) return;
    report({ messageId: 'incomplete', span: statement.span, data: { parts: missing.map((part) => PART_NAMES[part] ?? part).join(' and ') } });
  },
});
