import { defineStoryRule, firstPlaceholder, normalizeForComparison, phraseMatcherFor, type StatementSlice, words } from '../core/api';
import { meansFromVerb } from './lexicon/capabilities';
import { BUILD_VERBS, ENGINEERING_ARTIFACTS } from './lexicon/deliveries';
import { BUILDER_MODIFIERS, BUILDER_ROLES, ROLE_QUALIFIER_STARTS, SYSTEM_ROLES } from './lexicon/roles';

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

/** "a Git repository with branching": the engineering artifact a means asks for, as written. */
function artifactIn(means: StatementSlice, artifacts: readonly string[]): string | undefined {
  const match = phraseMatcherFor(artifacts).findAll(words(means.text))[0];
  return match && means.text.slice(match.span[0], match.span[1]);
}

/**
 * The people a product serves, in the plural: a builder who acts on them ("prevent users from double
 * publishing") builds for them. "the user" alone is often the end user of an app the person builds
 * with the product ("define questions the user can ask"), so it does not count.
 */
const SERVED_PEOPLE = new Set(['users', 'customers', 'visitors', 'clients', 'members', 'agencies']);
/** "my own app", "my analysis": the builder's own work, done with the product, so its user. */
const OWN_WORK = new Set(['own', 'app', 'apps', 'application', 'applications', 'project', 'projects', 'website', 'site', 'pipeline', 'pipelines', 'analysis', 'code', 'needs']);

/** Whether the statement names the person's own work after "my" ("integrate it in my own iOS application"). */
function namesOwnWork(statement: string): boolean {
  const list = wordsOf(statement);
  return list.some((word, index) => word === 'my' && list.slice(index + 1, index + 4).some((next) => OWN_WORK.has(next)));
}

/** The means from its verb on, as written: "prevent users from double publishing". */
function workText(means: StatementSlice): string {
  const text = means.text.replace(/^\s*(?:to\s+)?(?:be\s+able\s+to\s+)?/i, '');
  // A loop, not /[…]+$/: that pattern retries every run of punctuation inside the text.
  let end = text.length;
  while (end > 0 && /[\s.,;:!]/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
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
    engineeringArtifacts: {
      type: 'string[]',
      default: ENGINEERING_ARTIFACTS,
      description: 'What the team builds with (a Git repository, middleware, migration scripts, the model): a builder asking for one asks for build work.',
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
    if (usesProduct || !means || !builder || namesOwnWork(statement.text)) return;
    const artifact = artifactIn(means, options.engineeringArtifacts);
    // A builder who acts on the product's users ("clarify to users …") is building for them.
    const forUsers = wordsOf(means.text).some((word) => SERVED_PEOPLE.has(word));
    const work = buildWorkIn(means, phrasesOf(options.buildVerbs)) ?? (artifact && `have ${artifact}`) ?? (forUsers ? workText(means) : undefined);
    if (work) report({ messageId: 'builderTask', span: role.span, data: { role: role.text, work } });
  },
});
