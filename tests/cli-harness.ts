import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const REPO = join(__dirname, '..');
export const CLI = join(REPO, 'dist', 'cli.js');
export const CLI_FIXTURES = join(__dirname, 'fixtures', 'cli');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js when a source is newer (npm test builds first; this covers `npx vitest run`). */
export function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(CLI).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const newest = Math.max(...['cli', 'core', 'host', 'rules', 'protocol', 'report'].map((dir) => newestSource(join(REPO, dir))));
  if (built >= newest) return;
  // Test files run in parallel: one build at a time.
  execFileSync('flock', ['/tmp/storylint-build.lock', 'node', 'scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `node dist/cli.js` in `cwd`, without colour-forcing variables from the test runner.
 * `timeoutMs` kills a run that hangs, so a regression fails instead of blocking the test file.
 */
export function storylint(args: readonly string[], options: { cwd: string; input?: string; env?: Record<string, string | undefined>; timeoutMs?: number }): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, DEBUG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, input: options.input ?? '', encoding: 'utf8', env: env as NodeJS.ProcessEnv, timeout: options.timeoutMs, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp directory removed after the test file; optionally seeded with a fixture folder. */
export function tempDir(seed?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'storylint-cli-'));
  if (seed) cpSync(join(CLI_FIXTURES, seed), dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
