import { appendSectionFix, defineStoryRule, PhraseMatcher, sectionsOf, words } from '../core';

/** Text that stands in for criteria nobody has written yet. */
const PLACEHOLDERS = new PhraseMatcher([
  'todo', 'tbd', 'tba', 'tbc', 'to do', 'to be defined', 'to be decided', 'to be confirmed', 'to be added', 'fill in',
  'n/a', 'na', 'wip', 'xxx', 'coming soon', 'to be written', 'will add later', 'add later', 'add criteria',
]);

/** Nothing but punctuation: "...", "?", "-". */
const ONLY_PUNCTUATION = /^[\s?!.…\-–—_*]*$/;

function isPlaceholder(text: string): boolean {
  const list = words(text);
  if (list.length === 0 || ONLY_PUNCTUATION.test(text)) return true;
  // A criterion made only of placeholder words ("TBD", "TODO: write these") says nothing testable.
  const first = PLACEHOLDERS.matchAt(list, 0);
  return first !== undefined && list.length <= first.last + 3;
}

export default defineStoryRule({
  name: 'require-acceptance-criteria',
  description: 'A story lists acceptance criteria that tell the team when it is done.',
  tags: ['acceptance'],
  fixable: true,
  severity: 'error',
  needsSections: true,
  options: {
    minimum: { type: 'number', default: 1, minimum: 1, description: 'How many real (non-placeholder) criteria a story needs.' },
  },
  messages: {
    missing: 'No acceptance criteria: add an "Acceptance criteria" section with at least {minimum} testable item(s), e.g. "Given …, when …, then …".',
    empty: 'The acceptance criteria section is empty: add at least {minimum} testable item(s), e.g. "Given …, when …, then …".',
    placeholder: 'Acceptance criteria are only placeholders ({count} item(s) such as "TBD"): replace them with at least {minimum} testable item(s).',
    tooFew: 'Only {count} testable acceptance criterion/criteria: add at least {minimum}, e.g. the error case next to the happy path.',
  },
  check({ story, text, options, report }) {
    const real = story.criteria.filter((criterion) => !isPlaceholder(criterion.text));
    if (real.length >= options.minimum) return;
    const minimum = String(options.minimum);
    const section = sectionsOf(story, 'acceptance')[0];
    if (!section) {
      report({
        messageId: 'missing',
        span: story.titleSpan,
        data: { minimum },
        // Square brackets, not <angle brackets>: Markdown would hide those as HTML tags.
        fix: appendSectionFix(story, text, 'Insert an Acceptance criteria section', 'Acceptance criteria', [
          '- [ ] Given [context], when [action], then [observable result]',
        ]),
      });
    } else if (story.criteria.length === 0) {
      report({ messageId: 'empty', span: section.nameSpan, data: { minimum } });
    } else if (real.length === 0) {
      report({ messageId: 'placeholder', span: section.nameSpan, data: { count: String(story.criteria.length), minimum } });
    } else {
      report({ messageId: 'tooFew', span: section.nameSpan, data: { count: String(real.length), minimum } });
    }
  },
});
