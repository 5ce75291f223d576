import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigResolver, describeConfig } from '../core/config/resolve';
import { DEFAULT_IGNORE_PATTERNS, isIgnoredByConfig, isIgnoredByDefault, isSelectedByConfig } from '../core/config/select';
import type { ConfigHost } from '../core/config/types';
import { rules } from '../rules';
import { editConfigText, literalGlob } from '../server/actions';
import { ensureBuilt, storylint, tempDir } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

/** A story with no acceptance criteria: require-acceptance-criteria reports it wherever it is linted. */
const STORY = '## PAY-40 Refund a voucher\n\nAs a support agent, I want to refund a voucher so that the customer can shop again.\n';

const memoryHost = (files: Record<string, string>): ConfigHost => ({ readFile: (path) => files[path], realPath: (path) => path });
const resolverFor = (files: Record<string, string> = {}) => new ConfigResolver({ rules, host: memoryHost(files), workspaceRoot: '/repo' });
const selected = (resolver: ConfigResolver, path: string) => isSelectedByConfig(resolver.forFile(path), path);

const NOT_BACKLOGS = [
  'CHANGELOG.md',
  'packages/api/CHANGELOG-2023.md',
  'docs/changelog.md',
  'CHANGES.md',
  'HISTORY.md',
  'History.md',
  'CODE_OF_CONDUCT.md',
  'LICENSE.md',
  'LICENSE-MIT.markdown',
  'SECURITY.md',
  '.github/SECURITY.md',
  'CONTRIBUTING.md',
  '.github/ISSUE_TEMPLATE/story.md',
  '.github/ISSUE_TEMPLATE/forms/bug.md',
  'ISSUE_TEMPLATE.md',
  '.github/PULL_REQUEST_TEMPLATE.md',
  '.github/PULL_REQUEST_TEMPLATE/feature.md',
  'docs/pull_request_template.md',
];
/** Names a backlog can have that a looser pattern (any case, any suffix) would skip. */
const BACKLOGS = ['README.md', 'backlog/payments.md', 'stories/security.md', 'stories/history-view.md', 'stories/licensing.md', 'rules/uniform-template.md', 'docs/contributing-guide/stories.md'];

describe('default ignores (core/config/select.ts)', () => {
  it('a directory walk skips well-known non-backlog files at any depth, and no README or backlog file', () => {
    const resolver = resolverFor();
    for (const path of NOT_BACKLOGS) {
      expect(isIgnoredByDefault(`/repo/${path}`), path).toBe(true);
      expect(selected(resolver, `/repo/${path}`), path).toBe(false);
    }
    for (const path of BACKLOGS) expect(selected(resolver, `/repo/${path}`), path).toBe(true);
    // Only the file's own name and folders count, not the folders the project sits in.
    expect(selected(resolver, '/home/CHANGELOG-tools/.github/ISSUE_TEMPLATE-notes/backlog.md')).toBe(true);
  });

  it('are not `ignores`: a file named on the command line or open in the editor is still linted', () => {
    const config = resolverFor().forFile('/repo/CHANGELOG.md');
    expect(isIgnoredByConfig(config, '/repo/CHANGELOG.md')).toBe(false);
    expect(config.ignores).toEqual([]);
  });

  it('"files" says where stories live and replaces them; "ignores" adds to them', () => {
    const withFiles = resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ files: ['**/*.md', '**/*.markdown'] }) });
    for (const path of NOT_BACKLOGS) expect(selected(withFiles, `/repo/${path}`), path).toBe(true);
    const withIgnores = resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ ignores: ['archive/**'] }) });
    expect(selected(withIgnores, '/repo/CHANGELOG.md')).toBe(false);
    expect(selected(withIgnores, '/repo/archive/old.md')).toBe(false);
    expect(selected(withIgnores, '/repo/backlog/payments.md')).toBe(true);
  });

  it('--print-config shows them as "defaultIgnores", and an empty list once "files" replaces them', () => {
    const described = describeConfig(resolverFor().forFile('/repo/CHANGELOG.md'));
    expect(described.files).toEqual(['**/*.md', '**/*.markdown']);
    expect(described.defaultIgnores).toEqual(DEFAULT_IGNORE_PATTERNS);
    const withFiles = describeConfig(resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ files: ['backlog/**/*.md'] }) }).forFile('/repo/x.md'));
    expect(withFiles).toMatchObject({ files: ['/repo/backlog/**/*.md'], defaultIgnores: [] });
  });
});

