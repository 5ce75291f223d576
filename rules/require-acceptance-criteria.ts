import { appendSectionFix, defineStoryRule, PhraseMatcher, words } from '../core';

/** Text that stands in for criteria nobody has written yet. */
const PLACEHOLDERS = new PhraseMatcher(['todo', 'tbd', 'tba', 'to do', 'to be defined', 'to be decided', 'fill in', 'n/a', 'na', 'wip', 'xxx']);

function isPlaceholder(text: string): boolean {
  const list = words(text);
  if (list.length === 0) return true;
  if (/^[\s?!.…-]*$/.test(text)) return true;
  // A criterion made only of placeholder words ("TBD", "TODO: write these") says nothing testable.
  const matches = PLACEHOLDERS.findAll(list);
  return matches.length > 0 && matches[0]!.first === 0 && list.length <= matches[0]!.last + 3;
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
    placeholder: 'Acceptance criteria are only placeholders ({found}): replace them with at least {minimum} testable item(s).',
  },
  check({ story, text, options, report }) {
    const real = story.criteria.filter((criterion) => !isPlaceholder(criterion.text));
    if (real.length >= options.minimum) return;
    const section = story.sections.find((candidate) => candidate.kind === 'acceptance');
    if (section) {
      const found = story.criteria.length === 0 ? 'the section is empty' : `${story.criteria.length} placeholder item(s)`;
      report({ messageId: 'placeholder', span: section.nameSpan, data: { found, minimum: String(options.minimum) } });
      return;
    }
    report({
      messageId: 'missing',
      span: story.titleSpan,
      data: { minimum: String(options.minimum) },
      fix: appendSectionFix(story, text, 'Insert an Acceptance criteria section', 'Acceptance criteria', [
        '- [ ] Given <context>, when <action>, then <observable result>',
      ]),
    });
  },
});
