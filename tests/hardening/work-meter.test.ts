import { describe, expect, it } from 'vitest';
import { countWork } from './work-meter';

const growth = (work: (n: number) => void, n = 1000) => countWork(() => work(10 * n)).total / countWork(() => work(n)).total;

/** Words of a text, one pass: linear. */
function splitWords(n: number): void {
  const text = 'word '.repeat(n);
  const seen = new Set<string>();
  for (const match of text.matchAll(/\w+/g)) seen.add(match[0]);
}

describe('work meter', () => {
  it('counts the same work on every run', () => {
    const runs = Array.from({ length: 3 }, () => countWork(() => splitWords(1000)).total);
    expect(new Set(runs).size).toBe(1);
    expect(runs[0]).toBeGreaterThan(1000);
  });

  it('a linear pass grows about 10 times from n to 10n', () => {
    expect(growth(splitWords)).toBeGreaterThan(8);
    expect(growth(splitWords)).toBeLessThan(12);
  });

  it('catches rescanning with slice, nested includes and a global regex from the start', () => {
    const rescan = (n: number) => {
      const text = 'x'.repeat(n);
      for (let i = 0; i < text.length; i++) text.slice(i).startsWith('y');
    };
    const nested = (n: number) => {
      const words = Array.from({ length: n }, (_, i) => `w${i}`);
      words.forEach((word) => words.includes(word));
    };
    const restart = (n: number) => {
      const text = 'a '.repeat(n);
      for (let i = 0; i < n; i++) /b/.test(text);
    };
    for (const quadratic of [rescan, nested, restart]) expect(growth(quadratic, 300), quadratic.name).toBeGreaterThan(50);
  });

  it('restores the built-ins, also when the measured function throws', () => {
    const exec = RegExp.prototype.exec;
    const slice = String.prototype.slice;
    expect(() =>
      countWork(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(RegExp.prototype.exec).toBe(exec);
    expect(String.prototype.slice).toBe(slice);
  });
});
