import { type BacklogEntry, defineBacklogRule, describeStory, normalizeForComparison } from '../core';

interface Candidate {
  entry: BacklogEntry;
  normalized: string;
  /** Distinct words, rarest first (the order prefix filtering needs). */
  tokens: string[];
}

/** Jaccard similarity of two sets given as arrays of distinct words. */
function similarity(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  let shared = 0;
  for (const token of b) if (set.has(token)) shared++;
  return shared / (a.length + b.length - shared);
}

/** Whether two words differ by at most one edit and are long enough for that to be a typo or an inflection. */
function isVariant(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 2) return false;
  if (a.startsWith(b) || b.startsWith(a)) return true; // "file" / "files", "record" / "records"
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

/** Words too light to make two statements ask for different things ("have" / "choose" a pick-up time). */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'be', 'is', 'are', 'to', 'of', 'it', 'that', 'this', 'have', 'get', 'able', 'also', 'will', 'can', 'my', 'all']);

/**
 * Near duplicates add or drop a few words ("similar" / "perceptually similar") or spell one
 * differently. Statements that swap a word for another ("import data in Excel" / "in JSON") are
 * template siblings: separate stories on purpose.
 */
function isNearDuplicate(a: readonly string[], b: readonly string[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  const onlyA = a.filter((token) => !inB.has(token) && !FILLER_WORDS.has(token));
  const onlyB = b.filter((token) => !inA.has(token) && !FILLER_WORDS.has(token));
  if (onlyA.length === 0 || onlyB.length === 0) return true;
  return onlyA.every((token) => onlyB.some((other) => isVariant(token, other)));
}

/**
 * Pairs of statements whose word sets have a Jaccard similarity of at least `threshold`. Prefix
 * filtering keeps it near-linear: with words ordered rarest first, two sets that similar must share
 * a word among their first |set| - ceil(threshold × |set|) + 1 words, so only stories sharing such
 * a rare word are compared.
 */
function similarPairs(candidates: readonly Candidate[], threshold: number): [number, number][] {
  const pairs: [number, number][] = [];
  const index = new Map<string, number[]>();
  candidates.forEach((candidate, i) => {
    const size = candidate.tokens.length;
    const prefix = size - Math.ceil(threshold * size) + 1;
    const seen = new Set<number>();
    for (const token of candidate.tokens.slice(0, prefix)) {
      for (const j of index.get(token) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        const other = candidates[j]!;
        if (other.normalized === candidate.normalized) continue; // exact duplicates are grouped separately
        const [small, large] = size < other.tokens.length ? [size, other.tokens.length] : [other.tokens.length, size];
        if (small < threshold * large) continue;
        if (similarity(candidate.tokens, other.tokens) >= threshold && isNearDuplicate(candidate.tokens, other.tokens)) pairs.push([j, i]);
      }
      const list = index.get(token);
      if (list) list.push(i);
      else index.set(token, [i]);
    }
  });
  return pairs;
}

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
  check({ stories, options, report }) {
    const candidates: Candidate[] = [];
    for (const entry of stories) {
      const statement = entry.story.statement;
      if (!statement) continue;
      const normalized = normalizeForComparison(statement.text);
      if (normalized) candidates.push({ entry, normalized, tokens: [...new Set(normalized.split(' '))] });
    }
    const frequency = new Map<string, number>();
    for (const candidate of candidates) for (const token of candidate.tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
    for (const candidate of candidates) candidate.tokens.sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));

    // Every story of a pair is reported once (whichever file is open shows it), pointing at its
    // first twin, an identical one before a similar one.
    const twins = new Map<number, { other: number; exact: boolean }>();
    const link = (a: number, b: number, exact: boolean): void => {
      for (const [self, other] of [[a, b], [b, a]] as const) {
        const known = twins.get(self);
        if (!known || (exact && !known.exact) || (exact === known.exact && other < known.other)) twins.set(self, { other, exact });
      }
    };
    const firstByText = new Map<string, number>();
    candidates.forEach((candidate, i) => {
      const first = firstByText.get(candidate.normalized);
      if (first === undefined) firstByText.set(candidate.normalized, i);
      else link(first, i, true);
    });
    if (options.similarity < 1) for (const [a, b] of similarPairs(candidates, options.similarity)) link(a, b, false);

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
