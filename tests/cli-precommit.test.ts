import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A fresh git repository with scripts/pre-commit-hook.sh installed as its pre-commit hook. */
function repositoryWithHook(): string {
  const repo = tempDir();
  expect(git(repo, 'init', '-q').status).toBe(0);
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'Test');
  const hook = join(repo, '.git', 'hooks', 'pre-commit');
  copyFileSync(join(REPO, 'scripts', 'pre-commit-hook.sh'), hook);
  chmodSync(hook, 0o755);
  return repo;
}

const HOOK_FIXTURES = join(__dirname, 'fixtures', 'adoption', 'hook');

describe('the plain pre-commit hook (scripts/pre-commit-hook.sh)', () => {
  it('refuses a commit with a bad story, printing the findings, and lets a good one through', () => {
    const repo = repositoryWithHook();

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

  it('reads the committed backlog: a staged story reusing a committed id is refused in the staged file only; a committed file’s own problems do not block', () => {
    const repo = repositoryWithHook();
    mkdirSync(join(repo, 'backlog'));
    copyFileSync(join(HOOK_FIXTURES, 'committed.md'), join(repo, 'backlog', 'committed.md'));
    // A committed story with problems of its own (committed past the hook).
    writeFileSync(join(repo, 'backlog', 'legacy.md'), '# SHOP-1 Wishlist\n\nAs a user, I want a wishlist.\n');
    git(repo, 'add', 'backlog');
    expect(git(repo, 'commit', '-q', '--no-verify', '-m', 'backlog').status).toBe(0);

    const staged = join(repo, 'backlog', 'gift cards.md');
    copyFileSync(join(HOOK_FIXTURES, 'staged.md'), staged);
    git(repo, 'add', 'backlog/gift cards.md');
    const refused = git(repo, 'commit', '-q', '-m', 'gift cards');
    expect(refused.status).not.toBe(0);
    const output = refused.stdout + refused.stderr;
    expect(output).toMatch(/backlog\/gift cards\.md\n\s+1:3\s+error\s+Id SHOP-7 is also used at committed\.md:1 \(SHOP-7 Save a cart for later\)/);
    expect(output).toContain('1 problem (1 error, 0 warnings, 0 infos)');
    expect(output).not.toContain('legacy.md');
    expect(output).not.toMatch(/committed\.md\n/);
    expect(git(repo, 'log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);

    writeFileSync(staged, readFileSync(staged, 'utf8').replace('SHOP-7', 'SHOP-8'));
    git(repo, 'add', 'backlog/gift cards.md');
    const accepted = git(repo, 'commit', '-q', '-m', 'gift cards');
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(git(repo, 'log', '--oneline').stdout).toMatch(/ gift cards\n/);
  });

  it('.pre-commit-hooks.yaml declares the storylint hook for Markdown files', () => {
    const text = readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
    for (const line of ['- id: storylint', '  entry: storylint', '  language: node', '  types: [markdown]']) expect(text).toContain(line);
  });
});
