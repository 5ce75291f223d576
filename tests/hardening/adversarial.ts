/**
 * Long crafted inputs that make naive scanners backtrack or rescan: repeated keywords, runs of
 * separators, unclosed Markdown markers, deep nesting, many small blocks. Each input is built from
 * `n` repetitions of a unit, so the work at n and 10n shows how each stage scales.
 */
export interface AdversarialInput {
  name: string;
  build(n: number): string;
}

const STATEMENT = 'As a buyer, I want to export my invoices so that I can file taxes.';
const CRITERIA = '## Acceptance criteria\n\n- [ ] Given an invoice, when I export it, then I get a PDF.\n';

/** A complete story whose statement carries the payload in its means. */
const inMeans = (name: string, unit: string): AdversarialInput => ({
  name: `statement: ${name}`,
  build: (n) => `# PAY-1 Export invoices\n\nAs a buyer, I want ${unit.repeat(n)} so that I can file taxes.\n\n${CRITERIA}`,
});

/** A complete story with the payload as one acceptance criterion. */
const inCriterion = (name: string, unit: string): AdversarialInput => ({
  name: `criterion: ${name}`,
  build: (n) => `# PAY-1 Export invoices\n\n${STATEMENT}\n\n## Acceptance criteria\n\n- [ ] ${unit.repeat(n)}\n`,
});

/** A complete story with the payload in its outcome section. */
const inOutcome = (name: string, unit: string): AdversarialInput => ({
  name: `outcome: ${name}`,
  build: (n) => `# PAY-1 Export invoices\n\n${STATEMENT}\n\n## Outcome\n\n${unit.repeat(n)}\n\n${CRITERIA}`,
});

/** The payload as the whole file body, after one story heading. */
const asBody = (name: string, build: (n: number) => string): AdversarialInput => ({
  name,
  build: (n) => `# PAY-1 Export invoices\n\n${build(n)}\n`,
});

/** `count` units, each from its index. */
const numbered = (count: number, unit: (i: number) => string) => Array.from({ length: count }, (_, i) => unit(i)).join('');
/** Words unique-story does not count as content: any selection of them rewords a statement. */
const LIGHT_WORDS = ['a', 'the', 'it', 'that', 'this', 'also', 'my', 'all', 'our', 'your', 'we', 'us', 'me', 'you'];
/** `i` in base 26, four letters at least: "aaaa", "baaa", ... */
const lettersOf = (i: number) => Array.from({ length: 4 }, (_, place) => String.fromCharCode(97 + (Math.floor(i / 26 ** place) % 26))).join('') + (i >= 26 ** 4 ? String(i) : '');

