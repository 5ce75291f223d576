import { appendSectionFix, defineStoryRule, firstPlaceholder, type Placeholder, type Span, type StatementPart } from '../core/api';

/** The skeleton the fix inserts. Braces, not angle brackets: Markdown would drop "<role>" as an HTML tag. */
export const STATEMENT_SKELETON = 'As a {role}, I want {capability}, so that {benefit}';

const PART_NAMES: Record<string, string> = { role: 'role ("As a …")', means: 'capability ("I want …")', situation: 'situation ("When …")', ends: 'benefit ("so that …")' };

/** What a part holding a placeholder should say instead. */
const PART_CONTENT: Record<StatementPart, string> = {
  role: 'the kind of user who needs this (e.g. "first-time buyer")',
  means: 'what they need to get done',
  situation: 'the situation they are in',
  ends: 'what they gain',
};

export default defineStoryRule({
  name: 'story-format',
  description: 'A story states who wants what in a recognised template ("As a {role}, I want {capability}").',
  tags: ['statement'],
  fixable: true,
  severity: 'error',
  options: {},
  messages: {
    missing: 'No story statement: write who needs what, e.g. "As a {role}, I want {capability}, so that {benefit}".',
    unrecognised: 'The first paragraph ("{start}") is not a story statement: rewrite it as "As a {role}, I want {capability}, so that {benefit}" and move the rest to notes.',
    incomplete: 'The statement has no {parts}: say who needs it and what they need to do, e.g. "As a {role}, I want {capability}".',
    placeholder: 'The statement still holds the placeholder "{placeholder}": replace it with {content}.',
    placeholders: 'The statement still holds the placeholders {placeholders}: replace them with {content}.',
  },
  check(context) {
    const { story, text, report } = context;
    const statement = story.statement;
    if (!statement) {
      // As the story's first paragraph: under its heading, after any title heading of a file story.
      const fix = appendSectionFix(context, { title: 'Insert a statement skeleton', kind: 'statement', body: [STATEMENT_SKELETON] })!;
      if (story.unrecognised) {
        const start = story.unrecognised.text.length > 40 ? `${story.unrecognised.text.slice(0, 40).trimEnd()}…` : story.unrecognised.text;
        report({ messageId: 'unrecognised', span: story.unrecognised.span, data: { start }, fix });
      } else report({ messageId: 'missing', span: story.titleSpan, fix });
      return;
    }
    const missing = statement.missing.filter((part) => part !== 'ends');
    if (missing.length > 0) {
      report({ messageId: 'incomplete', span: statement.span, data: { parts: missing.map((part) => PART_NAMES[part] ?? part).join(' and ') } });
    }
    // A part that still holds a placeholder is missing too: one finding for the statement, from the
    // first placeholder to the last. The benefit is require-benefit's, except in a job story, which
    // that rule does not check.
    const held: { part: StatementPart; placeholder: Placeholder }[] = [];
    for (const part of ['situation', 'role', 'means', 'ends'] as const) {
      const slice = statement.parts[part];
      if (!slice || (part === 'ends' && statement.template !== 'job-story')) continue;
      const placeholder = firstPlaceholder(statement, { start: slice.start, end: slice.end, source: text });
      if (placeholder) held.push({ part, placeholder });
    }
    if (held.length === 0) return;
    held.sort((a, b) => a.placeholder.start - b.placeholder.start);
    const span: Span = [held[0]!.placeholder.span[0], held[held.length - 1]!.placeholder.span[1]];
    const content = held.map(({ part }) => PART_CONTENT[part]).join(' and ');
    if (held.length === 1) report({ messageId: 'placeholder', span, data: { placeholder: held[0]!.placeholder.text, content } });
    else report({ messageId: 'placeholders', span, data: { placeholders: held.map(({ placeholder }) => `"${placeholder.text}"`).join(', '), content } });
  },
});
