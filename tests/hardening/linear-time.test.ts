import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, lintFiles } from '../../core';
import { rules } from '../../rules';
import { ADVERSARIAL_INPUTS, DEEP_NESTING, KNOWN_SUPERLINEAR } from './adversarial';
import { catastrophicParts, sourceRegexes } from './regex-audit';
import { lintStages } from './timing';
import { countWork, type Work } from './work-meter';

/**
 * Each crafted input is linted at SIZE and 10 × SIZE repetitions of its unit, and the work of every
 * stage is counted (see work-meter.ts: calls of the built-in string, regex, array and collection
 * methods, weighted by what they scan). A linear stage does about 10 times the work on the bigger
 * input, an n log n one about 13 times, a quadratic one about 100 times: more than MAX_GROWTH fails.
 * Counts, not times: the same input gives the same count on every run, whatever the machine's load.
 * Backtracking inside a single regex call is invisible to the meter; the static audit of the
 * source's regexes below covers it. `npm run fuzz` also compares wall-clock times
 * (linear-time-wallclock.test.ts).
 */
const SIZE = 1000;
const MAX_GROWTH = 15;
const WHOLE_LINT = 'whole lint';


/**
 * The work of each stage of a lint of `text`. Each stage runs once unmetered first, so lazily built
 * tables (word lists, compiled matchers) are not counted, whichever test ran before.
 */
const workPerStage = (text: string) =>
  new Map(
    [...lintStages(text)].map(([stage, run]) => {
      run();
      return [stage, countWork(run)];
    }),
  );

/** The method whose work grew the most: where to look first. */
function mostGrown(small: Work, large: Work): string {
  const grown = [...large.byMethod].map(([method, work]) => [method, work - (small.byMethod.get(method) ?? 0)] as const);
  return grown.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

describe('lint work grows linearly with the input', () => {
  it.each(ADVERSARIAL_INPUTS.map((input) => [input.name, input] as const))('%s', (_name, input) => {
    const small = workPerStage(input.build(SIZE));
    const large = workPerStage(input.build(SIZE * 10));
    const known = KNOWN_SUPERLINEAR[input.name] ?? [];
    const superlinear = [...large].filter(([stage, work]) => work.total > MAX_GROWTH * small.get(stage)!.total);
    // The whole lint is the sum of the stages: with a known superlinear stage it may grow faster
    // than linear or, where linear stages dominate, just under the bar. Either is expected.
    const expected = (stage: string) => known.includes(stage) || (stage === WHOLE_LINT && known.length > 0);
    const unexpected = superlinear.filter(([stage]) => !expected(stage));
    expect(unexpected.map(([stage, work]) => `${stage}: ${small.get(stage)!.total} -> ${work.total}, mostly ${mostGrown(small.get(stage)!, work)}`)).toEqual([]);
    expect(
      superlinear.map(([stage]) => stage).filter((stage) => stage !== WHOLE_LINT),
      'a stage in KNOWN_SUPERLINEAR is linear now: remove it from there',
    ).toEqual(known);
  });
});

describe('deep nesting', () => {
  it.each(DEEP_NESTING.filter((input) => !['block quotes holding lists', 'strong emphasis'].includes(input.name)).map((input) => [input.name, input] as const))(
    '3,000 levels of %s do not overflow the stack',
    (_name, input) => {
      const [result] = lintFiles([{ filePath: 'deep.md', text: input.build(3000) }], { rules, settings: DEFAULT_SETTINGS });
      expect(result!.stories.length).toBe(1);
      expect(result!.findings.filter((finding) => finding.messageId === 'rule-failed')).toEqual([]);
    },
  );
});

describe('regular expressions in the source', () => {
  it('the audit recognises catastrophic shapes and accepts safe ones', () => {
    expect(catastrophicParts('(a+)+')).toEqual(['nested quantifier in (a+)+']);
    expect(catastrophicParts('^(?:\\w+\\s?)*$')).toEqual(['nested quantifier in (?:\\w+\\s?)*']);
    expect(catastrophicParts('(a|a)*')).toEqual(['overlapping alternatives repeated in (a|a)*']);
    expect(catastrophicParts('(ab|a)+c')).toEqual(['overlapping alternatives repeated in (ab|a)+']);
    expect(catastrophicParts('((a)+b?)*')).toEqual(['nested quantifier in ((a)+b?)*']);
    expect(catastrophicParts('(a{2,})+')).toEqual(['nested quantifier in (a{2,})+']);
    for (const safe of ['(ab)+', '[a+]+', '\\(a+\\)+', '(a{2,3})+', '(?:a|b)+', '^#{1,6}(?:[ \\t]|$)', '(x+)?y', '(\\d+)(?:,\\d+)*', '^(?:\\s*x)*$', '^(?:\\*[ \\t]*){3,}$']) {
      expect(catastrophicParts(safe), safe).toEqual([]);
    }
  });

  it('no regex in core/, rules/, report/, cli/, server/, protocol/ or host/ nests unbounded quantifiers or repeats overlapping alternatives', () => {
    const found = sourceRegexes(join(__dirname, '..', '..'), ['core', 'rules', 'report', 'cli', 'server', 'protocol', 'host']);
    expect(found.length).toBeGreaterThan(50);
    const flagged = found.flatMap((regex) => catastrophicParts(regex.pattern).map((problem) => `${regex.file}:${regex.line} /${regex.pattern}/: ${problem}`));
    expect(flagged).toEqual([]);
  });
});