export const ADVERSARIAL_INPUTS: readonly AdversarialInput[] = [
  inMeans('"and and and"', 'and '),
  inMeans('"so that so that"', 'so that '),
  inMeans('"as a as a"', 'as a '),
  inMeans('"I want I want"', 'I want '),
  inMeans('commas', ','),
  inMeans('dashes', '-'),
  inMeans('pipes', '|'),
  inMeans('spaces', ' '),
  inMeans('apostrophes and hyphens', "'-"),
  inMeans('one long word', 'x'),
  inMeans('emoji', '😀'),
  inCriterion('"Given Given"', 'Given '),
  inCriterion('"when then when then"', 'when then '),
  inCriterion('vague words', 'fast and easy '),
  inOutcome('a long number', '1'),
  inOutcome('"from 1 to 2 from"', 'from 1 to 2 '),
  inOutcome('percent signs', '40% '),
  asBody('unclosed strong emphasis', (n) => `As a buyer, I want ${'**** '.repeat(n)}`),
  asBody('unclosed emphasis stars', (n) => '*'.repeat(n)),
  asBody('unclosed brackets', (n) => '['.repeat(n)),
  asBody('unclosed backticks', (n) => '`'.repeat(n)),
  asBody('unclosed HTML comment openers', (n) => '<!-- '.repeat(n)),
  asBody('angle brackets', (n) => '<a '.repeat(n)),
  asBody('many block quote lines', (n) => '> > > As a buyer, I want x so that y\n'.repeat(n / 10)),
  asBody('thematic breaks', (n) => '----\n\n'.repeat(n / 5)),
  asBody('table rows', (n) => `| a | b |\n|---|---|\n${'| x | y |\n'.repeat(n / 5)}`),
  asBody('list items', (n) => '- item\n'.repeat(n / 5)),
  asBody('a long story body', (n) => `${STATEMENT}\n\n${'Some words of the body go here, and there: with more text.\n\n'.repeat(n / 10)}`),
  asBody('one-line stories', (n) => '- As a buyer, I want to export invoices so that I can file taxes.\n'.repeat(n / 50)),
  asBody('a rollout outcome full of counts', (n) => `${STATEMENT}\n\n## Outcome\n\nRoll out card readers to ${'4 stores and 12 vans, '.repeat(n / 20)}by May.\n`),
  asBody('criteria items', (n) => `${STATEMENT}\n\n## Acceptance criteria\n\n${'- [ ] Given a, when b, then c\n'.repeat(n / 20)}`),
  asBody('nested lists ten deep', (n) => `${Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- As a buyer, I want x`).join('\n')}\n`.repeat(n / 100)),
  asBody('lone carriage returns', (n) => `As a buyer,\r${'I want\r'.repeat(n / 5)}`),
  asBody('directives', (n) => '<!-- storylint-disable require-benefit -->\n'.repeat(n / 30)),
  { name: 'heading stories', build: (n) => `# S\n\n${STATEMENT}\n\n`.repeat(n / 50) },
  { name: 'stories differing in one word', build: (n) => numbered(n / 50, (i) => `# S${i}\n\nAs a buyer, I want to export my invoices for month ${i} so that I can file taxes.\n\n`) },
  {
    name: 'long stories differing in one number',
    build: (n) => numbered(n / 50, (i) => `# S${i}\n\nAs a store manager, I want to request the weekly stock report from my phone for store ${1000 + i} so that I do not have to email the warehouse team.\n\n`),
  },
  {
    // Slot words one letter apart ("baaa", "caaa", ...): unique-story's bucket of spelling variants.
    name: 'long stories differing in one letter',
    build: (n) => numbered(n / 50, (i) => `# S${i}\n\nAs a store manager, I want to request the weekly stock report from my phone for store ${lettersOf(i)} so that I do not have to email the warehouse team.\n\n`),
  },
  {
    // Distinct texts with one content set: unique-story pairs each with the first few of the set.
    name: 'rewordings of one story',
    build: (n) => numbered(n / 50, (i) => `# S${i}\n\nAs a store manager, I want to request ${LIGHT_WORDS.filter((_, bit) => (i >> bit) & 1).join(' ')} the weekly stock report so that I do not have to email the warehouse team.\n\n`),
  },
  {
    name: 'long stories with one word more',
    build: (n) => numbered(n / 50, (i) => `# S${i}\n\nAs a store manager, I want to request the weekly stock report ${'and the daily sales report '.repeat(i % 3)}from my phone for store ${1000 + i} so that I do not have to email the warehouse team.\n\n`),
  },
  {
    name: 'a directive on every story',
    build: (n) =>
      numbered(n / 50, (i) => `<!-- storylint-disable-next-line require-evidence -->\n# S${i}\n\n<!-- storylint-disable-story story-format -->\n${STATEMENT}\n\n<!-- storylint-disable require-outcome -->\n<!-- storylint-enable -->\n`),
  },
  { name: 'headings without text', build: (n) => '#\n'.repeat(n / 2) },
  { name: 'front matter keys', build: (n) => `---\ntype: story\n${Array.from({ length: n / 10 }, (_, i) => `k${i}: v`).join('\n')}\n---\n${STATEMENT}\n` },
  { name: 'unclosed front matter', build: (n) => `---\ntype: story\n${'a: b\n'.repeat(n / 5)}` },
  { name: 'unclosed code fence', build: (n) => `# S\n\n\`\`\`\n${'# not a heading\n'.repeat(n / 15)}` },
  { name: 'long id', build: (n) => `# PAY-${'1'.repeat(n)} Export\n\n${STATEMENT}\n` },
  { name: 'long title of id-like words', build: (n) => `# ${'PAY-1 '.repeat(n / 5)}\n\n${STATEMENT}\n` },
];

/**
 * Nesting deep enough to overflow a recursive tree walk. Not timed: CommonMark makes every line
 * re-check each open container, so the parser's cost grows with depth × lines (see SECURITY.md).
 */
export const DEEP_NESTING: readonly AdversarialInput[] = [
  { name: 'block quotes', build: (depth) => `# S\n\n${'> '.repeat(depth)}As a buyer, I want x so that y\n` },
  { name: 'block quotes holding lists', build: (depth) => `# S\n\n${'> - '.repeat(depth)}As a buyer, I want x so that y\n` },
  { name: 'criteria in block quotes', build: (depth) => `# S\n\nAs a buyer, I want x so that y\n\n## Acceptance criteria\n\n${'> '.repeat(depth)}- Given a when b then c\n` },
  { name: 'strong emphasis', build: (depth) => `# S\n\nAs a buyer, I want ${'**a '.repeat(depth)}x${' b**'.repeat(depth)} so that y\n` },
  { name: 'links', build: (depth) => `# S\n\nAs a buyer, I want ${'[a '.repeat(depth)}x${'](u)'.repeat(depth)} so that y\n` },
];

/**
 * Stages known to do superlinear work, and why. linear-time.test.ts expects exactly these, so a change
 * (or a dependency update) that makes one linear shows up too; the wall-clock test skips them. The
 * whole lint, their sum, is expected to follow them and is not listed.
 */
export const KNOWN_SUPERLINEAR: Record<string, string[]> = {
  // micromark, remark's parser, re-walks the events of one long list whose items nest ten deep
  // (EditMap.consume from its document tokenizer): 10 times the items, about 100 times the pushes.
  'nested lists ten deep': ['build stories'],
};
