import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, CLI_FIXTURES, ensureBuilt, REPO, tempDir } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

const git = (cwd: string, ...args: string[]) =>
  spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, STORYLINT: `${process.execPath} ${CLI}`, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, FORCE_COLOR: '0' },
  });

describe('the plain pre-commit hook (scripts/pre-commit-hook.sh)', () => {
  it('refuses a commit with a bad story, printing the findings, and lets a good one through', () => {
    const repo = tempDir();
    expect(git(repo, 'init', '-q').status).toBe(0);
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'config', 'user.name', 'Test');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    copyFileSync(join(REPO, 'scripts', 'pre-commit-hook.sh'), hook);
    chmodSync(hook, 0o755);

    copyFileSync(join(CLI_FIXTURES, 'project', 'backlog', 'bad.md'), join(repo, 'bad story.md'));
    git(repo, 'add', 'bad story.md');
    const refused = git(repo, 'commit', '-q', '-m', 'bad');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/bad story\.md\n\s+1:3\s+error\s+No acceptance criteria/);
    expect(refused.stderr).toContain('storylint: commit refused');
    expect(git(repo, 'log', '--oneline').stdout).toBe('');

    git(repo, 'rm', '-q', '--cached', 'bad story.md');
    copyFileSync(join(CLI_FIXTURES, 'project', 'backlog', 'good.md'), join(repo, 'good.md'));
    git(repo, 'add', 'good.md');
    const accepted = git(repo, 'commit', '-q', '-m', 'good');
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(git(repo, 'log', '--oneline').stdout).toMatch(/ good\n$/);
  });

  it('.pre-commit-hooks.yaml declares the storylint hook for Markdown files', () => {
    const text = readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
    for (const line of ['- id: storylint', '  entry: storylint', '  language: node', '  types: [markdown]']) expect(text).toContain(line);
  });
});
