import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CodeAction, CodeActionRequest, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { join } from 'node:path';
import { LspClient, ROOT } from './helpers/lsp-client';

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
