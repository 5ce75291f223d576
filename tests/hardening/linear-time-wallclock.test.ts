import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_INPUTS, KNOWN_SUPERLINEAR } from './adversarial';
import { fastestRun, lintStages } from './timing';

/**
 * Wall-clock companion of linear-time.test.ts, for `npm run fuzz` only (STORYLINT_WALLCLOCK=1):
 * times depend on the machine and its load, so `npm test` counts work instead. Each crafted input is
 * linted at SIZE and 10 × SIZE repetitions of its unit; at 10,000 and 100,000 the constant factors
 * (a small input running warm in the CPU caches) are gone, so a linear stage takes about 10 times
 * longer and a quadratic one about 100 times. More than MAX_RATIO fails.
 */
const SIZE = Number(process.env.STORYLINT_HARDENING_SIZE ?? 10_000);
const MAX_RATIO = 50;
/**
 * Below this (ms) on the big input a stage is too fast for its ratio to mean anything: one garbage
 * collection of the big input's allocations alone can take 20 ms.
 */
const NOISE_FLOOR = 50;
const RUNS = 3;
const RETRIES = 6;

describe.runIf(process.env.STORYLINT_WALLCLOCK === '1')('lint time grows linearly with the input (wall clock)', () => {
  it.each(ADVERSARIAL_INPUTS.map((input) => [input.name, input] as const))('%s', (_name, input) => {
    const small = lintStages(input.build(SIZE));
    const large = lintStages(input.build(SIZE * 10));
    const slow: string[] = [];
    for (const [stage, runLarge] of large) {
      // A known superlinear stage, or the whole lint that sums it (see linear-time.test.ts).
      const known = KNOWN_SUPERLINEAR[input.name] ?? [];
      if (known.includes(stage) || (stage === 'whole lint' && known.length > 0)) continue;
      // The first run of the big input may also compile code paths the small one never took:
      // a slow first run is measured again below.
      let largeTime = fastestRun(runLarge, 1);
      if (largeTime < NOISE_FLOOR) continue;
      const runSmall = small.get(stage)!;
      let smallTime = fastestRun(runSmall, RUNS);
      // A stage that looks slow is measured again, both sizes in turn, to rule out a busy machine.
      for (let retry = 0; retry < RETRIES && largeTime / smallTime > MAX_RATIO; retry++) {
        largeTime = Math.min(largeTime, fastestRun(runLarge, 1));
        smallTime = Math.min(smallTime, fastestRun(runSmall, RUNS));
      }
      if (largeTime / smallTime > MAX_RATIO) slow.push(`${stage}: ${smallTime.toFixed(2)} ms -> ${largeTime.toFixed(1)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
