import { defineStoryRule, firstPlaceholder, normalizeForComparison, type StatementSlice } from '../core';
import { BUILD_VERBS, BUILDER_MODIFIERS, BUILDER_ROLES, meansFromVerb, ROLE_QUALIFIER_STARTS, SYSTEM_ROLES } from './lexicon/statement';

const ARTICLES = new Set(['a', 'an', 'the', 'our', 'my']);
/** A builder described as using the product is its user: "a developer integrating our payments API". */
const USING_WORDS = new Set(['using', 'uses', 'use', 'integrating', 'integrates', 'consuming', 'consumes', 'calling', 'calls', 'embedding', 'embeds']);

const wordsOf = (text: string): string[] => normalizeForComparison(text).split(' ').filter(Boolean);
/** The options' phrases as words, once per options array (the rule runs once per story). */
const phrases = new WeakMap<readonly string[], string[][]>();
function phrasesOf(list: readonly string[]): string[][] {
  let split = phrases.get(list);
  if (!split) phrases.set(list, (split = list.map(wordsOf).filter((phrase) => phrase.length > 0)));
  return split;
}

/** Whether `list` ends with `phrase` ("senior data scientist" ends with "data scientist"). */
const endsWith = (list: readonly string[], phrase: readonly string[]) =>
  phrase.length <= list.length && phrase.every((word, index) => list[list.length - phrase.length + index] === word);
/** Whether `list` starts with `phrase` ("set up the CI pipeline" starts with "set up"). */
const startsWith = (list: readonly string[], phrase: readonly string[]) => phrase.length <= list.length && phrase.every((word, index) => list[index] === word);

/** The role's noun phrase ("data scientist") and whether a qualifier says the person uses the product. */
function roleOf(text: string): { noun: string[]; usesProduct: boolean } {
  const list = wordsOf(text);
  let start = 0;
  while (start < list.length - 1 && ARTICLES.has(list[start]!)) start++;
  // The noun phrase ends at a qualifier: "developer who …", "developer integrating …".
  let end = start + 1;
  while (end < list.length && !ROLE_QUALIFIER_STARTS.has(list[end]!) && !list[end]!.endsWith('ing')) end++;
  return { noun: list.slice(start, end), usesProduct: list.slice(end).some((word) => USING_WORDS.has(word)) };
}

/** The build work a means names ("migrate" in "to migrate the database"), or "the system to …" for a specification. */
function buildWorkIn(means: StatementSlice, verbs: readonly string[][]): string | undefined {
  const rest = meansFromVerb(means.text);
  // "I want the system to log every failed login": a specification of the product, written for the team.
  if (rest[0] === 'the' && SYSTEM_ROLES.has(rest[1] ?? '') && rest[2] === 'to') return `have the ${rest[1]} ${rest[3] ?? 'do it'}`;
  const verb = verbs.find((phrase) => startsWith(rest, phrase));
  // "design my app", "deploy my plugin": the person's own work with the product, not work on it.
  return verb && rest[verb.length] !== 'my' ? verb.join(' ') : undefined;
}

export default defineStoryRule({
  name: 'user-perspective',
  description: 'The story is told by someone who uses the product, not by the team that builds it or by the system.',
  tags: ['statement', 'role'],
  fixable: false,
  severity: 'warning',
  options: {
    builderRoles: {
      type: 'string[]',
      default: BUILDER_ROLES,
      description: 'Roles of the people who build the product (developer, data scientist, product owner), matched as the end of the role before any qualifier.',
    },
    buildVerbs: {
      type: 'string[]',
      default: BUILD_VERBS,
      description: 'Verbs and phrases of work on the product itself (implement, migrate, set up), matched at the start of the means.',
    },
  },
  messages: {
    system: 'The story is told by the product ("{role}"): name the person who needs this and what they get done, so the team builds it for someone.',
    builderTask:
      'A task for the team, not a user story: "{role}" wants to {work}. Say which user needs it and what they gain, or track it as technical work under the story it serves.',
  },
  check({ story, text, options, report }) {
    const statement = story.statement;
    const role = statement?.parts.role;
    const means = statement?.parts.means;
    if (!statement || !role || firstPlaceholder(statement, { start: role.start, end: role.end, source: text })) return;
    const { noun, usesProduct } = roleOf(role.text);
    if (noun.length > 0 && noun.length <= 2 && SYSTEM_ROLES.has(noun[noun.length - 1]!)) {
      report({ messageId: 'system', span: role.span, data: { role: role.text } });
      return;
    }
    // "As the team" alone is the builders; a "support team" is not. An "app developer" builds apps
    // with the product: its user. A "senior backend developer" builds the product.
    const builder =
      noun.join(' ') === 'team' ||
      phrasesOf(options.builderRoles).some((phrase) => endsWith(noun, phrase) && noun.slice(0, noun.length - phrase.length).every((word) => BUILDER_MODIFIERS.has(word)));
    if (usesProduct || !means || !builder) return;
    const work = buildWorkIn(means, phrasesOf(options.buildVerbs));
    if (work) report({ messageId: 'builderTask', span: role.span, data: { role: role.text, work } });
  },
});
