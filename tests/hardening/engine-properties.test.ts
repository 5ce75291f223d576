import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, fixUntilStable, lintFile, lintFiles, ParseCache, parseMarkdown, scan, StoryFindingsMemo } from '../../core';
import { rules } from '../../rules';
import { markdownDocument } from './generators';

/** Bounded so the normal test run stays fast; `npm run fuzz` runs many more. */
const RUNS = Number(process.env.STORYLINT_FUZZ_RUNS ?? 300);
const lint = (text: string) => lintFiles([{ filePath: 'doc.md', text }], { rules })[0]!;
const fixesOf = (text: string) => lint(text).findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));

describe('the engine on generated Markdown', () => {
  it('never throws and keeps every finding inside the document', () => {
    fc.assert(
      fc.property(markdownDocument, (text) => {
        const result = lint(text);
        for (const finding of result.findings) {
          expect(finding.span[0]).toBeGreaterThanOrEqual(0);
          expect(finding.span[0]).toBeLessThanOrEqual(finding.span[1]);
          expect(finding.span[1]).toBeLessThanOrEqual(text.length);
          expect(finding.line <= finding.endLine).toBe(true);
          expect(finding.ruleId).not.toBe(undefined);
          expect(finding.messageId).not.toBe('rule-failed');
        }
        for (const story of result.stories) {
          expect(story.span[0]).toBeLessThanOrEqual(story.span[1]);
          expect(story.span[1]).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('fixes reach a fixed point, only insert text, and keep every character of the original', () => {
    fc.assert(
      fc.property(markdownDocument, (text) => {
        for (const fix of fixesOf(text)) for (const edit of fix.edits) expect(edit.span[0]).toBe(edit.span[1]);
        const fixed = fixUntilStable(text, fixesOf).text;
        expect(fixesOf(fixed)).toEqual([]);
        expect(isSubsequence(text, fixed)).toBe(true);
      }),
      // A setext heading whose text is U+FEFF starts a chunk with it: that is content, not a byte-order mark.
      // A NUL (read as U+FFFD) before an escape must not shift the offsets after it.
      { numRuns: Math.ceil(RUNS / 3), examples: [['> As a  , I want   \r\n\r\n\ufeff\r\n===\r\n\r\n**Outcome:** \r\n\r\n'], ['As a \u0000 user \\* , I want   user\n']] },
    );
  });

  it('one pass of fixes only inserts: taking the inserted text out gives back the original exactly', () => {
    fc.assert(
      fc.property(markdownDocument, (text) => {
        const { text: fixed, applied } = applyFixes(text, fixesOf(text));
        // Inserted length per offset; several fixes may insert at the same place.
        const inserted = new Map<number, number>();
        for (const fix of applied) for (const edit of fix.edits) inserted.set(edit.span[0], (inserted.get(edit.span[0]) ?? 0) + edit.text.length);
        let restored = '';
        let from = 0;
        let shift = 0;
        for (const [offset, length] of [...inserted].sort((a, b) => a[0] - b[0])) {
          restored += fixed.slice(from + shift, offset + shift);
          from = offset;
          shift += length;
        }
        restored += fixed.slice(from + shift);
        expect(restored).toBe(text);
        expect(fixed.length).toBe(text.length + shift);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('lints an edited text with the incremental caches exactly as from scratch', () => {
    const edit = fc.tuple(markdownDocument, fc.nat(), fc.constantFrom('x', '\n', '# ', '\n## PAY-1 T\n', '- As a buyer, I want to pay so that I can leave\n', ''), fc.nat({ max: 40 }));
    fc.assert(
      fc.property(edit, ([text, at, insert, removed]) => {
        const position = text.length === 0 ? 0 : at % text.length;
        const edited = text.slice(0, position) + insert + text.slice(position + Math.min(removed, 3));
        const cache = new ParseCache();
        const memo = new StoryFindingsMemo();
        lintFile('doc.md', text, { rules, cache, memo });
        const incremental = lintFile('doc.md', edited, { rules, cache, memo });
        const fresh = lintFile('doc.md', edited, { rules });
        expect(incremental.stories).toEqual(fresh.stories);
        expect(incremental.findings).toEqual(fresh.findings);
      }),
      {
        numRuns: RUNS,
        examples: [
          // An empty list item or block quote has no text: its section content must sit in the chunk, not at offset 0, to move with it.
          [['As a buyer, I want xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx so that ----------\n \nuser\n===\n**Outcome:** \n \n> \n', 0, 'x', 0]],
          [['|  |\n|---|\n|  |\n\n# \n\n**Outcome:** \n\n- \n\n', 0, 'x', 0]],
          [['> - As a  , I want   \n \n# \n**Outcome:** \n \n- \n', 0, 'x', 0]],
          [['- As a  , I want   \n# \n**Outcome:** \r\n\r\n> - \n', 0, 'x', 0]],
          // Lone CR line endings: a rule looking back for the start of the line must stop at the CR, not reach the quote above.
          [['> \r# \r**Outcome:** TBD\r', 0, 'x', 0]],
        ],
      },
    );
  });

  it('splits a file at the same top-level headings as a full remark parse', () => {
    fc.assert(
      fc.property(markdownDocument, (text) => {
        const layout = scan(text);
        const bodyStart = layout.frontMatter ? layout.frontMatter.span[1] : layout.bodyStart;
        // Compare the heading starts after the front matter, as the full parse sees the body.
        const body = text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart);
        const full = parseMarkdown(body)
          .children.filter((node) => node.type === 'heading')
          .map((node) => node.position!.start.offset!);
        expect(layout.headings.map((heading) => heading.span[0])).toEqual(full);
      }),
      {
        numRuns: RUNS,
        examples: [
          // A line holding only U+FEFF is text, not a blank line: it continues the paragraph a setext underline turns into a heading.
          ['**Outcome:** \n\ufeff\n===\n'],
          ['Title\n\u00a0\n---\n'],
          // A "-" under a list item's paragraph is a setext underline inside the item: the next unindented line is no lazy continuation.
          ['- As a  , I want   \n  - \nuser\n===\n'],
          ['- As a  , I want   \n    - \nuser\n===\n'],
          // A fence or heading inside a list item leaves no paragraph open: the next unindented line ends the list.
          ['- foo\n  ```\nbaz\n===\n'],
          ['- foo\n  # bar\nbaz\n===\n'],
          // Inline HTML after a list paragraph is a lazy continuation line, not the start of a block that ends the list.
          ['1. user\n<b> user\n===\n'],
          // A lone tag after a list paragraph opens an HTML block inside the item, which the indented "# " continues.
          ['* foo\n<b>\n  # \n'],
          // "``` ```" is inline code, not a fence (a backtick fence's info holds no backtick): the quoted paragraph stays open.
          ['> ``` ```\nuser\n===\n'],
          // U+FEFF is text, not white space: after a tag it makes no HTML block, after a list marker no empty item.
          ['<b> \ufeff\n===\n'],
          ['foo\n- \ufeff\n===\n'],
          // A list marker indented inside a quote still opens an item: an empty one leaves no paragraph for a lazy line.
          ['>   - \nuser\n===\n'],
          // A tab after a list marker reaches the next multiple of four columns: here six, so the item holds indented code.
          ['  - \t user\nuser\n===\n'],
          // A line that reaches every container of an open paragraph continues it: no empty item starts on it, even in a new quote.
          ['> foo\n> * \nuser\n===\n'],
          ['foo\n> * \nuser\n===\n'],
          // micromark judges a marker after indented code as one interrupting a paragraph: "2. x" and "> 2. " are paragraph text.
          ['\tfoo\n2. x\n-\n'],
          ['\t> \n> 2. \nuser\n===\n'],
          // So does a marker after one that interrupted a paragraph on the same line: "2. " inside "* " is text.
          ['<b>> \n* 2. \n===\n---\n'],
          // Tabs in a quote count to their stops: five columns after a list marker open indented code, three after "> " do not.
          ['> > -\t  user\nuser\n---\n'],
          ['> \t user\nuser\n===\n'],
          // "- ---" and "* * *" are thematic breaks, not list items, in a quote too.
          ['- ---\n  # \n'],
          ['=\n> * * *\n-> \n--\n'],
          // Indented code on a lazy line after a quote ends with that line: an empty item may follow it.
          ['> \n    > \n10. \n--\n'],
        ],
      },
    );
  });
});

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (let i = 0; i < haystack.length && at < needle.length; i++) if (haystack[i] === needle[at]) at++;
  return at === needle.length;
}
