import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, storylint, tempDir } from '../cli-harness';
import { markdownDocument } from './generators';

beforeAll(ensureBuilt, 120_000);

/** A few processes only (each costs a Node start); `npm run fuzz` makes each folder bigger. */
const FILES = Math.max(8, Math.floor(Number(process.env.STORYLINT_FUZZ_RUNS ?? 300) / 25));
const STACK_LINE = /^\s+at .+[(:]\d+/m;

describe('the CLI on generated Markdown files', () => {
  const dir = tempDir();
  const documents = fc.sample(markdownDocument, { numRuns: FILES, seed: Number(process.env.STORYLINT_FUZZ_SEED ?? 42) });
  const names = documents.map((_, index) => `doc-${index}.md`);
  beforeAll(() => documents.forEach((text, index) => writeFileSync(join(dir, names[index]!), text)));

  it.each([
    ['lint (json)', ['--no-config', '-f', 'json', '.']],
    ['lint (sarif, unused directives)', ['--no-config', '-f', 'sarif', '--report-unused-disable-directives', '.']],
    ['fix dry run', ['--no-config', '--fix-dry-run', '.']],
    ['fix', ['--no-config', '--fix', '-f', 'json', '.']],
  ])('%s exits 0 or 1 without a stack trace', (_name, args) => {
    const run = storylint(args, { cwd: dir });
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toMatch(/TypeError|RangeError|ReferenceError/);
    expect([0, 1], run.stderr).toContain(run.code);
    // Files with a NUL byte are skipped as binary, with a warning; every other file is reported.
    const binary = run.stderr.split('\n').filter((line) => / it is a binary file, not Markdown$/.test(line)).length;
    expect(binary).toBe(documents.filter((text) => Buffer.from(text).subarray(0, 8192).includes(0)).length);
    if (args.includes('json')) expect((JSON.parse(run.stdout) as unknown[]).length).toBe(names.length - binary);
  });

  it('piped-in text too', () => {
    for (const text of documents.slice(0, 3)) {
      const run = storylint(['--no-config', '--stdin', '-f', 'compact'], { cwd: dir, input: text });
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect([0, 1]).toContain(run.code);
    }
  });
});
