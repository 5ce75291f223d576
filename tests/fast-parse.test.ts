import fc from 'fast-check';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../core/markdown/fast-parse';

const remark = unified().use(remarkParse);

/** The fast path either declines or builds exactly remark's tree. */
function expectSameTree(text: string): boolean {
  const fast = fastParse(text);
  if (fast) expect(fast, JSON.stringify(text)).toEqual(remark.parse(text));
  return fast !== undefined;
}

const STORY = `## PAY-12 Refund by card

**Story:** As a shopper, I want to refund by card, so that I get my money back.

_draft_ — Sprint 4, see \`payments\` and snake_case_names

### Acceptance criteria

- [ ] Given a paid order
- [x] When I refund it, then the card is credited
- Then **the ledger** shows it

1. first
2. second

\`\`\`gherkin title
Given a card
  When I pay
\`\`\`

<!-- storylint-disable-next-line story-size -->
Given a card  
When I pay  
Then it works

---

Problem & evidence: 14 tickets in *March*.
`;

describe('fastParse', () => {
  it('builds the same tree as remark for the common backlog constructs', () => {
    expect(expectSameTree(STORY)).toBe(true);
    const tree = fastParse(STORY)!;
    expect(tree.children.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'list',
      'list',
      'code',
      'html',
      'paragraph',
      'thematicBreak',
      'paragraph',
    ]);
  });

  it('declines what it does not model, and remark parses it', () => {
    for (const text of [
      '> quoted\nlazy',
      '> two\n> lines',
      '>tight',
      '> - nested list',
      '- a\n\n- loose',
      '- a\nlazy',
      '  indented',
      'a\\*escaped',
      '[ref]: https://example.com',
      '[a *b*](c)',
      '[a](b "title")',
      '[a](<b>)',
      '[a [b](c)',
      '**[a](b)**',
      '![image](a.png)',
      'tab\there',
      'crlf\r\n',
      'Title\n===',
      'para\n---',
      '**a*',
      'a*b*c',
      '`code',
      '<div>',
      '&amp;',
      '```\nunclosed',
      '<!-- unclosed',
      'one trailing space \nnext',
      '- item ',
      '* * *',
    ]) {
      expect(fastParse(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('builds one-line quotes and plain links like remark', () => {
    for (const text of [
      '> Quote from interview #6: "I gave up and called support."\n\nAfter it.',
      'Design in [Figma](https://figma.com/file/abc_def?node=1) and [the doc](docs/x.md#top).',
      '- [ ] [PAY-12](https://jira.example.com/browse/PAY-12) refund by card',
      '## [Epic](epic.md) refunds',
      'a] text [b] (c) [d](e)](f)',
    ]) {
      expect(expectSameTree(text), JSON.stringify(text)).toBe(true);
    }
    const types = fastParse('> quoted\n\n[a](b)')!.children.map((node) => (node.type === 'paragraph' ? node.children[0]!.type : node.type));
    expect(types).toEqual(['blockquote', 'link']);
  });

  it('agrees with remark on generated Markdown', () => {
    const piece = fc.constantFrom(
      '# ', '## ', '###### ', '####### ', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '```', '~~~', '```js x', '<!--', '-->', '<!-->',
      '---', '***', '___', '* * *', '**', '*', '_', '__', '`', '``', '[', ']', '[ ] ', '[x] ', '(', ')', '!', '&', '&amp;', '#',
      '> ', '[a](b)', '](', '](https://x.io/a_b?q=1#c)', '[x]', ' ', '  ', 'word', 'As a user', 'snake_case', ':', '.', ',', '—', 'é', '’', '>', '|', '=', '===', '\n', '\n', '\n\n', 'x', '5',
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        if (expectSameTree(pieces.join(''))) accepted++;
      }),
      { numRuns: 4000, seed: 20241129 },
    );
    // The generator must exercise the fast path, not only its refusals.
    expect(accepted).toBeGreaterThan(400);
  });
});
