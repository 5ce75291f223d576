import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { ConfigError } from '../../core';
import { nodeConfigHost } from '../../host/node-config';
import { WorkspaceConfig } from '../../server/config';
import { ensureBuilt, storylint, tempDir } from '../cli-harness';
import { LspClient, SERVER } from '../helpers/lsp-client';

beforeAll(ensureBuilt, 120_000);

/** A run that hangs is killed after this and fails, instead of blocking the test file. */
const TIMEOUT_MS = 20_000;

/** Exponential in a backtracking engine: a 44-character heading of lower-case letters never finishes. */
const CATASTROPHIC_ID_PATTERN = '^(([a-z])+.)+[A-Z]([a-z])+$';
const LONG_HEADING = 'a'.repeat(48);

const statement = (what: string) => `As a support agent, I want to ${what} so that finance can reconcile them.\n`;

describe('idPattern runs in linear time', () => {
  it('a pattern that backtracks catastrophically in JavaScript finishes on a long heading, with its findings', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ idPattern: CATASTROPHIC_ID_PATTERN }));
    const story = [`# refund Export\n\n${statement('export refunds')}`, `# refund Export\n\n${statement('download the refunds of a month')}`, `# ${LONG_HEADING}\n\n${statement('print refunds')}`];
    writeFileSync(join(dir, 'story.md'), story.join('\n'));
    const run = storylint(['--format', 'compact', '--rule', 'unique-id:error', 'story.md'], { cwd: dir, timeoutMs: TIMEOUT_MS });
    expect(run.code, `killed after ${TIMEOUT_MS} ms? stderr: ${run.stderr}`).toBe(1);
    expect(run.stdout).toContain('story.md:5:3: error unique-id Id refund Export is also used at line 1');
  });

  it('a pattern RE2 cannot run (lookbehind, backreference) is a config error naming the file and the key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), `# PAY-1 Export refunds\n\n${statement('export refunds')}`);
    for (const pattern of ['(?<![\\w#])#\\d+', '(PAY)-\\d+-\\1']) {
      writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ idPattern: pattern }));
      const run = storylint(['story.md'], { cwd: dir, timeoutMs: TIMEOUT_MS });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^storylint: .*\.storylintrc\.json:1:2: "idPattern": .*RE2 syntax.*no backreferences/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a config nested thousands of levels deep', () => {
  const cases: [name: string, file: string, text: string][] = [
    ['JSON lists', '.storylintrc.json', `${'['.repeat(3000)}${']'.repeat(3000)}`],
    ['JSON objects', '.storylintrc.json', `{"rules": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`],
    ['YAML block maps', '.storylintrc.yaml', `rules:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`],
    ['YAML flow lists', '.storylintrc.yml', `personas: ${'['.repeat(3000)}${']'.repeat(3000)}\n`],
  ];
  it.each(cases)('%s: a config error with the file and line, exit 2, no stack trace', (_name, file, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'story.md'), `# PAY-1 Export refunds\n\n${statement('export refunds')}`);
    const run = storylint(['story.md'], { cwd: dir, timeoutMs: TIMEOUT_MS });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^storylint: ${join(dir, file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: nested more than \\d+ levels deep`));
    expect(run.stderr).not.toContain('Maximum call stack');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('storylint.configFile stays inside the workspace folder', () => {
  const refused = (configFile: string, setup: (workspace: string, outside: string) => void) => {
    const workspace = tempDir();
    const outside = tempDir();
    setup(workspace, outside);
    const errors: ConfigError[] = [];
    const config = new WorkspaceConfig({ host: nodeConfigHost, roots: [workspace], configFile: configFile.replace('<outside>', outside), onError: ({ error }) => errors.push(error) });
    const resolved = config.forFile(join(workspace, 'story.md'));
    expect(resolved.sources).toEqual([]);
    expect(errors).toHaveLength(1);
    return errors[0]!.message;
  };

  it('/etc/passwd is refused without being read', () => {
    const message = refused('/etc/passwd', () => undefined);
    expect(message).toContain('storylint.configFile: "/etc/passwd" is outside the workspace folder');
    expect(message).not.toMatch(/invalid JSON|root:/);
  });

  it('../outside.json and a symlink to a file outside are refused; their content never shows', () => {
    const secret = '{ "TOPSECRET-VALUE": 1 }';
    const relative = refused('../outside-config/secret.json', (workspace) => {
      mkdirSync(join(workspace, '..', 'outside-config'), { recursive: true });
      writeFileSync(join(workspace, '..', 'outside-config', 'secret.json'), secret);
    });
    expect(relative).toContain('is outside the workspace folder');
    expect(relative).not.toContain('TOPSECRET');
    const linked = refused('linked.json', (workspace, outside) => {
      writeFileSync(join(outside, 'secret.json'), secret);
      symlinkSync(join(outside, 'secret.json'), join(workspace, 'linked.json'));
    });
    expect(linked).toContain('storylint.configFile: "linked.json" is outside the workspace folder');
    expect(linked).not.toContain('TOPSECRET');
  });

  it('a config file inside the workspace is used', () => {
    const workspace = tempDir();
    mkdirSync(join(workspace, 'config'));
    writeFileSync(join(workspace, 'config', 'storylint.json'), '{ "rules": { "unique-id": "off" } }');
    const errors: ConfigError[] = [];
    const config = new WorkspaceConfig({ host: nodeConfigHost, roots: [workspace], configFile: 'config/storylint.json', onError: ({ error }) => errors.push(error) });
    expect(config.forFile(join(workspace, 'story.md')).ruleSettings['unique-id']!.severity).toBe('off');
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!existsSync(SERVER))('the language server with a hostile config', () => {
  const started: LspClient[] = [];
  afterEach(async () => {
    // A server that no longer answers is killed, so a regression cannot leave it spinning.
    for (const client of started.splice(0)) await answered(client.stop(), 5000, 'shutdown').catch(() => client.process.kill('SIGKILL'));
  });

  /** Rejects when the server has not answered in time, instead of waiting for the test timeout. */
  const answered = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms).unref())]);

  async function start(config: string): Promise<{ client: LspClient; warnings: string[] }> {
    const fixture = tempDir();
    writeFileSync(join(fixture, '.storylintrc.json'), config);
    const { client } = await LspClient.start({ fixture, initializationOptions: { debounceMs: 20 } });
    started.push(client);
    // The server shows config problems as a plain message (a notification: nothing to answer).
    const warnings: string[] = [];
    client.connection.onNotification('window/showMessage', (params: { message: string }) => void warnings.push(params.message));
    return { client, warnings };
  }

  const hoverAt = (client: LspClient, uri: string) =>
    answered(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } }), 10_000, 'hover');

  it('a catastrophic idPattern: the server answers hover and shutdown after a long heading is opened', async () => {
    const { client } = await start(JSON.stringify({ root: true, idPattern: CATASTROPHIC_ID_PATTERN }));
    const uri = await client.open('story.md', `# refund Export\n\n${statement('export refunds')}\n# ${LONG_HEADING}\n\n${statement('print refunds')}`);
    await hoverAt(client, uri);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.length).toBeGreaterThan(0);
    started.splice(started.indexOf(client), 1);
    expect(await answered(client.stop(), 5000, 'shutdown')).toBe(0);
  }, 60_000);

  it('a config nested thousands of levels deep: a warning, requests still answer, and the fixed config applies', async () => {
    const { client, warnings } = await start('{ "root": true }');
    const uri = await client.open('story.md', `# PAY-1 Export refunds\n\n${statement('export refunds')}`);
    const before = await client.diagnosticsFor(uri, 1);
    const ruleOff = String(before[0]!.code);
    const changed = () =>
      client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('.storylintrc.json'), type: FileChangeType.Changed }] });

    writeFileSync(client.path('.storylintrc.json'), `{ "root": true, "rules": ${'['.repeat(5000)}${']'.repeat(5000)} }`);
    await changed();
    await client.until(() => warnings.find((message) => /\.storylintrc\.json:1:\d+: nested more than \d+ levels deep/.test(message)), 'a configuration warning');
    await hoverAt(client, uri);

    writeFileSync(client.path('.storylintrc.json'), JSON.stringify({ root: true, rules: { [ruleOff]: 'off' } }));
    await changed();
    const after = await client.diagnosticsFor(uri, undefined, (list) => !list.some((d) => d.code === ruleOff));
    expect(after.length).toBeLessThan(before.length);
    await hoverAt(client, uri);
  }, 60_000);
});
