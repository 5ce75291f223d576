import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChangedOnDiskError, writeFileAtomic } from '../cli/io';
import { ensureBuilt, REPO, storylint, tempDir } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

const readTree = (root: string): Record<string, string> => {
  const files: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else files[relative(root, path)] = readFileSync(path, 'latin1');
    }
  };
  visit(root);
  return files;
};

describe('--fix', () => {
  it('writes the fixes and reports the findings of the fixed text', () => {
    const dir = tempDir('project');
    const before = readFileSync(join(dir, 'backlog', 'bad.md'), 'utf8');
    const run = storylint(['--fix', '-f', 'json', 'backlog/bad.md'], { cwd: dir });
    const after = readFileSync(join(dir, 'backlog', 'bad.md'), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after).toContain('## Acceptance criteria');
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[])[0]!.messages;
    // The inserted section is a skeleton: the rule now asks for its placeholders to be replaced.
    const criteria = messages.filter((message) => message.ruleId === 'require-acceptance-criteria');
    expect(criteria.map((message) => message.message)).toEqual([expect.stringContaining('still holds the placeholder "{context}"')]);
    expect(run.code).toBe(messages.some((message) => (message as { severity?: string }).severity === 'error') ? 1 : 0);
  });

  it('keeps the byte-order mark, CRLF line endings and the file mode', () => {
    const dir = tempDir('project');
    const path = join(dir, 'backlog', 'bad.md');
    const crlf = readFileSync(path, 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(path, `\ufeff${crlf}`);
    chmodSync(path, 0o640);
    storylint(['--fix', 'backlog/bad.md'], { cwd: dir });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('## Acceptance criteria\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, 'backlog')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const dir = tempDir('project');
    const before = readTree(dir);
    const run = storylint(['--fix-dry-run', 'backlog'], { cwd: dir });
    expect(readTree(dir)).toEqual(before);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['--- a/backlog/bad.md', '+++ b/backlog/bad.md', '@@ -10,3 +10,7 @@']);
    expect(lines.slice(3, 10)).toEqual([
      ' ## Outcome',
      ' ',
      ' Time finance spends on refund reconciliation falls from 6 hours to 1 hour a month by June.',
      '+',
      '+## Acceptance criteria',
      '+',
      expect.stringMatching(/^\+- \[ \] Given /),
    ]);
  });

  it('never writes a file whose front matter did not parse', () => {
    const dir = tempDir('project');
    const path = join(dir, 'backlog', 'bad.md');
    const text = `---\ntype: story\ntitle: [unclosed\n---\n${readFileSync(path, 'utf8')}`;
    writeFileSync(path, text);
    storylint(['--fix', 'backlog/bad.md'], { cwd: dir });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a failing write leaves the original intact and exits 2 (read-only folder; skipped as root)', () => {
    if (process.getuid?.() === 0) return; // root writes into read-only folders; the unit test below covers it.
    const dir = tempDir('project');
    const path = join(dir, 'backlog', 'bad.md');
    const before = readFileSync(path, 'utf8');
    chmodSync(join(dir, 'backlog'), 0o555);
    const run = storylint(['--fix', 'backlog/bad.md'], { cwd: dir });
    chmodSync(join(dir, 'backlog'), 0o755);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot write 'backlog/bad.md': permission denied");
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('is idempotent on every rule fixture and on examples/: a second --fix changes nothing', () => {
    const dir = tempDir();
    const fixtures = join(REPO, 'tests', 'fixtures', 'rules');
    for (const rule of readdirSync(fixtures)) {
      for (const file of readdirSync(join(fixtures, rule)).filter((name) => /^invalid-.*\.md$/.test(name) && !name.endsWith('.fixed.md'))) {
        mkdirSync(join(dir, 'rules', rule), { recursive: true });
        cpSync(join(fixtures, rule, file), join(dir, 'rules', rule, file));
      }
    }
    if (existsSync(join(REPO, 'examples'))) cpSync(join(REPO, 'examples'), join(dir, 'examples'), { recursive: true });
    const original = readTree(dir);
    storylint(['--fix', '--no-config', '.'], { cwd: dir });
    const once = readTree(dir);
    expect(Object.keys(once)).toEqual(Object.keys(original));
    storylint(['--fix', '--no-config', '.'], { cwd: dir });
    const twice = readTree(dir);
    for (const path of Object.keys(once)) expect(twice[path], path).toBe(once[path]);
    // The fixer did something, so the test checks real fixes.
    expect(Object.keys(once).filter((path) => once[path] !== original[path]).length).toBeGreaterThan(0);
  });
});

describe('writeFileAtomic', () => {
  it('refuses to overwrite a file that changed since it was read, leaving no temp file', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, 'original');
    const expected = readFileSync(path);
    expect(() => writeFileAtomic(path, 'fixed', { expected, beforeRename: () => writeFileSync(path, 'edited meanwhile') })).toThrow(ChangedOnDiskError);
    expect(readFileSync(path, 'utf8')).toBe('edited meanwhile');
    expect(readdirSync(dir)).toEqual(['story.md']);
  });

  it('a failing write leaves the original intact and reports the error', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, 'original');
    // The temp file vanishing before the rename stands for any failure between write and rename.
    expect(() =>
      writeFileAtomic(path, 'fixed', {
        beforeRename: () => {
          for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) unlinkSync(join(dir, name));
        },
      }),
    ).toThrow(/ENOENT/);
    expect(readFileSync(path, 'utf8')).toBe('original');
  });

  it('replaces the content when nothing changed meanwhile', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, 'original');
    writeFileAtomic(path, 'fixed', { expected: readFileSync(path) });
    expect(readFileSync(path, 'utf8')).toBe('fixed');
  });
});
