import { spawn, spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, storylint, tempDir } from '../cli-harness';

beforeAll(ensureBuilt, 120_000);

/** A story that --fix changes (it gains an acceptance criteria section), numbered so no two files are the same story. */
const story = (index: number) =>
  `# PAY-${index} Export refunds ${index}\n\nAs a support agent, I want to export the refunds of month ${index} so that finance can reconcile them without asking me.\n\n` +
  `## Problem\n\nFinance asks support for a refund list every month: 38 requests in 2024.\n\n## Outcome\n\nTime finance spends on reconciliation falls from 6 hours to 1 hour a month by June.\n`;

/** Temp files as cli/io.ts names them: hidden, with the process id and a random tag. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

const chattrWorks = (() => {
  if (process.platform !== 'linux') return false;
  const probe = join(tempDir(), 'probe');
  writeFileSync(probe, '');
  const on = spawnSync('chattr', ['+i', probe]);
  spawnSync('chattr', ['-i', probe]);
  return on.status === 0;
})();

describe('--fix and the files it writes', () => {
  it('writes through a symbolic link: the target gets the fix, the link stays a link', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'story.md'), story(1));
    symlinkSync(join('shared', 'story.md'), join(dir, 'link.md'));
    const run = storylint(['--fix', '--no-config', 'link.md'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.md'))).toBe(join('shared', 'story.md'));
    expect(readFileSync(join(dir, 'shared', 'story.md'), 'utf8')).toContain('## Acceptance criteria');
    expect(readdirSync(join(dir, 'shared'))).toEqual(['story.md']);
  });

  it('keeps CRLF endings, a lone-CR-free text and the byte-order mark of a generated story', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, `\ufeff${story(2).replace(/\n/g, '\r\n')}`);
    storylint(['--fix', '--no-config', 'story.md'], { cwd: dir });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\ufeff# PAY-2')).toBe(true);
    expect(text).toContain('## Acceptance criteria\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.skipIf(!chattrWorks)('reports an immutable file (chattr +i, which stops root too) and leaves it and its folder as they were', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, story(3));
    spawnSync('chattr', ['+i', path]);
    try {
      const run = storylint(['--fix', '--no-config', 'story.md'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("cannot write 'story.md': permission denied");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      spawnSync('chattr', ['-i', path]);
    }
    expect(readFileSync(path, 'utf8')).toBe(story(3));
    expect(readdirSync(dir)).toEqual(['story.md']);
  });

  it('skips a file over --max-file-size with a warning, and lints it under a bigger limit', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.md'), `${story(4)}\n${'Notes about the export. '.repeat(50_000)}\n`);
    writeFileSync(join(dir, 'small.md'), story(5));
    const skipped = storylint(['--no-config', '--max-file-size', '500KB', '-f', 'json', '.'], { cwd: dir });
    expect(skipped.stderr).toBe("storylint: skipping 'big.md': it is 1.1 MB, over the 0.5 MB limit (--max-file-size)\n");
    expect((JSON.parse(skipped.stdout) as { filePath: string }[]).map((file) => file.filePath)).toEqual([join(dir, 'small.md')]);
    const linted = storylint(['--no-config', '--max-file-size=2MB', '-f', 'json', '.'], { cwd: dir });
    expect(linted.stderr).toBe('');
    expect((JSON.parse(linted.stdout) as unknown[]).length).toBe(2);
    expect(storylint(['--max-file-size', 'lots', '.'], { cwd: dir }).stderr).toContain('--max-file-size expects a size like 500KB or 10MB, got "lots"');
  });

  it('killed (SIGKILL) in the middle of --fix on 300 files: each file is the original or the fixed text, never partial', async () => {
    const names = Array.from({ length: 300 }, (_, index) => `story-${String(index).padStart(3, '0')}.md`);
    const reference = tempDir();
    names.forEach((name, index) => writeFileSync(join(reference, name), story(index)));
    const dir = tempDir();
    cpSync(reference, dir, { recursive: true });
    // The fixed text of every file, from an uninterrupted run on a copy.
    expect(storylint(['--fix', '--no-config', '.'], { cwd: reference }).code).not.toBe(2);
    const fixed = new Map(names.map((name) => [name, readFileSync(join(reference, name), 'utf8')]));
    expect(names.every((name, index) => fixed.get(name) !== story(index))).toBe(true);

    const child = spawn(process.execPath, [CLI, '--fix', '--no-config', '.'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Files are written in path order: once the first one changed, writes are under way.
    const first = join(dir, names[0]!);
    const original = statSync(first).mtimeMs;
    const deadline = Date.now() + 60_000;
    let running = true;
    void exited.then(() => (running = false));
    while (running && statSync(first).mtimeMs === original && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    child.kill('SIGKILL');
    await exited;

    const entries = readdirSync(dir);
    const leftovers = entries.filter((name) => !names.includes(name));
    // A write in flight leaves its temp file: hidden, clearly named, never linted as Markdown.
    expect(leftovers.length).toBeLessThanOrEqual(1);
    for (const name of leftovers) expect(name).toMatch(TEMP_FILE);
    let fixedCount = 0;
    names.forEach((name, index) => {
      const text = readFileSync(join(dir, name), 'utf8');
      expect([story(index), fixed.get(name)], name).toContain(text);
      if (text === fixed.get(name)) fixedCount++;
    });
    expect(fixedCount).toBeGreaterThan(0);
    // The next run finishes the job and does not treat the temp file as a story file.
    const again = storylint(['--fix', '--no-config', '-f', 'json', '.'], { cwd: dir });
    expect((JSON.parse(again.stdout) as unknown[]).length).toBe(300);
    for (const name of names) expect(readFileSync(join(dir, name), 'utf8')).toBe(fixed.get(name));
  }, 120_000);
});
