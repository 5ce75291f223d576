import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CodeAction,
  CodeActionRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  ExitNotification,
  FileChangeType,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { join } from 'node:path';
import { docsUrl } from '../core';
import { LspClient, ROOT, SERVER } from './helpers/lsp-client';

/*
 * A plain LSP client (Neovim, Helix, Emacs): no workspace folders (only rootUri), no
 * workspace/configuration, no documentChanges, no dynamic registration. The server must still scan
 * the workspace, run the cross-file rules, offer fixes as plain `changes` and never log a failure.
 */
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lsp', 'workspace');
const DUPLICATE = '# Copied backlog\n\n## PAY-99 Refund a card payment again\n\nAs a support agent, I want to refund a card payment so that the customer is not charged twice.\n';

let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

describe('a client without optional capabilities', () => {
  it('scans the root, runs backlog rules, sends plain changes and asks for no configuration', async () => {
    ({ client } = await LspClient.start({
      fixture: FIXTURE,
      minimal: true,
      initializationOptions: { debounceMs: 0 },
      prepare: (workspace) => writeFileSync(join(workspace, 'stories', 'copy.md'), DUPLICATE),
    }));
    const uri = await client.open('stories/refunds.md');
    // The duplicate lives in a file that is not open: only the workspace scan can know it.
    const diagnostics = await client.diagnosticsFor(uri, undefined, (list) => list.some((d) => d.code === 'unique-story'));
    const duplicate = diagnostics.find((d) => d.code === 'unique-story')!;
    expect(duplicate.relatedInformation?.[0]?.location.uri).toBe(client.uri('stories/copy.md'));

    const missing = diagnostics.find((d) => d.code === 'require-outcome')!;
    // No storylint-docs: pages here (only the VS Code extension serves them): the published page.
    expect(missing.codeDescription?.href).toBe(docsUrl('require-outcome'));
    // No storylint-docs: pages here (only the VS Code extension serves them): the published page.
    expect(missing.codeDescription?.href).toBe(docsUrl('require-outcome'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    })) as CodeAction[];
    const edits = actions.filter((action) => action.edit);
    expect(edits.length).toBeGreaterThan(0);
    for (const action of edits) {
      expect(action.edit!.documentChanges, action.title).toBeUndefined();
      expect(Object.keys(action.edit!.changes ?? {}).length, action.title).toBeGreaterThan(0);
    }
    // Creating a config file needs a resource operation this client cannot apply: not offered.
    expect(actions.map((action) => action.title).filter((title) => title.startsWith('Turn off'))).toEqual([]);
    const insert = edits.find((action) => /Outcome/.test(action.title))!;
    expect(LspClient.editsFor(insert.edit!, uri)[0]!.newText).toContain('Outcome');

    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'storylint.server.fixFile', arguments: [uri] });
    const applied = await client.until(() => client!.appliedEdits[0], 'the fix-file edit');
    expect(applied.documentChanges).toBeUndefined();
    expect(applied.changes?.[uri]?.length).toBeGreaterThan(0);

    expect(client.configurationRequests).toEqual([]);
    expect(client.registrations).toEqual([]);
    expect(client.log()).not.toMatch(/unhandled|rejection|failed|error/i);
  });
});

