import { appendSectionFix, type Criterion, defineStoryRule, firstPlaceholder, PhraseMatcher, sectionsOf, words } from '../core/api';

/** Markers of work nobody has done yet. */
const MARKERS: readonly string[] = ['todo', 'tbd', 'tba', 'tbc', 'wip', 'xxx', 'fixme'];
const MARKER_SET: ReadonlySet<string> = new Set(MARKERS);

/**
 * A marker set off from the rest ("TODO: agree formats with finance", "TBD – see the wiki") makes
 * the whole item a note about a criterion still to be agreed; "Todo items due today …" in a
 * to-do app is a criterion.
 */
const NOTE_SEPARATOR = /^\s*[:\-–—(,.]/;

/** Filler that is a placeholder only when the item is little more than it ("to be defined"). */
const FILLERS = new PhraseMatcher([
  ...MARKERS, 'to do', 'to be defined', 'to be decided', 'to be confirmed', 'to be added', 'fill in', 'n/a', 'na',
  'coming soon', 'to be written', 'will add later', 'add later', 'add criteria',
]);

/** Nothing but punctuation: "...", "?", "-". */
const ONLY_PUNCTUATION = /^[\s?!.…\-–—_*]*$/;

function isPlaceholder(text: string): boolean {
  const list = words(text);
  if (list.length === 0 || ONLY_PUNCTUATION.test(text)) return true;
  const first = list[0]!;
  if (MARKER_SET.has(first.word) && NOTE_SEPARATOR.test(text.slice(first.end))) return true;
  // A criterion made only of filler words ("to be defined", "n/a") says nothing testable.
  const filler = FILLERS.matchAt(list, 0);
  return filler !== undefined && list.length <= filler.last + 3;
}

export default defineStoryRule({
  name: 'require-acceptance-criteria',
  description: 'A story lists acceptance criteria that tell the team when it is done.',
  tags: ['acceptance'],
  fixable: true,
  severity: 'error',
  needsSections: true,
  answers: { question: 'criteria' },
  options: {
    minimum: { type: 'number', default: 1, minimum: 1, description: 'How many real (non-placeholder) criteria a story needs.' },
  },
  messages: {
    missing: 'No acceptance criteria: add an "Acceptance criteria" section with at least {minimum} testable item(s), e.g. "Given …, when …, then …".',
    empty: 'The acceptance criteria section is empty: add at least {minimum} testable item(s), e.g. "Given …, when …, then …".',
    placeholder: 'Acceptance criteria are only placeholders ({count} item(s) such as "{example}"): replace them with at least {minimum} testable item(s).',
    placeholderItem: 'This criterion still holds the placeholder "{placeholder}": replace it with the context, action or result a tester can check.',
    tooFew: 'Only {count} testable acceptance criterion/criteria: add at least {minimum}, e.g. the error case next to the happy path.',
  },
  check(context) {
    const { story, text, options, report } = context;
    // A criterion that is nothing but a placeholder ("TBD", "TODO: …") does not count; neither does
    // one written around placeholders ("Given [context], when …"), which is reported where they are.
    const real: Criterion[] = [];
    let reported = 0;
    for (const criterion of story.criteria) {
      if (isPlaceholder(criterion.text)) continue;
      const found = firstPlaceholder(criterion, { source: text });
      if (!found) real.push(criterion);
      else {
        report({ messageId: 'placeholderItem', span: found.span, data: { placeholder: found.text } });
        reported++;
      }
    }
    if (real.length >= options.minimum) return;
    const minimum = String(options.minimum);
    const section = sectionsOf(story, 'acceptance')[0];
    if (!section) {
      report({
        messageId: 'missing',
        span: story.titleSpan,
        data: { minimum },
        // Braces, as in every skeleton: <angle brackets> are HTML to Markdown, [square] ones a link or a task box.
        fix: appendSectionFix(context, {
          title: 'Insert an Acceptance criteria section',
          kind: 'acceptance',
          name: 'Acceptance criteria',
          body: ['- [ ] Given {context}, when {action}, then {observable result}'],
        }),
      });
    } else if (story.criteria.length === 0) {
      report({ messageId: 'empty', span: section.nameSpan, data: { minimum } });
    } else if (real.length === 0) {
      // Every item reported above already says what to replace.
      if (reported === story.criteria.length) return;
      const first = story.criteria.find((criterion) => isPlaceholder(criterion.text))!;
      const short = first.text.length > 30 ? `${first.text.slice(0, 30).trimEnd()}…` : first.text.trim();
      const example = firstPlaceholder(first, { source: text })?.text ?? short;
      report({ messageId: 'placeholder', span: section.nameSpan, data: { count: String(story.criteria.length), minimum, example } });
    } else {
      report({ messageId: 'tooFew', span: section.nameSpan, data: { count: String(real.length), minimum } });
    }
  },
});
