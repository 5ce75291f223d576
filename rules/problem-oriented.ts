import { defineStoryRule, firstPlaceholder, mapSpan, phraseMatcherFor, type Span, type Word, words } from '../core/api';
import { MEANS_LEADS } from './lexicon/capabilities';
import { POSSESSIVES } from './lexicon/grammar';
import { DESIGN_ROLE_WORDS, TECHNICAL_ROLE_WORDS } from './lexicon/roles';
import {
  CONTINUITY_WORDS,
  DEVICE_HEADS,
  INSTRUMENT_PREPOSITIONS,
  INTEGRATION_NOUNS,
  INTERFACE_TERMS,
  MECHANISM_HEADS,
  NUMBERED_NOUNS,
  OWN_SYSTEM_NOUNS,
  PLACE_PREPOSITIONS,
  PRODUCT_TERMS,
  STORAGE_TERMS,
  TECHNIQUE_ADOPTIONS,
  TECHNIQUE_TERMS,
  TECHNOLOGY_TERMS,
} from './lexicon/solutions';

/** Whether a role word is one of `list`, or starts with a long one glued to another word ("DeveloperWrangler"). */
const hasAny = (roleWords: ReadonlySet<string>, list: readonly string[]): boolean =>
  list.some((term) => {
    const word = term.toLowerCase();
    return roleWords.has(word) || (word.length >= 6 && [...roleWords].some((roleWord) => roleWord.startsWith(word)));
  });

interface Solution {
  first: number;
  span: Span;
}

/** "my warehouse system", "our ERP": the statement is about connecting a system of the role's own. */
function namesOwnSystem(list: readonly Word[]): boolean {
  return list.some((w, index) => POSSESSIVES.has(w.word) && list.slice(index + 1, index + 4).some((next) => OWN_SYSTEM_NOUNS.has(next.word)));
}

/**
 * "on a corporate sponsors page": the story decides where something goes. "on my own page" is the
 * user's page, and "attach files to a log book page" works on a page that is a domain object.
 */
function pageAsPlace(list: readonly Word[]): Solution | undefined {
  for (let i = 2; i < list.length; i++) {
    if (list[i]!.word !== 'page' && list[i]!.word !== 'pages') continue;
    for (let j = i - 1; j >= 1 && j >= i - 4; j--) {
      const word = list[j]!.word;
      if (POSSESSIVES.has(word)) break;
      if (word === 'a' || word === 'an' || word === 'the') {
        if ((list[j - 1]!.word === 'on' || list[j - 1]!.word === 'onto') && j + 1 < i) return { first: j + 1, span: [list[j + 1]!.start, list[i]!.end] };
        break;
      }
    }
  }
  return undefined;
}

/** Words before "page" that make it a page of paper or a position, not a screen: "the title page", "the next page". */
const PAPER_PAGE_WORDS = new Set(['next', 'previous', 'first', 'last', 'same', 'single', 'blank', 'front', 'title', 'cover', 'book', 'printed', 'paper', 'whole', 'entire', 'one']);

/** "access a game page", "view the JobProfile page": a named screen. "my own page" is the user's, see pageAsPlace. */
function namedPage(list: readonly Word[]): Solution | undefined {
  for (let i = 2; i < list.length; i++) {
    if (list[i]!.word !== 'page' && list[i]!.word !== 'pages') continue;
    const name = list[i - 1]!;
    const article = list[i - 2]!.word;
    if ((article === 'a' || article === 'an' || article === 'the') && !PAPER_PAGE_WORDS.has(name.word) && !/^\d/.test(name.word)) {
      return { first: i - 1, span: [name.start, list[i]!.end] };
    }
  }
  return undefined;
}

/** Verbs only: "an integration with Zenodo" names a service the person already uses, their own world. */
const INTEGRATION_VERBS = new Set(['integrate', 'integrates', 'interface']);

/** "integrate with courier services", "the system to integrate with my scheduling tools": an integration, not the need it serves. */
function integration(list: readonly Word[]): Solution | undefined {
  for (let i = 0; i + 1 < list.length; i++) {
    if (INTEGRATION_VERBS.has(list[i]!.word) && list[i + 1]!.word === 'with') return { first: i, span: [list[i]!.start, list[i + 1]!.end] };
  }
  return undefined;
}

/** "upgrade to Fedora 4": a capitalised name with a version number after a preposition is a product. */
function productWithVersion(text: string, list: readonly Word[]): Solution | undefined {
  for (let i = 2; i < list.length; i++) {
    const name = list[i - 1]!;
    if (!/^\d+$/.test(list[i]!.word) || !PLACE_PREPOSITIONS.has(list[i - 2]!.word)) continue;
    const written = text.slice(name.start, name.end);
    if (/^[A-Z][a-z]/.test(written) && !NUMBERED_NOUNS.has(name.word)) return { first: i - 1, span: [name.start, list[i]!.end] };
  }
  return undefined;
}

/** Words that end a noun phrase: a preposition, a conjunction or a clause opener. */
const PHRASE_ENDS = new Set([
  'to', 'into', 'in', 'on', 'onto', 'for', 'with', 'from', 'by', 'of', 'at', 'via', 'through', 'using', 'that', 'which',
  'who', 'where', 'when', 'so', 'and', 'or', 'as', 'if', 'because', 'while', 'instead', 'rather',
]);

/** The last word of the noun phrase that starts at `from` (at most six words), or undefined. */
function phraseHead(list: readonly Word[], from: number): number | undefined {
  let head: number | undefined;
  for (let i = from; i < list.length && i < from + 6 && !PHRASE_ENDS.has(list[i]!.word); i++) head = i;
  return head;
}

