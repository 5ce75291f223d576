import { type BacklogEntry, defineBacklogRule, describeStory, type Neighbourhood, normalizeForComparison } from '../core/api';
import { meansFromVerb } from './lexicon/capabilities';
import { stemLite } from './lexicon/stems';

interface Candidate {
  entry: BacklogEntry;
  normalized: string;
}

/** Words too light to make two statements ask for different things ("have" / "choose" a pick-up time, "before I call"). */
const FILLER_WORDS = new Set([
  'a', 'an', 'the', 'be', 'is', 'are', 'to', 'of', 'it', 'that', 'this', 'have', 'get', 'able', 'also', 'will', 'can', 'my', 'all',
  'i', 'me', 'we', 'us', 'our', 'you', 'your',
]);
/** Above this many content words a subset is searched one dropped word away, not two, so the search stays linear. */
const MAX_WORDS_FOR_TWO_DROPPED = 64;
/** Above this many words in one bucket, spelling variants are found through deletion keys, not pair by pair. */
const PAIRWISE_BUCKET = 16;
/** How many statements of one content set a statement is tried against before it gives up on the set. */
const PROBES_PER_SET = 4;

/** One distinct statement (its identical copies share it), by the lemmas of its words. */
interface Statement {
  /** Lemmas of every word, for the similarity threshold. */
  lemmas: ReadonlySet<string>;
  /** Lemmas of the content words (no filler), distinct. */
  content: string[];
  contentSet: ReadonlySet<string>;
  /** The lemma of the means' verb ("publish" in "I want to publish a package"), unless it is a light one ("have", "get"). */
  action?: string;
  /** XOR of the content lemmas' hashes: a set hash from which a word is taken out in O(1). */
  hash: SetHash;
}

type SetHash = readonly [number, number];

/** Per rest of a content set with one word taken out, keyed by its set hash: the words taken out and their statements. */
type Rests = Map<number, { word: string; index: number } | Map<string, number>>;