describe('settings from a client without workspace/configuration', () => {
  it('takes them pushed with didChangeConfiguration and names unusable ones, keeping the default instead of turning a feature off', async () => {
    ({ client } = await LspClient.start({ fixture: FIXTURE, minimal: true, initializationOptions: { debounceMs: 0 } }));
    const uri = await client.open('stories/refunds.md');
    const outcomes = (list: { code?: number | string }[]) => list.filter((d) => d.code === 'require-outcome').length;
    expect(outcomes(await client.diagnosticsFor(uri, 1, (list) => outcomes(list) === 2))).toBe(2);

    const docs = 'https://docs.example.com/storylint/';
    const storylint = { run: 'onsave', enable: 'yes', codelens: false, constructor: 1, docsBaseUrl: docs };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { storylint } });
    // The valid key applies: rule links go to the team's docs.
    await client.diagnosticsFor(uri, undefined, (list) => list.every((d) => d.codeDescription?.href.startsWith(docs)));
    const shown = () => client!.notifications.filter((n) => n.method === 'window/showMessage').map((n) => n.params as { type: number; message: string });
    const warnings = await client.until(() => (shown().length >= 4 ? shown() : undefined), 'the settings warnings');
    const known = 'the settings are enable, run, configFile, codeLens, docsBaseUrl';
    expect(warnings).toEqual([
      { type: 2, message: 'Storylint setting storylint.run is "onsave": it takes "onType" or "onSave"; using "onType" until it is fixed.' },
      { type: 2, message: 'Storylint setting storylint.enable is "yes": it takes true or false; using true until it is fixed.' },
      { type: 2, message: `Storylint setting storylint.codelens does not exist (${known}): it is ignored.` },
      { type: 2, message: `Storylint setting storylint.constructor does not exist (${known}): it is ignored.` },
    ]);

    // "onsave" fell back to onType: an edit is linted without a save (one outcome is added, one finding goes).
    const statement = client.document(uri).getText().split('\n').findIndex((line) => line.startsWith('As a support agent, I want to refund a card'));
    const at = { line: statement + 1, character: 0 };
    const version = await client.edit(uri, [{ range: { start: at, end: at }, newText: '\n### Outcome\n\nRefund calls drop from 120 to 60 a month by June.\n' }]);
    expect(outcomes(await client.diagnosticsFor(uri, version))).toBe(1);

    // The same settings pushed again tell nothing new; a docs address that is no address is named.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { storylint } });
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { storylint: { docsBaseUrl: 'htp://docs' } } });
    const last = await client.until(() => (shown().length >= 5 ? shown().slice(4) : undefined), 'the docsBaseUrl warning');
    expect(last).toEqual([{ type: 2, message: 'Storylint setting storylint.docsBaseUrl is "htp://docs": it takes an http(s):// or file:// address, or "" for the default pages; using "" until it is fixed.' }]);

    // A reload for a new config file keeps what was pushed: the team's docs stay linked.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { storylint: { docsBaseUrl: docs } } });
    await client.diagnosticsFor(uri, undefined, (list) => list.length > 0 && list.every((d) => d.codeDescription?.href.startsWith(docs)));
    writeFileSync(join(client.workspace, '.storylintrc.json'), '{ "rules": { "story-size": "off" } }\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('.storylintrc.json'), type: FileChangeType.Created }] });
    await client.connection.sendRequest('storylint/stats');
    const relinked = await client.diagnosticsFor(uri, undefined, (list) => list.length > 0);
    expect(relinked.every((d) => d.codeDescription?.href.startsWith(docs))).toBe(true);
  });
});

describe('the storylint-language-server bin', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', input: '', timeout: 20_000 });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  it('prints the package version for --version and -v and exits 0 without starting a connection', () => {
    for (const flag of ['--version', '-v']) {
      const result = run(flag);
      expect([result.status, result.stdout, result.stderr], flag).toEqual([0, `${version}\n`, '']);
    }
  });

  it('prints its usage for --help (transports, stdio by default) and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`storylint-language-server ${version}`);
    expect(result.stdout).toMatch(/--stdio .*default/);
    expect(result.stdout).toContain('--node-ipc');
    expect(result.stderr).toBe('');
  });

  it('talks LSP over stdio when started with no transport argument, as editors start it, and exits 0 after shutdown', async () => {
    const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const logs: string[] = [];
    connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
    connection.listen();
    const early = exited.then((code) => Promise.reject(new Error(`server exited (${code}) before answering initialize: ${stderr}`)));
    const initialize = await Promise.race([early, connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} })]);
    expect(initialize.serverInfo?.name).toBe('storylint');
    expect(initialize.capabilities.codeActionProvider).toBeTruthy();
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    expect(await exited).toBe(0);
    connection.dispose();
    // stdout carried only LSP messages (the connection parsed them) and nothing went wrong.
    expect(stderr).toBe('');
    expect(logs.join('\n')).not.toMatch(/error|failed|unknown option/i);
  });

  it('names an option it does not know on stderr and still serves', () => {
    const result = run('--sttdio');
    expect(result.stderr).toBe('storylint-language-server: unknown option --sttdio (ignored; see --help)\n');
    // stdin was empty: the server read its end and exited (1: no shutdown request came first).
    expect(result.status).toBe(1);
  });
});
