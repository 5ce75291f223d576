import { describe, expect, it } from 'vitest';
import { type BacklogEntry, describeStory } from '../core';

const entry = (filePath: string, line: number, title: string): BacklogEntry =>
  ({ filePath, line, story: { title } }) as unknown as BacklogEntry;

describe('describeStory', () => {
  const here = entry('/work/backlog/stories.md', 3, 'Refund a card payment');

  it('names a story of the same file by its line', () => {
    expect(describeStory(entry('/work/backlog/stories.md', 12, 'Partial refunds'), here)).toBe('line 12 (Partial refunds)');
  });

  it('names a story of another file by the file name and line, without folders', () => {
    expect(describeStory(entry('/work/backlog/payments/checkout.md', 74, 'Pay by card'), here)).toBe('checkout.md:74 (Pay by card)');
    expect(describeStory(entry('C:\\backlog\\checkout.md', 5, ''), here)).toBe('checkout.md:5');
  });
});
