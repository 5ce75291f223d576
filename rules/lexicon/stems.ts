// Stemming: how the rules see that two spellings are one word.

/** Suffixes removed by `stemLite`, longest first. */
const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'edly', 'ed', 'ies', 'es', 's', 'ly', 'ments', 'ment'];

/**
 * A crude stem, enough to see that "synced", "syncs" and "sync" or "meetings" and "meeting" are one
 * word: one suffix off (keeping three letters), then a final e, y or i. Not a real stemmer.
 */
export function stemLite(word: string): string {
  let stem = word.replace(/'s$/, '');
  for (const suffix of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  return stem.length > 3 && /[eyi]$/.test(stem) ? stem.slice(0, -1) : stem;
}

/** The stems of a word list, to look words up by `stemLite`. */
export const stems = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(stemLite));
