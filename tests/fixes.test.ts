import { describe, expect, it } from 'vitest';
import { applyFixes, lintFiles } from '../core';
import { rules } from '../rules';
import { countWork } from './hardening/work-meter';

describe('applyFixes', () => {
  it('an insertion and a replacement at the same offset both apply to the original text, in either order', () => {
    const text = 'As a user, I want it';
    const replace = { title: 'role', edits: [{ span: [5, 9] as const, text: 'support agent' }] };
    const insert = { title: 'prefix', edits: [{ span: [5, 5] as const, text: 'busy ' }] };
    expect(applyFixes(text, [replace, insert]).text).toBe('As a busy support agent, I want it');
    expect(applyFixes(text, [insert, replace]).text).toBe('As a busy support agent, I want it');
  });

  it('two insertions at one offset keep the order of their fixes', () => {
    const first = { title: 'a', edits: [{ span: [0, 0] as const, text: 'A' }] };
    const second = { title: 'b', edits: [{ span: [0, 0] as const, text: 'B' }] };
    expect(applyFixes('x', [first, second]).text).toBe('ABx');
  });

  it('does linear work in the number of fixes (a file of 200,000 one-line stories gets 200,000)', () => {
    const workFor = (count: number) => {
      const text = 'As a buyer, I want a refund\n'.repeat(count);
      const fixes = Array.from({ length: count }, (_, index) => ({ title: 'benefit', edits: [{ span: [index * 28 + 27, index * 28 + 27] as const, text: ', so that {benefit}' }] }));
      applyFixes(text, fixes);
      return countWork(() => applyFixes(text, fixes)).total;
    };
    expect(workFor(10_000)).toBeLessThan(15 * workFor(1000));
  });

  it('skips a fix whose edit overlaps one already taken', () => {
    const outer = { title: 'outer', edits: [{ span: [0, 4] as const, text: 'X' }] };
    const inner = { title: 'inner', edits: [{ span: [2, 6] as const, text: 'Y' }] };
    const outcome = applyFixes('abcdefgh', [outer, inner]);
    expect(outcome.text).toBe('Xefgh');
    expect(outcome.applied).toEqual([outer]);
  });
});

describe('fixes land on the text a reader sees', () => {
  const benefitFix = (text: string) => {
    const [result] = lintFiles([{ filePath: 'story.md', text }], { rules });
    return applyFixes(text, [result!.findings.find((finding) => finding.ruleId === 'require-benefit')!.fix!]).text;
  };

  it('after a character reference, an escape and an emoji, the "so that" goes after the statement', () => {
    expect(benefitFix('As a buyer, I want a refund &amp; \\*fast\\* 👩‍👩‍👧\n')).toBe('As a buyer, I want a refund &amp; \\*fast\\* 👩‍👩‍👧, so that {benefit}\n');
  });

  it('a 300,000-character statement with an escape still gets its fix after its end', () => {
    const long = 'word '.repeat(60_000);
    expect(benefitFix(`As a buyer, I want a refund \\* ${long}now\n`)).toBe(`As a buyer, I want a refund \\* ${long}now, so that {benefit}\n`);
  });

  it('on a statement whose continuation line is indented in a list item', () => {
    expect(benefitFix('- As a buyer, I want a refund &eacute;\n  for my order 👍\n')).toBe('- As a buyer, I want a refund &eacute;\n  for my order 👍, so that {benefit}\n');
  });
});