/** FNV-1a over a string, 32 bits, from a seed. */
function fnv(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

const wordHash = (lemma: string): SetHash => [fnv(lemma, 2166136261), fnv(lemma, 374761393)];
const without = (hash: SetHash, word: SetHash): SetHash => [(hash[0] ^ word[0]) >>> 0, (hash[1] ^ word[1]) >>> 0];
/** A set hash as one Map key (53 bits; a collision only costs a comparison). */
const keyOf = (hash: SetHash): number => (hash[0] & 0x1fffff) * 0x100000000 + hash[1];

/** Jaccard similarity of two word sets. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Whether two lemmas are one spelling slip apart: one letter added, dropped, replaced or two swapped. Numbers never are: store 1001 is not store 1002. */
function isSpellingVariant(a: string, b: string): boolean {
  if (a === b || Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1 || /\d/.test(a) || /\d/.test(b)) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  if (a.length - i - j <= 1 && b.length - i - j <= 1) return true;
  // "recieve" / "receive": two neighbours swapped.
  return a.length === b.length && a.length - i - j === 2 && a[i] === b[i + 1] && a[i + 1] === b[i];
}

/**
 * Statements whose verbs differ ask for different things even when their words match: "publish a
 * package so that it is created" and "create a package so that it is published".
 */
function sameAction(a: Statement, b: Statement): boolean {
  return !a.action || !b.action || a.action === b.action || isSpellingVariant(a.action, b.action);
}

/** The lemma of the means' verb, skipping "to", "be" and "able"; undefined for a light verb such as "have". */
function actionOf(means: string | undefined): string | undefined {
  const verb = meansFromVerb(means ?? '')[0];
  return verb && !FILLER_WORDS.has(verb) ? stemLite(verb) : undefined;
}

/** Whether the content of `a` without `x` is the content of `b` without `y`. */
function sameBut(a: Statement, x: string, b: Statement, y: string): boolean {
  return a.content.length === b.content.length && a.content.every((lemma) => lemma === x || (lemma !== y && b.contentSet.has(lemma)));
}

/** Whether `a` holds every content lemma of `b` but `dropped`. */
function holdsAllBut(a: Statement, b: Statement, dropped: readonly string[]): boolean {
  return a.content.length === b.content.length - dropped.length && a.content.every((lemma) => b.contentSet.has(lemma) && !dropped.includes(lemma));
}

/**
 * Calls `visit(a, b)` once for each pair of statements that ask for the same thing in other words
 * and share at least `threshold` of their word lemmas (Jaccard): the same content lemmas ("before
 * calling a customer" / "before I call a customer"), up to two content words more or less
 * ("similar" / "perceptually similar"), or one content word spelt differently. Statements that
 * swap a word for another ("import data in Excel" / "in JSON", "store 1001" / "store 1002") are
 * template siblings, separate stories on purpose, and are never compared pair by pair: every
 * lookup goes through a hash of the content set with a word or two taken out, so 10,000 siblings
 * cost about 10,000 times one statement.
 */
function forEachNearDuplicate(statements: readonly Statement[], threshold: number, visit: (a: number, b: number) => void): void {
  const seen = new Set<string>();
  /** Visits the pair unless it was, or its verbs or too many words differ; true when it is a near duplicate. */
  const pair = (a: number, b: number): boolean => {
    const [first, second] = a < b ? [a, b] : [b, a];
    const key = `${first} ${second}`;
    if (first === second) return false;
    if (seen.has(key)) return true;
    if (!sameAction(statements[first]!, statements[second]!) || similarity(statements[first]!.lemmas, statements[second]!.lemmas) < threshold) return false;
    seen.add(key);
    visit(first, second);
    return true;
  };
  const byContent = new Map<number, number[]>();
  statements.forEach((statement, index) => {
    const key = keyOf(statement.hash);
    const same = byContent.get(key);
    if (same) same.push(index);
    else byContent.set(key, [index]);
  });
  // Statements with one content set are near duplicates of each other: pairing one with the first
  // few of a set is enough to report it, and keeps 10,000 rewordings of one story linear.
  const pairWithSet = (index: number, hash: SetHash, dropped: readonly string[]): void => {
    // Statements without `dropped` share at most |lemmas| - |dropped| of this one's lemmas: below the threshold, no look-up.
    const size = statements[index]!.lemmas.size;
    if (size - dropped.length < threshold * size) return;
    const set = byContent.get(keyOf(hash)) ?? [];
    let tried = 0;
    for (const other of set) {
      if (other === index || !holdsAllBut(statements[other]!, statements[index]!, dropped)) continue;
      if (pair(index, other) || ++tried >= PROBES_PER_SET) return;
    }
  };
  // Spelling variants: statements equal but for one content word meet in the bucket of that rest,
  // one entry per word (statements with the same word there share their content set, see above).
  // Nearly every rest has one word: it is kept as a pair, a Map only for a second word (a Map per
  // rest, ten per statement, took more memory at the end of a workspace scan than the stories).
  const rests: Rests = new Map();
  statements.forEach((statement, index) => {
    const { content, hash } = statement;
    pairWithSet(index, hash, []);
    for (let i = 0; i < content.length; i++) {
      const once = without(hash, wordHash(content[i]!));
      pairWithSet(index, once, [content[i]!]);
      if (dropsTwo(statement, threshold)) {
        for (let j = i + 1; j < content.length; j++) pairWithSet(index, without(once, wordHash(content[j]!)), [content[i]!, content[j]!]);
      }
      if (content[i]!.length >= 4 && !/\d/.test(content[i]!)) {
        const word = content[i]!;
        const bucket = rests.get(keyOf(once));
        if (!bucket) rests.set(keyOf(once), { word, index });
        else if (bucket instanceof Map) {
          if (!bucket.has(word)) bucket.set(word, index);
        } else if (bucket.word !== word) {
          rests.set(
            keyOf(once),
            new Map([
              [bucket.word, bucket.index],
              [word, index],
            ]),
          );
        }
      }
    }
  });
  pairSpellingVariants(rests, statements, pair);
}

/**
 * Pairs, through `pair`, the statements of each rest (a content set with one word taken out) whose
 * words taken out are one spelling slip apart: "recieve" / "receive".
 */
function pairSpellingVariants(rests: Rests, statements: readonly Statement[], pair: (a: number, b: number) => boolean): void {
  for (const bucket of rests.values()) {
    if (!(bucket instanceof Map)) continue;
    const entries = [...bucket];
    const compare = ([x, a]: [string, number], [y, b]: [string, number]): void => {
      if (isSpellingVariant(x, y) && sameBut(statements[a]!, x, statements[b]!, y)) pair(a, b);
    };
    if (entries.length <= PAIRWISE_BUCKET) {
      for (let i = 0; i < entries.length; i++) for (let j = i + 1; j < entries.length; j++) compare(entries[i]!, entries[j]!);
      continue;
    }
    // Two words one slip apart share the word with one letter taken out (or one is the other so);
    // distinct words sharing such a key are few: one per letter of the alphabet and position.
    const byDeletion = new Map<string, [string, number][]>();
    for (const entry of entries) {
      const [word] = entry;
      const keys = new Set([word]);
      for (let p = 0; p < word.length; p++) keys.add(word.slice(0, p) + word.slice(p + 1));
      for (const key of keys) {
        const others = byDeletion.get(key);
        if (others) {
          for (const other of others) compare(other, entry);
          others.push(entry);
        } else byDeletion.set(key, [entry]);
      }
    }
  }
}

/** A statement's lemmas, content set and verb, for comparison. */
function statementOf(normalized: string, entry: BacklogEntry): Statement {
  const words = normalized.split(' ');
  const content = [...new Set(words.filter((word) => !FILLER_WORDS.has(word)).map(stemLite))];
  let hash: SetHash = [0, 0];
  for (const lemma of content) hash = without(hash, wordHash(lemma));
  const action = actionOf(entry.story.statement!.parts.means?.text);
  return { lemmas: new Set(words.map(stemLite)), content, contentSet: new Set(content), action, hash };
}

/** Whether a statement is searched with two content words taken out (see forEachNearDuplicate). */
const dropsTwo = (statement: Statement, threshold: number): boolean =>
  statement.content.length <= MAX_WORDS_FOR_TWO_DROPPED && statement.lemmas.size - 2 >= threshold * statement.lemmas.size;

/**
 * What forEachNearDuplicate can pair a statement with: it is filed under its text, its content set
 * and, per content word, the rest of the set with the word's length and the next (spelling
 * variants differ in length by one at most); it probes the set with one or (for long statements)
 * two content words taken out. Template siblings ("scan shelf label 1" / "… 2") are not linked, so
 * an edit to one re-checks neither the other nor the rest of the family. Every key is a 30-bit
 * number (linkKey), which the backlog index stores as it is: a statement files and probes about a
 * hundred keys, and strings or 53-bit numbers cost several times the key each.
 */
function neighbourhoodOf(normalized: string, entry: BacklogEntry, threshold: number): Neighbourhood {
  const statement = statementOf(normalized, entry);
  const { content, hash } = statement;
  const keys: number[] = [linkKey(wordHash(normalized)), linkKey(hash)];
  const probes: number[] = [];
  for (let i = 0; i < content.length; i++) {
    const word = content[i]!;
    const once = without(hash, wordHash(word));
    probes.push(linkKey(once));
    if (dropsTwo(statement, threshold)) for (let j = i + 1; j < content.length; j++) probes.push(linkKey(without(once, wordHash(content[j]!))));
    if (word.length >= 4 && !/\d/.test(word)) keys.push(linkKey(without(once, lengthHash(word.length))), linkKey(without(once, lengthHash(word.length + 1))));
  }
  return { keys, probes };
}

/**
 * A set hash as a neighbour key: 30 bits, so a small integer. Keys of different kinds share the
 * space; a collision links two statements that need not be, which costs a re-check, never a finding.
 */
const linkKey = (hash: SetHash): number => hash[0] >>> 2;
/** A pseudo-word for "a word of this length": no lemma holds U+0000. */
const lengthHash = (length: number): SetHash => wordHash(`\u0000${length}`);

export default defineBacklogRule({
  name: 'unique-story',
  description: 'No two stories in the backlog ask for the same thing.',
  tags: ['backlog'],
  fixable: false,
  severity: 'warning',
  options: {
    similarity: {
      type: 'number',
      default: 0.9,
      minimum: 0,
      description: 'Share of distinct words two statements must have in common (Jaccard similarity, 0-1) to count as near duplicates; 1 reports only identical statements.',
    },
  },
  messages: {
    duplicate: 'Same statement as {other}: merge the two stories, or make the difference explicit so the team does not build it twice.',
    similar: 'Nearly the same statement as {other}: merge the two stories, or make the difference explicit so the team does not build it twice.',
  },
  neighbourhood(entry, options) {
    const statement = entry.story.statement;
    const normalized = statement ? normalizeForComparison(statement.text) : '';
    if (!normalized) return { keys: [] };
    return options.similarity < 1 ? neighbourhoodOf(normalized, entry, options.similarity) : { keys: [normalized] };
  },
  check({ stories, options, report }) {
    const candidates: Candidate[] = [];
    for (const entry of stories) {
      const statement = entry.story.statement;
      if (!statement) continue;
      const normalized = normalizeForComparison(statement.text);
      if (normalized) candidates.push({ entry, normalized });
    }

    // Every story of a pair is reported once (whichever file is open shows it), pointing at its
    // first twin, an identical one before a similar one.
    const twins = new Map<number, { other: number; exact: boolean }>();
    const link = (a: number, b: number, exact: boolean): void => {
      for (const [self, other] of [[a, b], [b, a]] as const) {
        const known = twins.get(self);
        if (!known || (exact && !known.exact) || (exact === known.exact && other < known.other)) twins.set(self, { other, exact });
      }
    };
    const sameText = new Map<string, number[]>();
    candidates.forEach((candidate, i) => {
      const group = sameText.get(candidate.normalized);
      if (group) {
        link(group[0]!, i, true);
        group.push(i);
      } else sameText.set(candidate.normalized, [i]);
    });
    // Near duplicates are searched among distinct statements; only a story without an identical
    // twin is reported with a near one, pointing at the first story of the other statement.
    const linkSimilar = (own: readonly number[], others: readonly number[]): void => {
      if (own.length === 1) link(own[0]!, others[0]!, false);
    };
    if (options.similarity < 1) {
      const groups = [...sameText.values()];
      const statements = groups.map((members): Statement => {
        const { entry, normalized } = candidates[members[0]!]!;
        return statementOf(normalized, entry);
      });
      forEachNearDuplicate(statements, options.similarity, (a, b) => {
        linkSimilar(groups[a]!, groups[b]!);
        linkSimilar(groups[b]!, groups[a]!);
      });
    }

    for (const [self, { other, exact }] of [...twins].sort((a, b) => a[0] - b[0])) {
      const entry = candidates[self]!.entry;
      const twin = candidates[other]!.entry;
      report(entry, {
        messageId: exact ? 'duplicate' : 'similar',
        span: entry.story.statement!.span,
        data: { other: describeStory(twin, entry) },
        related: [{ filePath: twin.filePath, span: twin.story.statement!.span, message: exact ? 'The same statement.' : 'A nearly identical statement.' }],
      });
    }
  },
});