/** "implement extractive methods", "integrate the prediction model": the means adopts a technique. */
function adoptedTechnique(list: readonly Word[]): Solution | undefined {
  let verb = 0;
  while (verb < list.length && MEANS_LEADS.has(list[verb]!.word)) verb++;
  const heads = TECHNIQUE_ADOPTIONS.get(list[verb]?.word ?? '');
  const head = heads && phraseHead(list, verb + 1);
  return heads && head !== undefined && heads.has(list[head]!.word) ? { first: verb + 1, span: [list[verb + 1]!.start, list[head]!.end] } : undefined;
}

/** "via a bundle request", "with a reset function", "on a tablet": the means fixes the mechanism or the device. */
function instrumentMechanism(list: readonly Word[]): Solution | undefined {
  for (let i = 0; i + 1 < list.length; i++) {
    const preposition = list[i]!.word;
    if (!INSTRUMENT_PREPOSITIONS.has(preposition) && preposition !== 'on') continue;
    const head = phraseHead(list, i + 1);
    if (head === undefined) continue;
    const named = list[head]!.word;
    // "on all my computers, tablets and phone": the person's own devices, not a chosen one.
    const own = list.slice(i + 1, head).some((word) => POSSESSIVES.has(word.word));
    if ((preposition !== 'on' && MECHANISM_HEADS.has(named)) || (DEVICE_HEADS.has(named) && !own)) return { first: i, span: [list[i]!.start, list[head]!.end] };
  }
  return undefined;
}

export default defineStoryRule({
  name: 'problem-oriented',
  description: 'The capability describes the need, not a solution (widgets, storage, technologies).',
  tags: ['statement', 'value'],
  fixable: false,
  severity: 'info',
  options: {
    interfaceTerms: { type: 'string[]', default: INTERFACE_TERMS, description: 'Interface widgets and layouts (button, dropdown, landing page, dashboard) that prescribe a design.' },
    storageTerms: { type: 'string[]', default: STORAGE_TERMS, description: 'Storage and architecture words (database, column, backend) that prescribe an implementation.' },
    technologyTerms: { type: 'string[]', default: TECHNOLOGY_TERMS, description: 'Mechanisms (an API, cron job, webhook, IP address) that prescribe an implementation, except for technical roles and integrations.' },
    productTerms: { type: 'string[]', default: PRODUCT_TERMS, description: 'Named products (Slack, Elasticsearch, New Relic) that prescribe an implementation for every role.' },
    techniqueTerms: {
      type: 'string[]',
      default: TECHNIQUE_TERMS,
      description: 'Techniques, models and engineering tools (machine learning, an algorithm, IoT, a Git repository) that prescribe how to build it, for every role.',
    },
    designRoles: { type: 'string[]', default: DESIGN_ROLE_WORDS, description: 'Words in a role whose work is the interface (e.g. "designer"): interface terms are their domain.' },
    technicalRoles: { type: 'string[]', default: TECHNICAL_ROLE_WORDS, description: 'Words in a role who consume technology (e.g. "developer"): technology terms are their domain.' },
  },
  messages: {
    solution: 'The capability prescribes a solution ("{term}"): describe what the {role} needs to get done and leave the design to the team.',
  },
  check({ story, text, options, report }) {
    const statement = story.statement;
    const means = statement?.parts.means;
    // A capability that still holds a placeholder is not written yet: story-format reports it.
    if (!statement || !means || firstPlaceholder(statement, { start: means.start, end: means.end, source: text })) return;
    const role = statement.parts.role?.text ?? story.persona?.text ?? '';
    const roleWords = new Set(words(role).map((w) => w.word));
    const designRole = hasAny(roleWords, options.designRoles);
    // An API is the need of a developer, or of a system the role owns ("so that my warehouse system books …").
    const consumesTechnology = hasAny(roleWords, options.technicalRoles) || namesOwnSystem(words(statement.text));
    const meansWords = words(means.text, means.start);
    const solutions: Solution[] = [];
    if (!designRole) {
      // "from the same screen" asks not to switch places, not for a screen.
      const widgets = phraseMatcherFor(options.interfaceTerms).findAll(meansWords);
      solutions.push(...widgets.filter((match) => !CONTINUITY_WORDS.has(meansWords[match.first - 1]?.word ?? '')));
      for (const page of [pageAsPlace(meansWords), namedPage(meansWords)]) if (page) solutions.push(page);
    }
    solutions.push(...phraseMatcherFor(options.storageTerms).findAll(meansWords));
    if (!consumesTechnology) solutions.push(...phraseMatcherFor(options.technologyTerms).findAll(meansWords));
    // "a jQuery plugin" for a developer: the product is what the plugin works with, not a chosen design.
    const products = phraseMatcherFor(options.productTerms).findAll(meansWords);
    solutions.push(...products.filter((match) => !consumesTechnology || !INTEGRATION_NOUNS.has(meansWords[match.last]?.word ?? '')));
    const versioned = productWithVersion(statement.text, meansWords);
    if (versioned) solutions.push(versioned);
    solutions.push(...phraseMatcherFor(options.techniqueTerms).findAll(meansWords));
    const mechanisms = consumesTechnology ? [] : [instrumentMechanism(meansWords), integration(meansWords)];
    for (const found of [adoptedTechnique(meansWords), ...mechanisms]) if (found) solutions.push(found);
    const match = solutions.sort((a, b) => a.first - b.first)[0];
    if (!match) return;
    report({
      messageId: 'solution',
      span: mapSpan(statement, match.span[0], match.span[1]),
      data: { term: statement.text.slice(match.span[0], match.span[1]), role: role || 'user' },
    });
  },
});
