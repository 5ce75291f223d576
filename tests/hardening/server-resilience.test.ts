import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Diagnostic, DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigResolver, lintWithConfig } from '../../core';
import { rules } from '../../rules';
import { nodeConfigHost } from '../../cli/io';
import { LspClient, SERVER } from '../helpers/lsp-client';

const STORY = (n: number) =>
  `# PAY-${n} Export refunds\n\nAs a support agent, I want to export the refunds of a month so that finance can reconcile them.\n\n## Outcome\n\nFewer questions.\n`;

/** A workspace with a config file and one story file, written to a fresh temp folder. */
function fixture(config = '{ "root": true }'): string {
  const dir = join(tmpdir(), `storylint-resilience-${process.pid}-${Math.random().toString(16).slice(2)}`);
  mkdirSync(join(dir, 'stories'), { recursive: true });
  writeFileSync(join(dir, '.storylintrc.json'), config);
  writeFileSync(join(dir, 'stories', 'burst.md'), STORY(1));
  return dir;
}

/** Diagnostics in a form two lists can be compared by: rule, range and message. */
const shape = (diagnostics: readonly Pick<Diagnostic, 'code' | 'range' | 'message'>[]) =>
  diagnostics.map(({ code, range, message }) => `${code} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${message}`).sort();

/** What a fresh in-process lint of the text says, as the server would publish it. */
function expectedFor(client: LspClient, relativePath: string, text: string): string[] {
  const filePath = client.path(relativePath);
  const config = new ConfigResolver({ rules, host: nodeConfigHost, workspaceRoot: client.workspace }).forFile(filePath);
  const [result] = lintWithConfig([{ filePath, text, config }], { rules });
  const document = TextDocument.create('file:///x', 'markdown', 1, text);
  return shape(result!.findings.map((finding) => ({ code: finding.ruleId, message: finding.message, range: { start: document.positionAt(finding.span[0]), end: document.positionAt(finding.span[1]) } })));
}

/** Resident memory of a process in MB (Linux). */
const residentMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const started: LspClient[] = [];
afterEach(async () => {
  for (const client of started.splice(0)) await client.stop().catch(() => client.process.kill());
});

async function start(config?: string): Promise<LspClient> {
  const { client } = await LspClient.start({ fixture: fixture(config), initializationOptions: { debounceMs: 20 } });
  started.push(client);
  return client;
}

describe.skipIf(!existsSync(SERVER))('the language server under load', () => {
  it('after a burst of 300 edits its diagnostics equal a fresh lint of the final text', async () => {
    const client = await start();
    const uri = await client.open('stories/burst.md');
    await client.diagnosticsFor(uri, 1);
    let version = 1;
    for (let i = 0; i < 300; i++) {
      const document = client.document(uri);
      const end = document.positionAt(document.getText().length);
      // Mostly small appends, sometimes a new story or a change to the statement.
      const newText = i % 50 === 49 ? `\n${STORY(i)}` : i % 7 === 0 ? ' and share them' : i % 3 === 0 ? '\n- [ ] Given a refund, when I export, then' : ' x';
      const at = i % 7 === 0 ? document.positionAt(document.getText().indexOf(' so that')) : end;
      version = await client.edit(uri, [{ range: { start: at, end: at }, newText }]);
    }
    const final = client.document(uri).getText();
    const diagnostics = await client.diagnosticsFor(uri, version);
    expect(shape(diagnostics)).toEqual(expectedFor(client, 'stories/burst.md', final));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(client.process.exitCode).toBe(null);
  }, 60_000);

  it('a document closed while it is being linted leaves the server alive and answering', async () => {
    const client = await start();
    const big = Array.from({ length: 400 }, (_, i) => STORY(i)).join('\n');
    for (let round = 0; round < 5; round++) {
      const uri = await client.open(`stories/closing-${round}.md`, big);
      await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# Changed\n\n' }]);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    // The never-saved documents leave the backlog: their diagnostics are cleared.
    for (let round = 0; round < 5; round++) await client.diagnosticsFor(client.uri(`stories/closing-${round}.md`), undefined, (list) => list.length === 0);
    const uri = await client.open('stories/burst.md');
    expect(shape(await client.diagnosticsFor(uri, 1))).toEqual(expectedFor(client, 'stories/burst.md', STORY(1)));
  }, 60_000);

  it('a config file that becomes invalid and then valid again: a warning, then the new config applies', async () => {
    const client = await start();
    // The server shows the problem as a message with actions: answer it as an editor would.
    const warnings: string[] = [];
    client.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      warnings.push(params.message);
      return null;
    });
    const uri = await client.open('stories/burst.md');
    const before = await client.diagnosticsFor(uri, 1);
    const ruleOff = String(before[0]!.code);
    const configUri = client.uri('.storylintrc.json');
    const changed = () => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });

    writeFileSync(client.path('.storylintrc.json'), '{ "root": true, "rules": { ');
    await changed();
    await client.until(() => warnings.find((message) => /^Storylint configuration problem: .*invalid JSON/.test(message)), 'a configuration warning');
    expect(client.process.exitCode).toBe(null);

    writeFileSync(client.path('.storylintrc.json'), JSON.stringify({ root: true, rules: { [ruleOff]: 'off' } }));
    await changed();
    const after = await client.diagnosticsFor(uri, undefined, (list) => !list.some((d) => d.code === ruleOff));
    expect(shape(after)).toEqual(expectedFor(client, 'stories/burst.md', STORY(1)));
    expect(after.length).toBeLessThan(before.length);
  }, 60_000);

  it('memory returns to its level after documents are opened, edited and closed again and again', async () => {
    const client = await start();
    const pid = client.process.pid!;
    const big = Array.from({ length: 50 }, (_, i) => STORY(i)).join('\n');
    const cycle = async (round: number) => {
      const uris = [];
      for (let i = 0; i < 6; i++) uris.push(await client.open(`stories/memory-${round}-${i}.md`, big));
      for (const uri of uris) await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# Edited\n\n' }]);
      for (const uri of uris) await client.diagnosticsFor(uri, 2);
      for (const uri of uris) await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      for (const uri of uris) await client.diagnosticsFor(uri, undefined, (list) => list.length === 0);
      return residentMb(pid);
    };
    const first = await cycle(0);
    let last = first;
    for (let round = 1; round <= 3; round++) last = await cycle(round);
    // Without a forced GC the heap may keep some garbage: a leak would grow with every round.
    expect(last).toBeLessThan(first * 1.5 + 50);
  }, 120_000);
});
