import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CodeLensRequest,
  type Diagnostic,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigResolver, lintWithConfig } from '../core';
import { nodeConfigHost } from '../host/node-config';
import { rules } from '../rules';
import { LspClient } from './helpers/lsp-client';
import { LARGE_BACKLOG_STORIES, largeBacklog } from './helpers/large-backlog';

/*
 * What the editor shows, exactly: a file with more findings than VS Code shows publishes the most
 * important ones and says how many it left out; the open document is linted before the workspace
 * scan (counted in files the scan read, never timed); an untitled document is linted as a file in
 * the workspace root, backlog rules included.
 */
type Stats = { scanReads: number; scanReadsAtFirstDiagnostics?: number; files: number };
type Summary = { uri: string; stories: number; findings: number; omitted: number };
const SEVERITY = ['', 'error', 'warning', 'info'];

const empty = mkdtempSync(join(tmpdir(), 'storylint-feedback-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

async function start(files: Record<string, string>, prepare?: (workspace: string) => void): Promise<LspClient> {
  ({ client } = await LspClient.start({
    fixture: empty,
    initializationOptions: { debounceMs: 0 },
    prepare: (workspace) => {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(workspace, name, '..'), { recursive: true });
        writeFileSync(join(workspace, name), text);
      }
      prepare?.(workspace);
    },
  }));
  return client;
}

const stats = (lsp: LspClient) => lsp.connection.sendRequest('storylint/stats') as Promise<Stats>;
const summaries = (lsp: LspClient, uri: string) => lsp.notifications.filter((n) => n.method === 'storylint/fileSummary').map((n) => n.params as Summary).filter((s) => s.uri === uri);
const line = (d: Pick<Diagnostic, 'severity' | 'range' | 'code' | 'message'>) => `${SEVERITY[d.severity!]} ${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`;

/** What a fresh lint of `relativePath` with `text` gives, as `line` writes diagnostics, in the engine's (position) order; with the other files given, backlog rules see them. */
function fresh(lsp: LspClient, relativePath: string, text: string, others: string[] = []): string[] {
  const resolver = new ConfigResolver({ rules, host: nodeConfigHost, workspaceRoot: lsp.workspace });
  const files = [relativePath, ...others].map((name) => ({ filePath: lsp.path(name), text: name === relativePath ? text : readFileSync(lsp.path(name), 'utf8'), config: resolver.forFile(lsp.path(name)) }));
  const [result] = lintWithConfig(files, { rules });
  const document = TextDocument.create('file:///x', 'markdown', 1, text);
  const severity = { error: 1, warning: 2, info: 3 } as const;
  return result!.findings.map((f) => line({ severity: severity[f.severity], code: f.ruleId, message: f.message, range: { start: document.positionAt(f.span[0]), end: document.positionAt(f.span[1]) } }));
}

/** The first diagnostics published for `uri` (the client keeps only the latest). */
function firstPublish(lsp: LspClient, uri: string): Promise<PublishDiagnosticsParams> {
  return lsp.until(() => lsp.diagnostics.get(uri), `the first diagnostics of ${uri}`, 60_000);
}

