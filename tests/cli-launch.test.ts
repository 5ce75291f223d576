import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO, storylint, tempDir } from './cli-harness';

/*
 * The bin (cli/launch.ts) runs dist/cli-main.js with a V8 code cache beside it. These runs use a
 * copy of the two files in a temp folder, so the repository's own cache is never touched.
 */
describe('the bin and its code cache', () => {
  let bin: string;
  const cacheFiles = (): string[] => readdirSync(join(bin, '..')).filter((name) => name.endsWith('.v8cache'));
  const lint = () => spawnSync(process.execPath, [bin, 'examples', '--format', 'json'], { cwd: REPO, encoding: 'utf8' });

  beforeAll(() => {
    ensureBuilt();
    const dir = tempDir();
    for (const name of ['cli.js', 'cli-main.js']) copyFileSync(join(REPO, 'dist', name), join(dir, name));
    bin = join(dir, 'cli.js');
  });

  it('gives the output of the bundle, leaves a cache after the first run and keeps it when V8 accepts it', () => {
    const expected = storylint(['examples', '--format', 'json'], { cwd: REPO });
    expect(cacheFiles()).toEqual([]);
    const first = lint();
    expect(first.status).toBe(1);
    expect(first.stdout).toBe(expected.stdout);
    const [cache] = cacheFiles();
    expect(cache).toMatch(/^\.cli-main\.[0-9a-f]{16}\.v8cache$/);
    const path = join(bin, '..', cache!);
    const written = statSync(path);
    expect(written.size).toBeGreaterThan(100_000);
    const second = lint();
    expect(second.stdout).toBe(expected.stdout);
    // Rewritten only when missing or rejected: an unchanged file means V8 took the cache.
    expect(statSync(path).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(path).ino).toBe(written.ino);
  });

  it('recovers from a corrupt cache: same output, a fresh cache', () => {
    const path = join(bin, '..', cacheFiles()[0]!);
    writeFileSync(path, 'not a code cache');
    const run = lint();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
    expect(readFileSync(path, 'latin1')).not.toBe('not a code cache');
    expect(cacheFiles()).toHaveLength(1);
  });
});
