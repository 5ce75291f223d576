import { defineStoryRule, firstPlaceholder, PhraseMatcher, type StatementSlice, words } from '../core/api';
import { CAUSATIVE_VERBS, OBJECT_PURPOSE_OPENERS, PURPOSE_OPENERS } from './lexicon/purposes';

const PURPOSES = new PhraseMatcher(PURPOSE_OPENERS);

/** Openers of a means that asks for a thing: "I want a chatbot …". */
const NOUN_PHRASE_OPENERS = new Set(['a', 'an', 'the', 'some', 'my', 'our']);
const OBJECT_PURPOSES = new PhraseMatcher(OBJECT_PURPOSE_OPENERS);

/**
 * A purpose clause inside the means gives the why without "so that": "have the API to reduce the
 * work", "..., because the owner asked", "email the provider to report issues". The weaker openers
 * ("to help", "to report") count only after an object of an ordinary verb: after "have ALFRED", "use
 * X" or a thing ("a chatbot to report a missed bin") they are the request itself.
 */
export function hasPurposeClause(means: StatementSlice): boolean {
  const list = words(means.text);
  if (PURPOSES.findAll(list).some((match) => match.first >= 2)) return true;
  const first = list[0]?.word;
  // "a chatbot on the homepage to report a missed bin": after a thing, "to …" says what it is for.
  if (first === undefined || CAUSATIVE_VERBS.has(first) || NOUN_PHRASE_OPENERS.has(first)) return false;
  return OBJECT_PURPOSES.findAll(list).some((match) => match.first >= 2);
}

export default defineStoryRule({
  name: 'require-benefit',
  description: 'A story says why its role wants the capability ("so that {benefit}").',
  tags: ['statement', 'value'],
  fixable: true,
  severity: 'warning',
  options: {},
  messages: {
    missing: 'No benefit: add "so that …" saying what the {role} gains, so the team can judge the value and look for a simpler way to deliver it.',
    placeholder: 'The benefit still holds the placeholder "{placeholder}": replace it with what the {role} gains, so the team can judge the value and look for a simpler way to deliver it.',
  },
  check({ story, text, report }) {
    const statement = story.statement;
    // Job stories carry their own "so I can"; a statement without a means is story-format's finding.
    if (!statement || statement.template === 'job-story') return;
    const role = statement.parts.role;
    const roleName = role && !firstPlaceholder(statement, { start: role.start, end: role.end, source: text }) ? role.text : 'user';
    const ends = statement.parts.ends;
    if (ends) {
      // "so that {benefit}": the clause is there but says nothing yet. No fix: only the author knows.
      const found = firstPlaceholder(statement, { start: ends.start, end: ends.end, source: text });
      if (found) report({ messageId: 'placeholder', span: found.span, data: { placeholder: found.text, role: roleName } });
      return;
    }
    const means = statement.parts.means;
    if (!means || hasPurposeClause(means)) return;
    report({
      messageId: 'missing',
      span: statement.span,
      data: { role: roleName },
      fix: { title: 'Add a "so that" clause', edits: [{ span: [means.span[1], means.span[1]], text: ', so that {benefit}' }] },
    });
  },
});
