import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO, storylint, tempDir } from './cli-harness';

/*
 * A large run lints its files in worker threads (cli/parallel.ts). The output must be the serial
 * output, byte for byte: same findings, same order, same cross-file (backlog) findings and the same
 * directive handling. STORYLINT_WORKERS forces either path on a small fixture set.
 */
describe('parallel lint', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir();
    // Every rule's fixtures (directives, front matter, fixes) plus the example backlog, twice over
    // so that duplicate stories across files exercise the backlog rules.
    cpSync(join(REPO, 'tests', 'fixtures', 'rules'), join(dir, 'rules'), { recursive: true });
    cpSync(join(REPO, 'examples'), join(dir, 'examples'), { recursive: true });
    cpSync(join(REPO, 'examples'), join(dir, 'examples-copy'), { recursive: true });
    writeFileSync(join(dir, 'unused-directive.md'), '## Story\n\n<!-- storylint-disable story-size -->\n\nAs a nurse, I want to see the ward list, so that I find free beds.\n');
  });

  const lint = (workers: string, ...extra: string[]) => storylint(['.', '--format', 'json', ...extra], { cwd: dir, env: { STORYLINT_WORKERS: workers } });

  it('gives exactly the serial JSON output', () => {
    const serial = lint('0');
    const parallel = lint('3');
    expect(serial.stderr).toBe('');
    expect(parallel.stderr).toBe('');
    expect(parallel.code).toBe(serial.code);
    expect(parallel.stdout).toBe(serial.stdout);
    const files = JSON.parse(serial.stdout) as { messages: { ruleId: string }[] }[];
    const ruleIds = new Set(files.flatMap((file) => file.messages.map((message) => message.ruleId)));
    // The comparison covers story rules, backlog rules and more than a handful of files.
    expect(files.length).toBeGreaterThan(50);
    expect(ruleIds.has('unique-story')).toBe(true);
    expect(ruleIds.has('require-acceptance-criteria')).toBe(true);
  });

  it('reports unused directives the same way', () => {
    const serial = lint('0', '--report-unused-disable-directives');
    const parallel = lint('2', '--report-unused-disable-directives');
    expect(serial.stdout).toContain('unused-disable-directive');
    expect(parallel.stdout).toBe(serial.stdout);
  });
});
