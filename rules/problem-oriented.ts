import { defineStoryRule, mapSpan, PhraseMatcher, words } from '../core';
import { DESIGN_ROLE_WORDS, INTERFACE_TERMS, STORAGE_TERMS, TECHNICAL_ROLE_WORDS, TECHNOLOGY_TERMS } from './lexicon/statement';

const matchers = new WeakMap<readonly string[], PhraseMatcher>();

/** One matcher per configured list, built once: option arrays are reused across stories. */
function matcherFor(terms: readonly string[]): PhraseMatcher {
  let matcher = matchers.get(terms);
  if (!matcher) matchers.set(terms, (matcher = new PhraseMatcher(terms)));
  return matcher;
}

const hasAny = (roleWords: ReadonlySet<string>, list: readonly string[]): boolean => list.some((word) => roleWords.has(word.toLowerCase()));

export default defineStoryRule({
  name: 'problem-oriented',
  description: 'The capability describes the need, not a solution (widgets, storage, technologies).',
  tags: ['statement', 'value'],
  fixable: false,
  severity: 'info',
  options: {
    interfaceTerms: { type: 'string[]', default: INTERFACE_TERMS, description: 'Interface widgets and layouts (button, dropdown, landing page, dashboard) that prescribe a design.' },
    storageTerms: { type: 'string[]', default: STORAGE_TERMS, description: 'Storage and architecture words (database, column, backend) that prescribe an implementation.' },
    technologyTerms: { type: 'string[]', default: TECHNOLOGY_TERMS, description: 'Technologies and mechanisms (an API, Elasticsearch, cron job, IP address) that prescribe an implementation.' },
    designRoles: { type: 'string[]', default: DESIGN_ROLE_WORDS, description: 'Words in a role whose work is the interface (e.g. "designer"): interface terms are their domain.' },
    technicalRoles: { type: 'string[]', default: TECHNICAL_ROLE_WORDS, description: 'Words in a role who consume technology (e.g. "developer"): technology terms are their domain.' },
  },
  messages: {
    solution: 'The capability prescribes a solution ("{term}"): describe what the {role} needs to get done and leave the design to the team.',
  },
  check({ story, options, report }) {
    const statement = story.statement;
    const means = statement?.parts.means;
    if (!statement || !means) return;
    const role = statement.parts.role?.text ?? story.persona?.text ?? '';
    const roleWords = new Set(words(role).map((w) => w.word));
    const lists = [
      hasAny(roleWords, options.designRoles) ? [] : options.interfaceTerms,
      options.storageTerms,
      hasAny(roleWords, options.technicalRoles) ? [] : options.technologyTerms,
    ];
    const meansWords = words(means.text, means.start);
    const match = lists
      .map((terms) => matcherFor(terms).findAll(meansWords)[0])
      .filter((found) => found !== undefined)
      .sort((a, b) => a.first - b.first)[0];
    if (!match) return;
    report({
      messageId: 'solution',
      span: mapSpan(statement, match.span[0], match.span[1]),
      data: { term: statement.text.slice(match.span[0], match.span[1]), role: role || 'user' },
    });
  },
});
