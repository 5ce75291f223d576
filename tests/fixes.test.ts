import { describe, expect, it } from 'vitest';
import { applyFixes } from '../core';

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

  it('skips a fix whose edit overlaps one already taken', () => {
    const outer = { title: 'outer', edits: [{ span: [0, 4] as const, text: 'X' }] };
    const inner = { title: 'inner', edits: [{ span: [2, 6] as const, text: 'Y' }] };
    const outcome = applyFixes('abcdefgh', [outer, inner]);
    expect(outcome.text).toBe('Xefgh');
    expect(outcome.applied).toEqual([outer]);
  });
});
