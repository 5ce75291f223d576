import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli-harness';
import { git, IDENTITY, run, scratch } from './release-tree';

/**
 * A small project of the same shape as storylint's (a bin in dist/, ignored by git; devDependencies,
 * a prepare script, a file list), with the working copy of scripts/release.mjs, so the test never touches
 * this repository's tags and branches.
 */
function makeProject(dir: string, version: string): void {
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(REPO, 'scripts', 'release.mjs'), join(dir, 'scripts', 'release.mjs'));
  copyFileSync(join(REPO, '.pre-commit-hooks.yaml'), join(dir, '.pre-commit-hooks.yaml'));
  copyFileSync(join(REPO, 'action.yml'), join(dir, 'action.yml'));
  writeFileSync(join(dir, '.gitignore'), 'dist/\n*.tgz\n');
  writeFileSync(join(dir, 'dist', 'cli.js'), '#!/usr/bin/env node\nconsole.log("linted");\n');
  chmodSync(join(dir, 'dist', 'cli.js'), 0o755);
  writeFileSync(join(dir, 'README.md'), '# demo\n');
  setVersion(dir, version);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'source');
}

function setVersion(dir: string, version: string): void {
  const manifest = { name: 'demo', version, bin: { demo: 'dist/cli.js' }, files: ['dist/'], scripts: { prepare: 'exit 1', build: 'exit 1' }, devDependencies: { typescript: '5.9.3' }, allowScripts: { x: true } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

const release = (dir: string, ...args: string[]) => run(process.execPath, [join(dir, 'scripts', 'release.mjs'), '--skip-build', ...args], { cwd: dir, env: IDENTITY });

describe('scripts/release.mjs (npm run release)', () => {
  const project = scratch('release-project');

  beforeAll(() => makeProject(project, '1.2.3'));

  it('commits the packed tree on the release branch and tags it, leaving HEAD, the index and the files alone', () => {
    const head = git(project, 'rev-parse', 'HEAD');
    const made = release(project);
    expect(made.code).toBe(0);
    // The package's file list leaves out the hook and action definitions: they are copied in, with a warning.
    expect(made.stderr).toContain("release: action.yml is not in the npm package; copying it into the release tree (add it to the package's files)");
    expect(made.stdout).toMatch(/^release: v1\.2\.3 = [0-9a-f]{12}, \d+ files, [\d.]+ MB, on branch release$/m);
    // The npm package of the release: the same tree, its package.json without scripts.
    expect(made.stdout).toMatch(/^release: publish it with {2}git push origin release v1\.2\.3 {2}and {2}npm publish demo-1\.2\.3\.tgz$/m);
    expect(JSON.parse(run('tar', ['-xzOf', join(project, 'demo-1.2.3.tgz'), 'package/package.json'], { cwd: project }).stdout).scripts).toBeUndefined();
    expect(git(project, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(project, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git(project, 'status', '--porcelain')).toBe('');
    expect(git(project, 'rev-parse', 'v1.2.3^{commit}')).toBe(git(project, 'rev-parse', 'release'));
    expect(git(project, 'cat-file', '-t', 'v1.2.3')).toBe('tag'); // annotated
    const files = git(project, 'ls-tree', '-r', '--format=%(objectmode) %(path)', 'v1.2.3').split('\n').sort();
    expect(files).toEqual(['100644 .pre-commit-hooks.yaml', '100644 README.md', '100644 action.yml', '100644 package.json', '100755 dist/cli.js']);
    const released = JSON.parse(git(project, 'show', 'v1.2.3:package.json'));
    expect(released).toEqual({ name: 'demo', version: '1.2.3', bin: { demo: 'dist/cli.js' }, files: ['dist/'] });
    expect(git(project, 'log', '--format=%s', '-1', 'v1.2.3')).toBe(`demo v1.2.3: the built package (from ${head.slice(0, 7)})`);
  });

  it('refuses the same version twice, then releases the next one on top of the previous release', () => {
    const again = release(project);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('release: tag v1.2.3 exists already: raise "version" in package.json first');
    const first = git(project, 'rev-parse', 'release');
    setVersion(project, '1.3.0');
    git(project, 'commit', '--quiet', '-am', 'version 1.3.0');
    expect(release(project).code).toBe(0);
    expect(git(project, 'rev-parse', 'release^')).toBe(first);
    expect(git(project, 'tag', '--list')).toBe('v1.2.3\nv1.3.0');
  });

  it('refuses a working tree with changes or untracked files (npm would pack them)', () => {
    writeFileSync(join(project, 'notes.md'), 'draft\n');
    const untracked = release(project);
    expect(untracked.code).toBe(1);
    expect(untracked.stderr).toContain('the working tree has changes or untracked files: commit or remove them first');
    expect(git(project, 'tag', '--list')).toBe('v1.2.3\nv1.3.0');
  });

  it('--into writes a fresh, clean repository with the tag; a folder that is not empty is refused', () => {
    const into = join(scratch('release-into'), 'out');
    expect(release(project, '--into', into).code).toBe(0);
    expect(git(into, 'status', '--porcelain')).toBe('');
    expect(git(into, 'describe', '--tags', '--exact-match')).toBe('v1.3.0');
    expect(readFileSync(join(into, 'dist', 'cli.js'), 'utf8')).toContain('linted');
    const refused = release(project, '--into', into);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the folder is not empty; give a new or empty folder');
    expect(release(project, '--bogus').stderr).toContain("release: unknown option '--bogus'. Usage: node scripts/release.mjs [--into <dir>] [--skip-build]");
  });
});
