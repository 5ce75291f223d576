import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt, REPO } from '../cli-harness';

export const FIXTURES = join(__dirname, 'fixtures');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; `env` entries set to undefined are removed from the inherited environment. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Run {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(command, args, { cwd: options.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A git identity, so commits work on machines without one configured. */
export const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid' };

/** Runs git in `cwd` with that identity, failing the test with git's message when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const result = run('git', args, { cwd, env: IDENTITY });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A temp folder removed after the test file. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `storylint-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The release tree as `npm run release` makes it (scripts/release.mjs --into: a fresh repository
 * with the tag), from the current build. Made once per test file, in beforeAll.
 */
export function releaseTree(): { dir: string; tag: string } {
  const dir = join(scratch('release'), 'storylint');
  const release = { dir, tag: '' };
  beforeAll(() => {
    ensureBuilt();
    const made = run(process.execPath, [join(REPO, 'scripts', 'release.mjs'), '--skip-build', '--into', dir], { cwd: REPO });
    if (made.code !== 0) throw new Error(`scripts/release.mjs failed (${made.code}): ${made.stderr}`);
    release.tag = git(dir, 'describe', '--tags', '--exact-match', 'HEAD');
  }, 120_000);
  return release;
}
