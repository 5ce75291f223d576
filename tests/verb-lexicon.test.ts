import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOSTLY_VERBS, VERB_CAPABLE } from '../rules/lexicon/verbs';
// @ts-expect-error: a plain ES module script without types
import { verbLexiconSource } from '../scripts/verb-lexicon.mjs';

describe('the compiled verb lexicon (rules/lexicon/verbs.ts)', () => {
  it('is what `npm run lexicon` writes from the installed en-lexicon', () => {
    expect(readFileSync(join(__dirname, '..', 'rules', 'lexicon', 'verbs.ts'), 'utf8')).toBe(verbLexiconSource());
  });

  it('knows verbs that are also nouns, and leaves function words and nouns out', () => {
    for (const word of ['share', 'order', 'contact', 'fertilise', 'file', 'email', 'download']) expect(VERB_CAPABLE.has(word), word).toBe(true);
    for (const word of ['many', 'well', 'back', 'the', 'albums', 'invoices', 'date']) expect(VERB_CAPABLE.has(word), word).toBe(false);
    expect([...MOSTLY_VERBS].every((word) => VERB_CAPABLE.has(word))).toBe(true);
    expect(MOSTLY_VERBS.has('download')).toBe(true);
    expect(MOSTLY_VERBS.has('level')).toBe(false);
  });
});
