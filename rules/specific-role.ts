import { consecutiveOffsets, defineStoryRule, firstPlaceholder, normalizeForComparison, words } from '../core/api';
import { BARE_GENERIC_ROLE_HEADS, GENERIC_ROLE_HEADS, GENERIC_ROLE_QUALIFIERS, ROLE_QUALIFIER_STARTS } from './lexicon/roles';

const ARTICLES = new Set(['a', 'an', 'the']);

/** "OpenSpending", "GitHub": a capital inside a word marks a product name. */
const CAMEL_CASE = /^[A-Z]?[a-z]+[A-Z][A-Za-z]*$/;

/** A generic head glued to a generic qualifier: "anonymoususer", "siteuser". */
function isGluedGenericRole(word: string): boolean {
  for (const head of GENERIC_ROLE_HEADS) {
    if (word.length > head.length && word.endsWith(head) && GENERIC_ROLE_QUALIFIERS.has(word.slice(0, -head.length))) return true;
  }
  return false;
}

/**
 * Whether a role names nobody in particular. The last word before any qualifier clause is the head;
 * "user", "visitor" and the like stay generic with generic qualifiers ("site visitor", "registered
 * user"); "manager" or "employee" are generic only when bare. A qualifier clause ("user of the
 * mobile app who pays by card") makes any role specific.
 */
export function isGenericRole(role: string): boolean {
  const tokens = words(role).filter((w, index) => index > 0 || !ARTICLES.has(w.word));
  const list = tokens.map((w) => w.word);
  if (list.length === 0) return false;
  // A comma or a qualifier word after the head ("user, working with NetCDF", "user who ...") qualifies it.
  if (/[,(]/.test(role)) return false;
  const qualifierAt = list.findIndex((word, index) => index > 0 && ROLE_QUALIFIER_STARTS.has(word));
  const noun = qualifierAt === -1 ? list : list.slice(0, qualifierAt);
  if (qualifierAt !== -1 && !list.slice(qualifierAt).every((word) => GENERIC_ROLE_QUALIFIERS.has(word) || GENERIC_ROLE_HEADS.has(word))) return false;
  const head = noun[noun.length - 1]!;
  const modifiers = noun.slice(0, -1);
  // A product name in CamelCase ("OpenSpending Community Member") says which product, not who.
  const isProductName = (index: number): boolean => CAMEL_CASE.test(role.slice(tokens[index]!.start, tokens[index]!.end));
  if (BARE_GENERIC_ROLE_HEADS.has(head)) return modifiers.length === 0 || modifiers.every((word) => word === 'staff' || word === 'team');
  if (GENERIC_ROLE_HEADS.has(head)) return modifiers.every((word, index) => GENERIC_ROLE_QUALIFIERS.has(word) || GENERIC_ROLE_HEADS.has(word) || isProductName(index));
  return noun.length === 1 && isGluedGenericRole(head);
}

export default defineStoryRule({
  name: 'specific-role',
  description: 'The role names a specific kind of user or persona, not "user" or "customer".',
  tags: ['statement', 'role'],
  fixable: false,
  severity: 'warning',
  options: {},
  messages: {
    generic: '"{role}" could be anyone: name the kind of user or the persona (e.g. "first-time buyer", "support agent") whose need this is.',
  },
  check({ story, text, settings, report }) {
    // A front-matter persona names who the story is for, whatever the statement says.
    const persona = story.persona?.text.trim() ? story.persona : undefined;
    const role = persona ?? story.statement?.parts.role;
    if (!role) return;
    // "{role}" is not a role yet: story-format asks for it. A persona is YAML, read as written.
    const placeholder = persona
      ? firstPlaceholder({ text: persona.text, offsets: consecutiveOffsets(persona.span[0], persona.text.length + 1) })
      : firstPlaceholder(story.statement!, { start: story.statement!.parts.role!.start, end: story.statement!.parts.role!.end, source: text });
    if (placeholder) return;
    const normalized = normalizeForComparison(role.text).replace(/^(a|an|the) /, '');
    if (settings.personas.some((persona) => normalizeForComparison(persona).replace(/^(a|an|the) /, '') === normalized)) return;
    if (isGenericRole(role.text)) report({ messageId: 'generic', span: role.span, data: { role: role.text } });
  },
});
