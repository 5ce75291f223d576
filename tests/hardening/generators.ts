import fc from 'fast-check';

/** Text fragments people really put into story files, plus the nasty ones editors produce. */
const word = fc.constantFrom(
  'user', 'buyer', 'refund', 'invoice', 'and', 'or', 'so', 'that', 'I', 'want', 'to', 'as', 'a', 'when', 'then',
  'given', 'fast', '40%', 'from', '3', 'TBD', '???', '😀', '日本語', 'مرحبا', 'e\u0301', '\u0000', '&amp;', '\\*', '`code`',
  '**bold**', '_em_', '[link](http://x)', '<b>', '<!--', '-->', '|', '#', '>', '- [ ]', '1.', '```', '~~~', '---',
  // Emoji sequences, bidi controls, invisible characters, lone surrogates (an editor can send them), tabs.
  '👩‍👩‍👧', '🇯🇵', '\u202Eevil\u202C', '\u200B', '\u00AD', '\uFEFF', '\uD800', '\uDC00x', '\t', 'שלום', '한국어', 'x\u0308\u0308\u0308',
);
const phrase = fc.array(word, { minLength: 0, maxLength: 12 }).map((parts) => parts.join(' '));
const statement = fc
  .tuple(fc.constantFrom('As a', '**As a**', 'As an', 'In order to', 'When', 'as the'), phrase, fc.constantFrom(', I want', ' I want to', ' I need', ','), phrase, fc.constantFrom('', ' so that', ', so', '\nso that'), phrase)
  .map((parts) => parts.join(' '));
const heading = fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom('', 'PAY-12 ', '#7 ', 'Outcome', 'Acceptance criteria', 'Problem', 'AC', 'Goal'), phrase).map(([level, prefix, text]) => `${'#'.repeat(level)} ${prefix}${text}`);
const setext = fc.tuple(phrase, fc.constantFrom('===', '---', '-', '=')).map(([text, underline]) => `${text}\n${underline}`);
const listItem = fc.tuple(fc.constantFrom('- ', '* ', '1. ', '- [ ] ', '- [x] ', '  - ', '    - '), fc.oneof(statement, phrase)).map(([marker, text]) => marker + text);
const fence = fc.tuple(fc.constantFrom('```', '~~~', '````', '```gherkin'), fc.array(fc.oneof(heading, phrase, statement), { maxLength: 4 }), fc.boolean()).map(([open, lines, closed]) => [open, ...lines, closed ? open.replace(/[a-z]+$/, '') : ''].join('\n'));
const comment = fc.tuple(fc.constantFrom('<!-- ', '<!--'), fc.constantFrom('storylint-disable', 'storylint-disable-next-line require-benefit', 'note', '# heading inside'), fc.constantFrom(' -->', '\n# not a heading\n-->', '')).map((parts) => parts.join(''));
const leadIn = fc.tuple(fc.constantFrom('**Outcome:**', 'Outcome:', '**Problem:**', '**Acceptance criteria:**', 'Evidence:', '**AC**:'), phrase).map(([label, text]) => `${label} ${text}`);
const html = fc.constantFrom('<div>', '<div>\n# inside html', '</div>', '<details><summary>x</summary>', '<pre>\n# pre\n</pre>', '<br>');
const quote = fc.oneof(statement, heading, phrase).map((text) => `> ${text}`);
const longLine = fc.integer({ min: 500, max: 5000 }).map((n) => 'so that and '.repeat(n / 10));
const deepQuote = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.oneof(statement, leadIn, listItem)).map(([depth, text]) => `${'> '.repeat(depth)}${text}`);
const table = fc.array(phrase, { minLength: 1, maxLength: 5 }).map((cells) => `| ${cells.join(' | ')} |\n|${cells.map(() => '---').join('|')}|\n| ${cells.join(' | ')} |`);
const longWord = fc.integer({ min: 100, max: 3000 }).map((n) => `As a buyer, I want ${'x'.repeat(n)} so that ${'-'.repeat(n / 10)}`);
const nested = fc.integer({ min: 1, max: 40 }).map((depth) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'));

const block = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 4, arbitrary: statement },
  { weight: 3, arbitrary: listItem },
  { weight: 2, arbitrary: leadIn },
  { weight: 2, arbitrary: phrase },
  { weight: 1, arbitrary: setext },
  { weight: 1, arbitrary: fence },
  { weight: 1, arbitrary: comment },
  { weight: 1, arbitrary: html },
  { weight: 1, arbitrary: quote },
  { weight: 1, arbitrary: longLine },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: deepQuote },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: longWord },
);

const frontMatter = fc.constantFrom('', '---\ntype: story\nid: X-1\noutcome: double sign-ups\n---\n', '---\ntype: story\n---\n', '---\n: bad yaml [\n---\n', '---\nnot closed\n', '---\ntype: !!js/function "x"\n---\n');

/** A Markdown document: optional BOM and front matter, blocks, and a line-ending style. */
export const markdownDocument = fc
  .tuple(fc.boolean(), frontMatter, fc.array(block, { maxLength: 25 }), fc.array(fc.constantFrom('\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '\n \n'), { minLength: 1, maxLength: 25 }))
  .map(([bom, front, blocks, separators]) => {
    const body = blocks.map((text, i) => text + separators[i % separators.length]).join('');
    const separator = separators[0]!;
    const withEndings = separator.includes('\r\n') ? (front + body).replace(/\r?\n/g, '\r\n') : separator === '\r' ? (front + body).replace(/\r?\n/g, '\r') : front + body;
    return (bom ? '\uFEFF' : '') + withEndings;
  });
