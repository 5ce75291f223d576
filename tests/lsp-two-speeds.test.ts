import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lintFiles } from '../core';
import { rules } from '../rules';
import { LspClient } from './helpers/lsp-client';

/*
 * Two speeds: an edit's story findings are published at once, with the backlog findings of the
 * stories it left alone carried to where they moved; the backlog rules follow when typing pauses,
 * and the next edit cancels them. Counted with storylint/stats, never timed.
 */
const REFUND = 'As a support agent, I want to refund a card payment, so that the customer is not charged twice.';
const EXPORT = 'As an accountant, I want to export the monthly ledger, so that I can close the books.';
const OPEN = `# Payments\n\n## PAY-1 Refund\n\n${REFUND}\n\n## PAY-2 Export\n\n${EXPORT}\n`;
const COPY = `# Old backlog\n\n## OLD-1 Refund again\n\n${REFUND}\n`;
const BACKLOG_RULES = new Set(rules.filter((rule) => rule.scope === 'backlog').map((rule) => rule.name));

type Stats = { backlogLints: number };
const empty = mkdtempSync(join(tmpdir(), 'storylint-two-speeds-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

async function start(backlogDelayMs: number): Promise<LspClient> {
  ({ client } = await LspClient.start({
    fixture: empty,
    initializationOptions: { debounceMs: 0, backlogDelayMs },
    prepare: (workspace) => {
      mkdirSync(workspace, { recursive: true });
      writeFileSync(join(workspace, 'open.md'), OPEN);
      writeFileSync(join(workspace, 'copy.md'), COPY);
    },
  }));
  return client;
}

const stats = (lsp: LspClient) => lsp.connection.sendRequest('storylint/stats') as Promise<Stats>;
const lines = (diagnostics: readonly Diagnostic[], backlog: boolean) =>
  diagnostics
    .filter((d) => BACKLOG_RULES.has(String(d.code)) === backlog)
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .sort();

/** A fresh lint of the workspace with open.md as given: its story or backlog findings, as `lines` gives them. */
function fresh(lsp: LspClient, text: string, backlog: boolean, name = 'open.md'): string[] {
  // The server's backlog order: files as it first saw them, the open one first.
  const files = ['open.md', ...readdirSync(lsp.workspace).filter((file) => file !== 'open.md')].map((file) => ({ filePath: join(lsp.workspace, file), text: file === 'open.md' ? text : readFileSync(join(lsp.workspace, file), 'utf8') }));
  const result = lintFiles(files, { rules }).find((candidate) => candidate.filePath === lsp.path(name))!;
  const document = { positionAt: (offset: number) => result.lines.position(offset) };
  return result.findings
    .filter((finding) => BACKLOG_RULES.has(finding.ruleId) === backlog)
    .map((finding) => {
      const [start, end] = [document.positionAt(finding.span[0]), document.positionAt(finding.span[1])];
      return `${finding.ruleId} ${start.line - 1}:${start.column - 1}-${end.line - 1}:${end.column - 1} ${finding.message}`;
    })
    .sort();
}

describe('the server lints in two speeds', () => {
  it('publishes an edit with its story findings and the carried backlog findings before the backlog pass, which requests do not force', async () => {
    const lsp = await start(60_000);
    const uri = await lsp.open('open.md');
    await stats(lsp);
    const settled = await lsp.diagnosticsFor(uri, 1);
    expect(lines(settled, true)).toEqual(fresh(lsp, OPEN, true));
    expect(lines(settled, true).some((line) => line.startsWith('unique-story'))).toBe(true);
    const { backlogLints } = await stats(lsp);

    // Drop PAY-2's benefit: a story finding appears at once; PAY-1's duplicate finding stays put.
    const document = lsp.document(uri);
    const at = document.getText().indexOf(', so that I can close');
    const version = await lsp.edit(uri, [{ range: { start: document.positionAt(at), end: document.positionAt(at + ', so that I can close the books'.length) }, newText: '' }]);
    const edited = lsp.document(uri).getText();
    const first = await lsp.diagnosticsFor(uri, version);
    expect(lines(first, false)).toEqual(fresh(lsp, edited, false));
    expect(lines(first, false)).not.toEqual(lines(settled, false));
    expect(lines(first, true)).toEqual(lines(settled, true));
    // Requests about the edited file are answered without running the backlog rules.
    await lsp.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 3 } });
    expect((await stats(lsp)).backlogLints).toBe(backlogLints + 1);

    // Reword the duplicated statement: the carried finding goes with the story pass, copy.md's with the backlog pass.
    const again = lsp.document(uri);
    const refund = again.getText().indexOf('refund a card');
    const reworded = await lsp.edit(uri, [{ range: { start: again.positionAt(refund), end: again.positionAt(refund + 'refund'.length) }, newText: 'reverse' }]);
    expect(lines(await lsp.diagnosticsFor(uri, reworded), true).some((line) => line.startsWith('unique-story'))).toBe(false);
    // A round trip: anything the server sent before answering has arrived.
    await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 3 } });
    const copyUri = lsp.uri('copy.md');
    expect(lines(lsp.diagnostics.get(copyUri)!.diagnostics, true).some((line) => line.startsWith('unique-story'))).toBe(true);
    await stats(lsp);
    const text = lsp.document(uri).getText();
    expect(lines(lsp.diagnostics.get(uri)!.diagnostics, true)).toEqual(fresh(lsp, text, true));
    expect(lines(lsp.diagnostics.get(copyUri)!.diagnostics, true)).toEqual(fresh(lsp, text, true, 'copy.md'));
    expect(lines(lsp.diagnostics.get(copyUri)!.diagnostics, true).some((line) => line.startsWith('unique-story'))).toBe(false);
  }, 60_000);

  it('runs the backlog pass once after a burst of edits, and by itself once typing pauses', async () => {
    const lsp = await start(1000);
    const uri = await lsp.open('open.md');
    const { backlogLints } = await stats(lsp);
    let version = 1;
    for (let i = 0; i < 20; i++) {
      const end = lsp.document(uri).positionAt(lsp.document(uri).getText().length);
      version = await lsp.edit(uri, [{ range: { start: end, end }, newText: i === 19 ? `\n## PAY-3 Refund twice\n\n${REFUND}\n` : '\n' }]);
    }
    // No request: the backlog pass runs by itself and reports the new duplicate.
    await lsp.diagnosticsFor(uri, version, (list) => list.filter((d) => d.code === 'unique-story').length === 2);
    const after = await stats(lsp);
    // The burst's edits came faster than the pause, so one pass served them all (a slow machine may need a second).
    expect(after.backlogLints - backlogLints).toBeGreaterThanOrEqual(1);
    expect(after.backlogLints - backlogLints).toBeLessThanOrEqual(2);
    expect(lines(lsp.diagnostics.get(uri)!.diagnostics, true)).toEqual(fresh(lsp, lsp.document(uri).getText(), true));
  }, 60_000);
});
