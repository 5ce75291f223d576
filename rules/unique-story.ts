import { type BacklogEntry, defineBacklogRule, describeStory, normalizeForComparison } from '../core';

interface Candidate {
  entry: BacklogEntry;
  normalized: string;
  /** Distinct words, rarest first (the order prefix filtering needs). */
  tokens: string[];
  /** The same words as a set, built once: stories written from one template are compared many times. */
  words: ReadonlySet<string>;
}

/** Jaccard similarity of the word sets of two statements. */
function similarity(a: Candidate, b: Candidate): number {
  let shared = 0;
  for (const token of b.tokens) if (a.words.has(token)) shared++;
  return shared / (a.tokens.length + b.tokens.length - shared);
}

/** The index of the first number above `value` in an ascending list (its length if none is). */
function firstAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
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
function isNearDuplicate(a: Candidate, b: Candidate): boolean {
  const onlyA = a.tokens.filter((token) => !b.words.has(token) && !FILLER_WORDS.has(token));
  const onlyB = b.tokens.filter((token) => !a.words.has(token) && !FILLER_WORDS.has(token));
  if (onlyA.length === 0 || onlyB.length === 0) return true;
  return onlyA.every((token) => onlyB.some((other) => isVariant(token, other)));
}

/** Earlier statements indexed under one word, grouped by their size and the words left from that word on. */
interface Bucket {
  size: number;
  remaining: number;
  ids: number[];
}

/**
 * Calls `visit(earlier, later)` (indices) for each pair of statements whose word sets have a
 * Jaccard similarity of at least `threshold`. Prefix filtering keeps it near-linear: with words
 * ordered rarest first, two sets that similar must share a word among their first
 * |set| - ceil(threshold × |set|) + 1 words, so only stories sharing such a word are compared.
 * The first word two sets share also bounds their overlap by the words left in each from there
 * on: a bucket of stories whose rest is too short is skipped whole, so stories written from one
 * template (which all share its words) are not compared pair by pair.
 */
function forEachSimilarPair(candidates: readonly Candidate[], threshold: number, visit: (earlier: number, later: number) => void): void {
  const index = new Map<string, Map<string, Bucket>>();
  candidates.forEach((candidate, i) => {
    const size = candidate.tokens.length;
    const prefix = size - Math.ceil(threshold * size) + 1;
    const seen = new Set<number>();
    candidate.tokens.slice(0, prefix).forEach((token, position) => {
      const remaining = size - position;
      let buckets = index.get(token);
      for (const bucket of buckets?.values() ?? []) {
        const [small, large] = size < bucket.size ? [size, bucket.size] : [bucket.size, size];
        if (small < threshold * large) continue;
        // Words needed in common for the threshold; the epsilon keeps float rounding from skipping a pair similarity() accepts.
        if (Math.min(remaining, bucket.remaining) < Math.ceil((threshold * (size + bucket.size)) / (1 + threshold) - 1e-9)) continue;
        for (const j of bucket.ids) {
          if (seen.has(j)) continue;
          seen.add(j);
          if (similarity(candidate, candidates[j]!) >= threshold) visit(j, i);
        }
      }
      if (!buckets) index.set(token, (buckets = new Map()));
      const key = `${size} ${remaining}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.ids.push(i);
      else buckets.set(key, { size, remaining, ids: [i] });
    });
  });
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
      if (!normalized) continue;
      const words = new Set(normalized.split(' '));
      candidates.push({ entry, normalized, tokens: [...words], words });
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
    const sameText = new Map<string, number[]>();
    candidates.forEach((candidate, i) => {
      const group = sameText.get(candidate.normalized);
      if (group) {
        link(group[0]!, i, true);
        group.push(i);
      } else sameText.set(candidate.normalized, [i]);
    });
    // Near duplicates are searched among distinct statements; only a story without an identical
    // twin is reported with a near one: the first story of the other statement that is a near
    // duplicate (which depends on which of the two comes later, see isNearDuplicate).
    const linkSimilar = (own: readonly number[], others: readonly number[]): void => {
      if (own.length !== 1) return;
      const self = own[0]!;
      const nearAsLater = (later: number, earlier: number) => isNearDuplicate(candidates[later]!, candidates[earlier]!);
      if (others[0]! < self && nearAsLater(self, others[0]!)) return link(self, others[0]!, false);
      const after = others[firstAfter(others, self)];
      if (after !== undefined && nearAsLater(after, self)) link(self, after, false);
    };
    if (options.similarity < 1) {
      const groups = [...sameText.values()];
      forEachSimilarPair(
        groups.map((group) => candidates[group[0]!]!),
        options.similarity,
        (a, b) => {
          linkSimilar(groups[a]!, groups[b]!);
          linkSimilar(groups[b]!, groups[a]!);
        },
      );
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
