import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../cli-harness';
import { FIXTURES, git, IDENTITY, releaseTree, run, scratch } from './release-tree';

const hasPreCommit = run('sh', ['-c', 'command -v pre-commit'], { cwd: REPO }).code === 0;
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

/** Every package installed under `dir`: the folders holding a package.json right below a node_modules. */
function installedPackages(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.name === 'node_modules') {
      for (const name of readdirSync(path)) {
        const scoped = name.startsWith('@') ? readdirSync(join(path, name)).map((inner) => `${name}/${inner}`) : [name];
        for (const pkg of scoped) if (existsSync(join(path, pkg, 'package.json'))) found.add(pkg);
      }
    }
    installedPackages(path, found);
  }
  return found;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => sum + (entry.isDirectory() ? folderBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size), 0);
}

describe('the hook definition (.pre-commit-hooks.yaml)', () => {
  it('runs the storylint bin on Markdown, every staged file in one call', () => {
    const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hooks).toEqual([expect.objectContaining({ id: 'storylint', entry: 'storylint', language: 'node', types: ['markdown'], require_serial: true })]);
    expect(manifest.bin.storylint).toBe('dist/cli.js');
  });
});

describe('npm pack prints only the tarball name (pre-commit reads its stdout as the file name)', () => {
  // A copy of the manifest with a prepare script that prints, so the check does not rebuild dist/ under other tests.
  function packIn(withNpmrc: boolean): string[] {
    const dir = scratch('pack');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, scripts: { prepare: 'echo building' }, devDependencies: {} }));
    if (withNpmrc) copyFileSync(join(REPO, '.npmrc'), join(dir, '.npmrc'));
    const packed = run('npm', ['pack', '--dry-run'], { cwd: dir, env: { npm_config_offline: 'true' } });
    expect(packed.code).toBe(0);
    return packed.stdout.trim().split('\n');
  }

  it("with the repository's .npmrc: one line, the .tgz", () => {
    expect(packIn(true)).toEqual([`storylint-${manifest.version}.tgz`]);
  });

  it('without it npm puts the lifecycle banner on stdout (the failure the .npmrc prevents)', () => {
    const lines = packIn(false);
    expect(lines).toContain(`> storylint@${manifest.version} prepare`);
    expect(lines.at(-1)).toBe(`storylint-${manifest.version}.tgz`);
  });
});

describe.skipIf(!hasPreCommit)('pre-commit framework, offline, against the release tag (needs Debian pre-commit: scripts/vscode-test/setup.sh)', () => {
  const release = releaseTree();
  const project = scratch('precommit-project');
  const home = scratch('precommit-home');
  const env = { PRE_COMMIT_HOME: home, npm_config_offline: 'true', PRE_COMMIT_COLOR: 'never' };
  const preCommit = (...args: string[]) => run('pre-commit', args, { cwd: project, env, timeoutMs: 300_000 });
  const story = (fixture: string) => copyFileSync(join(FIXTURES, fixture), join(project, 'invoice-search.md'));

  beforeAll(() => {
    git(project, 'init', '--quiet');
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${release.dir}\n    rev: ${release.tag}\n    hooks:\n      - id: storylint\n`);
    writeFileSync(join(project, 'notes.txt'), 'Not Markdown: the hook must not be given this file.\n');
    story('invoice-search.md');
    git(project, 'add', '.');
  });

  it('the release is tagged v<version> and its package.json has no devDependencies or scripts', () => {
    expect(release.tag).toBe(`v${manifest.version}`);
    const released = JSON.parse(readFileSync(join(release.dir, 'package.json'), 'utf8'));
    expect(released.devDependencies).toBeUndefined();
    expect(released.scripts).toBeUndefined();
    expect(released.bin).toEqual(manifest.bin);
    expect(existsSync(join(release.dir, 'dist', 'cli.js'))).toBe(true);
    expect(git(release.dir, 'status', '--porcelain')).toBe('');
  });

  it('run --all-files: a placeholder criterion fails the hook with the finding (exit 1); the fixed story passes (exit 0)', () => {
    const failed = preCommit('run', '--all-files');
    expect(failed.stderr).not.toMatch(/ENOENT|npm ERR|npm error/);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/storylint\.+Failed/);
    expect(failed.stdout).toMatch(/invoice-search\.md\n\s+15:5\s+error\s+Acceptance criteria are only placeholders/);
    expect(failed.stdout).not.toContain('notes.txt');

    story('invoice-search.fixed.md');
    git(project, 'add', '.');
    const passed = preCommit('run', '--all-files');
    expect(passed.stdout).toMatch(/storylint\.+Passed/);
    expect(passed.code).toBe(0);
  }, 300_000);

  it('installs one package, storylint, and no devDependency (prints the environment size)', () => {
    // The environment exists after the previous test; install it here too when this test runs alone.
    expect(preCommit('install-hooks').code).toBe(0);
    const packages = [...installedPackages(home)].sort();
    expect(packages).toEqual(['storylint']);
    const megabytes = folderBytes(home) / 1e6;
    console.log(`pre-commit environment: ${packages.length} package(s), ${megabytes.toFixed(1)} MB under PRE_COMMIT_HOME (the devDependencies alone are about 260 MB)`);
    expect(megabytes).toBeLessThan(60);
  }, 300_000);

  it('as the git hook: a commit with the bad story is refused, the fixed one goes through', () => {
    expect(preCommit('install').code).toBe(0);
    story('invoice-search.md');
    git(project, 'add', '.');
    const refused = run('git', ['commit', '--quiet', '-m', 'bad story'], { cwd: project, env: { ...env, ...IDENTITY } });
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('Acceptance criteria are only placeholders');
    story('invoice-search.fixed.md');
    git(project, 'add', '.');
    const committed = run('git', ['commit', '--quiet', '-m', 'fixed story'], { cwd: project, env: { ...env, ...IDENTITY } });
    expect(committed.code).toBe(0);
    expect(git(project, 'log', '--format=%s')).toBe('fixed story');
  }, 300_000);

  it('sees the committed backlog (args: --backlog .): a staged story reusing a committed id is refused, the finding in the staged file only', () => {
    const copy = readFileSync(join(FIXTURES, 'invoice-search.fixed.md'), 'utf8').replace('# Invoices', '# Invoices, copied');
    writeFileSync(join(project, 'copied.md'), copy);
    git(project, 'add', 'copied.md');
    const refused = run('git', ['commit', '--quiet', '-m', 'copied story'], { cwd: project, env: { ...env, ...IDENTITY } });
    const output = refused.stdout + refused.stderr;
    expect(refused.code).toBe(1);
    expect(output).toMatch(/copied\.md\n\s+3:4\s+error\s+.*INV-12.*invoice-search\.md/);
    // The committed file is read for the comparison, not reported.
    expect(output).not.toMatch(/^invoice-search\.md$/m);
    expect(git(project, 'log', '--format=%s')).toBe('fixed story');
  }, 300_000);
});
