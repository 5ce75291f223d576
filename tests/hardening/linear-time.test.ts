import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, lintFiles } from '../../core';
import { rules } from '../../rules';
import { ADVERSARIAL_INPUTS, DEEP_NESTING } from './adversarial';
import { catastrophicParts, sourceRegexes } from './regex-audit';
import { fastestRun, lintStages } from './timing';

/**
 * Each crafted input is linted at SIZE and 10 × SIZE repetitions of its unit. A linear stage takes
 * about 10 times longer on the bigger one, a quadratic one about 100 times: more than MAX_RATIO
 * fails. Linear stages measured up to 40 times on a busy machine (a 1 KB input runs in the CPU
 * caches, 10 KB does not), hence 50. No absolute times are asserted; `npm run fuzz` uses 10,000
 * and 100,000.
 */
const SIZE = Number(process.env.STORYLINT_HARDENING_SIZE ?? 1000);
const MAX_RATIO = 50;
/**
 * Below this (ms) on the big input a stage is too fast for its ratio to mean anything: tiny inputs
 * run warm in the CPU caches, and a big one pays for memory and garbage collection too.
 */
const NOISE_FLOOR = 20;
const RUNS = 3;
const RETRIES = 6;

describe('lint time grows linearly with the input', () => {
  it.each(ADVERSARIAL_INPUTS.map((input) => [input.name, input] as const))('%s', (_name, input) => {
    const small = lintStages(input.build(SIZE));
    const large = lintStages(input.build(SIZE * 10));
    const slow: string[] = [];
    for (const [stage, runLarge] of large) {
      // The first run of the big input may also compile code paths the small one never took:
      // a slow first run is measured again below.
      let largeTime = fastestRun(runLarge, 1);
      if (largeTime < NOISE_FLOOR) continue;
      const runSmall = small.get(stage)!;
      let smallTime = fastestRun(runSmall, RUNS);
      // A stage that looks slow is measured again, both sizes in turn, to rule out a busy machine:
      // other test files run in parallel, and one slow run of the big input is noise, not a trend.
      for (let retry = 0; retry < RETRIES && largeTime / smallTime > MAX_RATIO; retry++) {
        largeTime = Math.min(largeTime, fastestRun(runLarge, 1));
        smallTime = Math.min(smallTime, fastestRun(runSmall, RUNS));
      }
      if (largeTime / smallTime > MAX_RATIO) slow.push(`${stage}: ${smallTime.toFixed(2)} ms -> ${largeTime.toFixed(1)} ms`);
    }
    expect(slow).toEqual([]);
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

  it('no regex in core/, rules/, cli/ or server/ nests unbounded quantifiers or repeats overlapping alternatives', () => {
    const found = sourceRegexes(join(__dirname, '..', '..'), ['core', 'rules', 'cli', 'server']);
    expect(found.length).toBeGreaterThan(50);
    const flagged = found.flatMap((regex) => catastrophicParts(regex.pattern).map((problem) => `${regex.file}:${regex.line} /${regex.pattern}/: ${problem}`));
    expect(flagged).toEqual([]);
  });
});
