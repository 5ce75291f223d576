import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'storylint-pipe-'));
beforeAll(() => {
  ensureBuilt();
  // Far more report than a pipe holds (64 KB), so the CLI is still writing when the reader leaves.
  const stories = Array.from({ length: 400 }, (_, index) => `## S-${index} Export invoice batch ${index}\n\nAs a clerk, I want to export invoice batch ${index}.\n`);
  writeFileSync(join(dir, 'backlog.md'), `# Backlog\n\n${stories.join('\n')}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a reader that closes the pipe early (storylint | head) ends the run quietly with its exit code, no stack trace', async () => {
  const child = spawn(process.execPath, [CLI, 'backlog.md', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Read the first chunk, then close our end as `head -c` does.
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk))));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(first.startsWith('[')).toBe(true);
  expect(stderr).toBe('');
  expect(code).toBe(1);
});