describe('a file with more findings than the editor shows', () => {
  // 410 stories without problem, outcome or criteria; the last 40 also without a benefit, which the
  // config makes an error: by position, those errors would be the ones cut.
  const STORIES = LARGE_BACKLOG_STORIES;
  const LARGE = largeBacklog('INV');
  const CONFIG = JSON.stringify({ root: true, rules: { 'require-benefit': 'error', 'require-acceptance-criteria': 'info' } });
  const SMALL = '# Payments\n\n## PAY-1 Refund\n\nAs a support agent, I want to refund a card payment.\n\n## PAY-2 Export\n\nAs an accountant, I want to export the monthly ledger, so that I can close the books.\n';

  it('publishes 1,000 diagnostics, errors first, then warnings and infos by position; the summary says how many were left out', async () => {
    const lsp = await start({ '.storylintrc.json': CONFIG, 'large.md': LARGE });
    const uri = await lsp.open('large.md');
    await stats(lsp);
    const published = lsp.diagnostics.get(uri)!.diagnostics.map(line);
    const all = fresh(lsp, 'large.md', LARGE);
    expect(all.length).toBe(STORIES * 3 + 40);
    expect(published.length).toBe(1000);
    // Each severity in position order (the engine's order), errors before warnings before infos.
    const ofSeverity = (severity: string) => all.filter((entry) => entry.startsWith(`${severity} `));
    const expected = [...ofSeverity('error'), ...ofSeverity('warning'), ...ofSeverity('info')].slice(0, 1000);
    expect(published).toEqual(expected);
    expect(published.filter((entry) => entry.startsWith('error ')).length).toBe(40);
    expect(published.at(-1)).toMatch(/^info /);
    expect(summaries(lsp, uri).at(-1)).toMatchObject({ stories: STORIES, findings: all.length, omitted: all.length - 1000 });

    // The code lens still counts every finding: one info per story, though 250 infos were left out.
    const lenses = (await lsp.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    expect(lenses.length).toBe(STORIES);
    expect(lenses.filter((lens) => lens.command?.title.includes('1 info')).length).toBe(STORIES);
  }, 60_000);

  it('publishes every finding of a small file in position order, and the summary leaves nothing out', async () => {
    const lsp = await start({ '.storylintrc.json': CONFIG, 'small.md': SMALL });
    const uri = await lsp.open('small.md');
    await stats(lsp);
    const published = lsp.diagnostics.get(uri)!.diagnostics.map(line);
    expect(published).toEqual(fresh(lsp, 'small.md', SMALL));
    // Position order, not severity order: PAY-1's missing sections (at its heading) come before its missing benefit, an error.
    expect(published.map((entry) => entry.split(' ')[0])).not.toEqual([...published.map((entry) => entry.split(' ')[0])].sort());
    expect(summaries(lsp, uri).at(-1)).toMatchObject({ stories: 2, findings: published.length, omitted: 0 });
  }, 30_000);
});

describe('start-up', () => {
  const FILES = 2000;
  const word = (n: number) => [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
  const generated = (n: number) => `# GEN-${n} Export the ${word(n)}ledger\n\nAs a support agent, I want to export the ${word(n)}ledger so that the ${word(n)}team can reconcile ${word(n)}batches.\n`;
  const LAST = `As a support agent, I want to export the ${word(FILES - 1)}ledger so that the ${word(FILES - 1)}team can reconcile ${word(FILES - 1)}batches.`;
  // Two stories with one id (a backlog finding within the file), one a copy of the last generated file's.
  const OPEN = `# Ledger\n\n## LED-1 Export\n\n${LAST}\n\n## LED-1 Archive\n\nAs an accountant, I want to archive the closed ledgers, so that the audit finds them.\n`;

  it('publishes the open document, backlog rules over the open documents included, before the scan reads a file; the scan then adds its findings', async () => {
    const lsp = await start({ 'open.md': OPEN }, (workspace) => {
      mkdirSync(join(workspace, 'stories'));
      for (let i = 0; i < FILES; i++) writeFileSync(join(workspace, 'stories', `gen-${i}.md`), generated(i));
    });
    const uri = await lsp.open('open.md');
    const first = (await firstPublish(lsp, uri)).diagnostics.map(line);
    expect(first).toEqual(fresh(lsp, 'open.md', OPEN));
    expect(first.some((entry) => entry.includes(' unique-id '))).toBe(true);
    expect(first.some((entry) => entry.includes(' unique-story '))).toBe(false);

    const after = await stats(lsp);
    expect(after.scanReadsAtFirstDiagnostics).toBe(0);
    expect(after.scanReads).toBe(FILES + 1);
    expect(after.files).toBe(FILES + 1);
    // Once the scan is done, the duplicate in the last generated file is reported too.
    const settled = lsp.diagnostics.get(uri)!.diagnostics.map(line);
    expect(settled.filter((entry) => entry.includes(' unique-story '))).toEqual([expect.stringContaining(`gen-${FILES - 1}.md:1 `)]);
    expect(settled).toEqual(fresh(lsp, 'open.md', OPEN, [`stories/gen-${FILES - 1}.md`]));
  }, 120_000);
});

describe('an untitled document', () => {
  const STATEMENT = 'As a warehouse clerk, I want to print a packing slip for each parcel, so that the courier can check the contents.';
  const CATALOGUE = `# Shipping\n\n## SHIP-1 Packing slips\n\n${STATEMENT}\n\n### Problem\n\nClerks write slips by hand (12 tickets last month).\n`;
  const UNTITLED = `## SHIP-9 Slips again\n\n${STATEMENT}\n`;
  const CONFIG = JSON.stringify({ root: true, rules: { 'require-problem': 'off', 'require-outcome': 'error' } });

  it('is linted as a file in the workspace root: its config, and a duplicate of a workspace story', async () => {
    const lsp = await start({ '.storylintrc.json': CONFIG, 'stories/catalogue.md': CATALOGUE });
    await stats(lsp);
    const uri = 'untitled:Untitled-1';
    await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: UNTITLED } });
    const diagnostics = await lsp.diagnosticsFor(uri, 1, (list) => list.some((d) => d.code === 'unique-story'));
    expect(diagnostics.map(line)).toEqual(fresh(lsp, 'Untitled-1', UNTITLED, ['stories/catalogue.md']));
    // The root config applies: no problem section asked for, a missing outcome is an error.
    expect(diagnostics.some((d) => d.code === 'require-problem')).toBe(false);
    expect(diagnostics.find((d) => d.code === 'require-outcome')?.severity).toBe(1);
    const duplicate = diagnostics.find((d) => d.code === 'unique-story')!;
    expect(duplicate.message).toMatch(/^Same statement as catalogue\.md:3 \(SHIP-1 Packing slips\)/);
    expect(duplicate.relatedInformation?.[0]?.location.uri).toBe(lsp.uri('stories/catalogue.md'));
    // The workspace file points back at the untitled document, by the name the editor shows.
    const catalogue = await lsp.diagnosticsFor(lsp.uri('stories/catalogue.md'), undefined, (list) => list.some((d) => d.code === 'unique-story'));
    const back = catalogue.find((d) => d.code === 'unique-story')!;
    expect(back.message).toMatch(/^Same statement as Untitled-1:1 \(SHIP-9 Slips again\)/);
    expect(back.relatedInformation?.[0]?.location.uri).toBe(uri);
    // Requests are answered for it like for a file.
    const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
    expect(JSON.stringify(hover)).toContain('unique-story');

    // Closed without saving: it leaves the backlog, and its duplicate finding goes with it.
    await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await lsp.diagnosticsFor(lsp.uri('stories/catalogue.md'), undefined, (list) => !list.some((d) => d.code === 'unique-story'));
    await lsp.diagnosticsFor(uri, undefined, (list) => list.length === 0);
    expect((await stats(lsp)).files).toBe(1);
  }, 30_000);
});
