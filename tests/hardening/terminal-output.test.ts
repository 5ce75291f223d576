import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, storylint, tempDir } from '../cli-harness';

beforeAll(ensureBuilt, 120_000);

/** Clears the screen, sets the window title (ended by BEL), and reverses the text after it. */
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007 \u202eexe.gnp';
/** ESC, BEL, the C1 controls, DEL and the bidi overrides and isolates. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ANSI_COLOUR = /\u001b\[\d+m/g;

const statement = 'As a support agent, I want to export refunds so that finance can reconcile them.\n';

describe('text output never passes control characters from a story to the terminal', () => {
  const dir = tempDir();
  const file = `story-${'\u009b'}31m.md`;
  beforeAll(() => {
    // The second story repeats the id: unique-id quotes the first story's title in its message.
    writeFileSync(join(dir, file), `# PAY-1 Export ${HOSTILE} refunds\n\n${statement}\n# PAY-1 Download refunds\n\n${statement.replace('export', 'download')}`);
  });

  it.each(['stylish', 'compact', 'github'])('%s shows them as visible escapes', (format) => {
    const run = storylint(['--format', format, '--rule', 'unique-id:error', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('unique-id');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('\\x1b[2J\\x1b]0;pwned\\x07 \\u{202e}exe.gnp');
    expect(run.stdout).toContain('story-\\x9b31m.md');
  });

  it('stylish with --color keeps its own colours and escapes the story\'s', () => {
    const run = storylint(['--format', 'stylish', '--color', '--rule', 'unique-id:error', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.stdout).toMatch(ANSI_COLOUR);
    expect(run.stdout.replace(ANSI_COLOUR, '')).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('\\x1b[2J');
  });
});

describe('warnings and config errors are escaped too', () => {
  it('a skipped file whose name holds ESC is named with a visible escape', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bin-\u001b[2J.md'), 'binary\u0000data');
    const run = storylint(['--no-config', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.stderr).toContain("skipping 'bin-\\x1b[2J.md': it is a binary file");
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });

  it('a config error quoting a hostile key shows it escaped', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ rules: { [`no-such-rule${HOSTILE}`]: 'error' } }));
    writeFileSync(join(dir, 'story.md'), `# PAY-1 Export refunds\n\n${statement}`);
    const run = storylint(['.'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-rule\\x1b[2J');
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});