describe('the "Ignore this file" edit agrees with the CLI and core matching', () => {
  it('writes a glob that matches the file and no other, whatever characters its name has', () => {
    const names = ['stories/refund[1].md', 'stories/a{b,c}.md', 'stories/(v2)!.md', 'stories/!draft.md', 'stories/#1 what?.md', 'stories/*.md', 'stories/a+(b)@(c)|d^$.md', 'stories/é ü/x.md'];
    const others = ['stories/refund1.md', 'stories/ab.md', 'stories/v2!.md', 'stories/draft.md', 'stories/#1 whatX.md', 'stories/x.md', 'stories/abcd.md', ...names];
    for (const name of names) {
      const text = editConfigText('/repo/.storylintrc.json', '{}\n', { keyPath: ['ignores'], append: literalGlob(name) })!;
      const config = resolverFor({ '/repo/.storylintrc.json': text }).forFile(`/repo/${name}`);
      expect(isIgnoredByConfig(config, `/repo/${name}`), name).toBe(true);
      for (const other of others.filter((path) => path !== name)) expect(isIgnoredByConfig(config, `/repo/${other}`), `${name} vs ${other}`).toBe(false);
    }
  });
});

describe('storylint (process): which files a walk lints', () => {
  const project = () => {
    const dir = tempDir();
    for (const path of [...NOT_BACKLOGS, 'README.md', 'backlog/payments.md']) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), STORY);
    }
    return dir;
  };
  const linted = (stdout: string) => (JSON.parse(stdout) as { filePath: string }[]).map((result) => result.filePath);

  it('`storylint .` and a glob skip the well-known non-backlogs; README and the backlog are linted', () => {
    const dir = project();
    const walk = storylint(['-f', 'json', '.'], { cwd: dir });
    expect(walk.code).toBe(1);
    expect(linted(walk.stdout)).toEqual([join(dir, 'README.md'), join(dir, 'backlog', 'payments.md')]);
    const glob = storylint(['-f', 'json', '**/*.md'], { cwd: dir });
    expect(linted(glob.stdout)).toEqual([join(dir, 'README.md'), join(dir, 'backlog', 'payments.md')]);
  });

  it('a file named on the command line is linted anyway, unless the config\'s "ignores" covers it', () => {
    const dir = project();
    const named = storylint(['-f', 'json', 'CHANGELOG.md', '.github/ISSUE_TEMPLATE/story.md'], { cwd: dir });
    expect(named.code).toBe(1);
    expect(linted(named.stdout)).toEqual([join(dir, 'CHANGELOG.md'), join(dir, '.github', 'ISSUE_TEMPLATE', 'story.md')]);
    writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ ignores: ['CHANGELOG.md'] }));
    expect(storylint(['CHANGELOG.md'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('"files" in the config replaces the defaults; --print-config shows what applies', () => {
    const dir = project();
    const printed = JSON.parse(storylint(['--print-config', 'CHANGELOG.md'], { cwd: dir }).stdout);
    expect(printed).toMatchObject({ ignored: false, config: { files: ['**/*.md', '**/*.markdown'], defaultIgnores: DEFAULT_IGNORE_PATTERNS } });
    writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ files: ['**/*.md', '**/*.markdown'] }));
    const walk = storylint(['-f', 'json', '.'], { cwd: dir });
    expect(linted(walk.stdout)).toHaveLength(NOT_BACKLOGS.length + 2);
    expect(JSON.parse(storylint(['--print-config', 'CHANGELOG.md'], { cwd: dir }).stdout).config.defaultIgnores).toEqual([]);
  });
});
