import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  closeSync,
  createReadStream,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, storylint, tempDir } from '../cli-harness';

beforeAll(ensureBuilt, 120_000);

/*
 * The CLI against special files, users and concurrent edits (issue 12). Every run has a timeout:
 * a regression here tends to hang (a FIFO, /dev/zero), and the test must fail instead.
 */

const isRoot = process.getuid?.() === 0;
const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/** A story that --fix changes (it gains an acceptance criteria section, whose absence is an error). */
const story = (index: number) =>
  `# PAY-${index} Export refunds ${index}\n\nAs a support agent, I want to export the refunds of month ${index} so that finance can reconcile them without asking me.\n\n` +
  `## Problem\n\nFinance asks support for a refund list every month: 38 requests in 2024.\n\n## Outcome\n\nTime finance spends on reconciliation falls from 6 hours to 1 hour a month by June.\n`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js`, killed after 20 s so a hang fails the test; `prefix` runs it as another user. */
function cli(args: readonly string[], options: { cwd: string; prefix?: readonly string[] }): Run {
  const command = [...(options.prefix ?? []), process.execPath, CLI, ...args];
  const result = spawnSync(command[0]!, command.slice(1), { cwd: options.cwd, input: '', encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined } });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

const lintedPaths = (run: Run) => (JSON.parse(run.stdout) as { filePath: string }[]).map((file) => file.filePath);

/** Puts a device or link of the system back if a regressed CLI replaced it (other processes need them). */
function restoring(path: string, isIntact: () => boolean, restore: () => void, test: () => void): void {
  try {
    test();
  } finally {
    if (!isIntact()) {
      rmSync(path, { force: true });
      restore();
    }
  }
}
const characterDevice = (path: string) => {
  try {
    return lstatSync(path).isCharacterDevice();
  } catch {
    return false;
  }
};

describe('-o and --cache-location on files that are not regular files', () => {
  it.skipIf(!isRoot)('-o to a character device writes to the device and leaves it a device', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(1));
    spawnSync('mknod', ['-m', '666', join(dir, 'sink'), 'c', '1', '3']);
    const run = cli(['--no-config', '-o', 'sink', 'story.md'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(statSync(join(dir, 'sink')).isCharacterDevice()).toBe(true);
  });

  it('-o /dev/null leaves /dev/null a character device', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(2));
    restoring(
      '/dev/null',
      () => characterDevice('/dev/null'),
      () => spawnSync('mknod', ['-m', '666', '/dev/null', 'c', '1', '3']),
      () => {
        const run = cli(['--no-config', '-o', '/dev/null', 'story.md'], { cwd: dir });
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe('');
        expect(characterDevice('/dev/null')).toBe(true);
      },
    );
  });

  it.skipIf(!isRoot)('--cache-location on a character device leaves it a device', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(3));
    spawnSync('mknod', ['-m', '666', join(dir, 'sink'), 'c', '1', '3']);
    const run = cli(['--no-config', '--cache', '--cache-location', 'sink', '-f', 'json', 'story.md'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(lintedPaths(run)).toEqual([join(dir, 'story.md')]);
    expect(statSync(join(dir, 'sink')).isCharacterDevice()).toBe(true);
  });

  it('-o /dev/stdout (and a link to /proc/self/fd/1) gives the report on a piped stdout', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(4));
    symlinkSync('/proc/self/fd/1', join(dir, 'out'));
    const viaLink = cli(['--no-config', '-f', 'json', '-o', 'out', 'story.md'], { cwd: dir });
    expect(viaLink.stderr).toBe('');
    expect(lintedPaths(viaLink)).toEqual([join(dir, 'story.md')]);
    expect(lstatSync(join(dir, 'out')).isSymbolicLink()).toBe(true);
    restoring(
      '/dev/stdout',
      () => lstatSync('/dev/stdout').isSymbolicLink(),
      () => symlinkSync('/proc/self/fd/1', '/dev/stdout'),
      () => {
        const run = cli(['--no-config', '-f', 'json', '-o', '/dev/stdout', 'story.md'], { cwd: dir });
        expect(run.stderr).toBe('');
        expect(lintedPaths(run)).toEqual([join(dir, 'story.md')]);
      },
    );
  });

  it('-o to a FIFO writes the report into it for a concurrent reader', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(5));
    expect(spawnSync('mkfifo', [join(dir, 'report.fifo')]).status).toBe(0);
    const reader = spawn('cat', [join(dir, 'report.fifo')], { stdio: ['ignore', 'pipe', 'ignore'] });
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const exited = once(reader, 'exit');
    const child = spawn(process.execPath, [CLI, '--no-config', '-f', 'json', '-o', 'report.fifo', 'story.md'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reader.kill('SIGKILL');
    }, 20_000);
    const [code] = (await once(child, 'exit')) as [number | null];
    // A regressed CLI renames a regular file over the FIFO: `cat` then waits for a writer forever.
    if (!statSync(join(dir, 'report.fifo')).isFIFO()) reader.kill('SIGKILL');
    await exited;
    clearTimeout(timer);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(statSync(join(dir, 'report.fifo')).isFIFO()).toBe(true);
    expect((JSON.parse(received) as { filePath: string }[]).map((file) => file.filePath)).toEqual([join(dir, 'story.md')]);
  }, 30_000);
});

describe('special files in a linted folder or named on the command line', () => {
  it('skips a link to /dev/zero and a FIFO with a warning, lints the regular file, and ends', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(6));
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    expect(spawnSync('mkfifo', [join(dir, 'pipe.md')]).status).toBe(0);
    const run = cli(['--no-config', '-f', 'json', '.'], { cwd: dir });
    expect(run.signal).toBe(null);
    expect(run.stderr).toBe(
      "storylint: skipping 'pipe.md': it is a FIFO (named pipe), not a regular file\n" + "storylint: skipping 'zero.md': it is a character device, not a regular file\n",
    );
    expect(lintedPaths(run)).toEqual([join(dir, 'story.md')]);
    // Skipped like a binary or too large file: the exit code is the one of the findings.
    expect(run.code).toBe(1);

    const named = cli(['--no-config', '-f', 'json', 'zero.md', 'pipe.md', 'story.md'], { cwd: dir });
    expect(named.signal).toBe(null);
    expect(named.stderr).toContain("skipping 'zero.md'");
    expect(named.stderr).toContain("skipping 'pipe.md'");
    expect(lintedPaths(named)).toEqual([join(dir, 'story.md')]);
  });
});

describe('--fix keeps the bytes it does not fix', () => {
  it('a lone 0xFF byte far from the fix is still there; removing the inserted text gives back the original', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    const [head, tail] = story(7).split('## Problem');
    const original = Buffer.concat([Buffer.from(`${head}Notes: caf\u00e9 `), Buffer.from([0xff]), Buffer.from(' \u{1f600} end.\n\n## Problem'), Buffer.from(tail!)]);
    writeFileSync(path, original);
    const run = cli(['--no-config', '--fix', 'story.md'], { cwd: dir });
    expect(run.stderr).toBe('');
    const fixed = readFileSync(path);
    expect(fixed.toString('utf8')).toContain('## Acceptance criteria');
    let prefix = 0;
    while (prefix < original.length && fixed[prefix] === original[prefix]) prefix++;
    let suffix = 0;
    while (suffix < original.length - prefix && fixed[fixed.length - 1 - suffix] === original[original.length - 1 - suffix]) suffix++;
    expect(prefix + suffix).toBe(original.length);
    expect(Buffer.concat([fixed.subarray(0, prefix), fixed.subarray(fixed.length - suffix)]).equals(original)).toBe(true);
  });
});

/** A user without root's privileges, created for these tests when missing. */
const testUser = (() => {
  if (!isRoot || !hasCommand('setpriv')) return undefined;
  const name = 'storylint-test';
  if (spawnSync('id', ['-u', name]).status !== 0) {
    if (!hasCommand('useradd')) return undefined;
    spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  }
  const uid = Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout);
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout);
  return Number.isInteger(uid) && uid > 0 ? { uid, gid, prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups'] } : undefined;
})();

describe('read-only files, as a normal user', () => {
  it.skipIf(!testUser)('--fix and -o leave a 0444 file untouched and exit 2, even in a folder the user may write', () => {
    const user = testUser!;
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), story(8));
    writeFileSync(join(dir, 'report.txt'), 'old report\n');
    for (const name of ['story.md', 'report.txt']) chmodSync(join(dir, name), 0o444);
    for (const path of [dir, join(dir, 'story.md'), join(dir, 'report.txt')]) chownSync(path, user.uid, user.gid);

    const fix = cli(['--no-config', '--fix', 'story.md'], { cwd: dir, prefix: user.prefix });
    expect(fix.stderr).toBe("storylint: cannot write 'story.md': permission denied\n");
    expect(fix.code).toBe(2);
    expect(readFileSync(join(dir, 'story.md'), 'utf8')).toBe(story(8));

    const output = cli(['--no-config', '-o', 'report.txt', 'story.md'], { cwd: dir, prefix: user.prefix });
    expect(output.stderr).toBe("storylint: cannot write 'report.txt': permission denied\n");
    expect(output.code).toBe(2);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('old report\n');
    expect(statSync(join(dir, 'report.txt')).mode & 0o777).toBe(0o444);
  });
});

describe('a file edited while --fix runs', () => {
  it('is not written, and the report and exit code are about what is on disk', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), story(9));
    // Binary files after a.md make the CLI print more warnings than a pipe holds. Node writes to a
    // pipe synchronously, so the CLI waits, with a.md read and not yet written, until the test reads.
    const filler = 'b'.repeat(200);
    for (let index = 0; index < 1000; index++) writeFileSync(join(dir, `${filler}-${index}.md`), '\0');
    const fifo = join(dir, 'stderr.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const stderrEnd = openSync(fifo, 'r+');
    const child = spawn(process.execPath, [CLI, '--no-config', '--fix', '-f', 'json', '.'], { cwd: dir, stdio: ['ignore', 'pipe', stderrEnd] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = once(child, 'exit');

    // The first warning: a.md, first in path order, has been read.
    expect(readSync(stderrEnd, Buffer.alloc(1))).toBe(1);
    const edited = `${story(9)}\nEdited in the editor meanwhile.\n`;
    writeFileSync(join(dir, 'a.md'), edited);
    const drain = createReadStream(fifo);
    await once(drain, 'open');
    closeSync(stderrEnd);
    let stderr = '';
    drain.on('data', (chunk) => (stderr += chunk.toString()));
    await once(drain, 'end');
    const [code] = (await exited) as [number | null];
    clearTimeout(timer);
    unlinkSync(fifo);

    expect(stderr).toContain("storylint: not fixing 'a.md': it changed on disk while storylint ran; run again\n");
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(edited);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results.map((result) => result.filePath)).toEqual([join(dir, 'a.md')]);
    expect(results[0]!.messages.map((message) => message.ruleId)).toContain('require-acceptance-criteria');
    expect(code).toBe(1);
  }, 40_000);
});

describe('the same file reached twice', () => {
  it('a link to a file in the same folder, or two names for one file: linted once, no duplicate findings', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), story(10));
    symlinkSync('a.md', join(dir, 'link.md'));
    const duplicates = (run: Run) => (JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[]).flatMap((file) => file.messages.map((message) => message.ruleId)).filter((rule) => rule === 'unique-id' || rule === 'unique-story');

    const walked = cli(['--no-config', '-f', 'json', '.'], { cwd: dir });
    expect(lintedPaths(walked)).toEqual([join(dir, 'a.md')]);
    expect(duplicates(walked)).toEqual([]);

    const named = cli(['--no-config', '-f', 'json', 'link.md', `${dir}/./a.md`, 'a.md'], { cwd: dir });
    expect(lintedPaths(named)).toEqual([join(dir, 'link.md')]);
    expect(duplicates(named)).toEqual([]);
  });
});

describe('a file with hundreds of thousands of stories', () => {
  it('200,000 one-line stories (5 MB) are linted, summarised and fixed without overflowing the stack', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'backlog.md'), Array.from({ length: 200_000 }, (_, index) => `- As a buyer, I want thing ${index}\n`).join(''));
    const run = (args: string[]) => storylint(['--no-config', ...args, 'backlog.md'], { cwd: dir, timeoutMs: 120_000 });
    const summary = run(['-f', 'summary']);
    expect(summary.stderr).toBe('');
    expect(summary.stdout).toContain('require-benefit 200,000');
    expect(run(['-f', 'stylish', '-o', 'report.txt']).stderr).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('200000 problems');
    expect(run(['--fix', '-f', 'compact', '-o', 'fixed.txt']).stderr).toBe('');
    expect(readFileSync(join(dir, 'backlog.md'), 'utf8').split(', so that {benefit}\n').length).toBe(200_001);
  }, 300_000);
});
