// Config feedback and the confirmed workspace fix, over a real stdio connection: one current config
// problem at a time (with where it is), the last valid config kept meanwhile, "valid again" said once,
// no false alarm from a config file being created; the workspace fix plan and its confirmation.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_STATUS_NOTIFICATION, CONFIG_VALID_AGAIN, type ConfigStatus, FIX_PLAN_REQUEST, type FixPlan } from '../protocol';
import { LspClient, ROOT } from './helpers/lsp-client';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lsp', 'workspace');
const CONFIGURATION = { storylint: { enable: true, run: 'onType', codeLens: true } };
const REFUNDS = 'stories/refunds.md';
const CONFIG = '.storylintrc.json';
/** PAY-12 has no acceptance criteria: the rule reports it unless the config turns it off. */
const RULE_OFF = 'require-acceptance-criteria';
const VALID = `{\n  "root": true,\n  "rules": {\n    "${RULE_OFF}": "off"\n  }\n}\n`;
/** A missing comma on line 5, column 5. */
const TYPO = `{\n  "root": true,\n  "rules": {\n    "${RULE_OFF}": "off"\n    "story-size": "off"\n  }\n}\n`;
const TYPO_MESSAGE = `Storylint configuration problem: ${CONFIG}:5:5: invalid JSON: expected a comma; using the last valid configuration until it is fixed.`;

let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

/** A session with the fixture workspace; `configStatus` as the VS Code client declares it. */
async function start(options: { configStatus?: boolean; prepare?: (workspace: string) => void } = {}): Promise<{ lsp: LspClient; shown: string[] }> {
  const initializationOptions = { debounceMs: 0, ...(options.configStatus ? { configStatus: true } : {}) };
  ({ client } = await LspClient.start({ fixture: FIXTURE, initializationOptions, configuration: structuredClone(CONFIGURATION), prepare: options.prepare }));
  const lsp = client;
  // Messages the server shows (a plain LSP client's way): notifications, since nothing is to be answered.
  const shown: string[] = [];
  lsp.connection.onNotification('window/showMessage', (params: { message: string }) => void shown.push(params.message));
  lsp.connection.onRequest('window/showMessageRequest', (params: { message: string }) => shown.push(`request: ${params.message}`));
  return { lsp, shown };
}

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const statuses = (lsp: LspClient) => lsp.notifications.filter((n) => n.method === CONFIG_STATUS_NOTIFICATION).map((n) => n.params as ConfigStatus);
const settled = (lsp: LspClient) => lsp.connection.sendRequest('storylint/stats');
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

/** Writes the config and tells the server, as the editor's file watcher does; resolves once the reload is done. */
async function writeConfig(lsp: LspClient, text: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
  write(lsp.path(CONFIG), text);
  await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: lsp.uri(CONFIG), type }] });
  await settled(lsp);
}

describe('config feedback: one current problem, the last valid config meanwhile, "valid again" once', () => {
  it('a typo: one notification with the file, line and column; the rule turned off stays off; fixed: one "valid again"', async () => {
    const { lsp, shown } = await start({ configStatus: true, prepare: (workspace) => write(join(workspace, CONFIG), VALID) });
    const uri = await lsp.open(REFUNDS);
    const before = await lsp.diagnosticsFor(uri, 1);
    expect(before.length).toBeGreaterThan(0);
    expect(codes(before)).not.toContain(RULE_OFF);
    await settled(lsp);
    expect(statuses(lsp)).toEqual([]);

    await writeConfig(lsp, TYPO);
    expect(statuses(lsp)).toEqual([{ problem: { message: TYPO_MESSAGE, uri: lsp.uri(CONFIG), line: 5, column: 5 } }]);
    // The last valid config still applies: the rule it turned off stays off (the defaults would report it).
    expect(codes(lsp.diagnostics.get(uri)!.diagnostics)).toEqual(codes(before));

    // Saved again with the same typo: nothing new to say.
    await writeConfig(lsp, TYPO);
    expect(statuses(lsp)).toHaveLength(1);

    await writeConfig(lsp, VALID);
    expect(statuses(lsp)).toEqual([{ problem: { message: TYPO_MESSAGE, uri: lsp.uri(CONFIG), line: 5, column: 5 } }, {}]);
    // A later reload of a valid config says nothing more; the plain-message channel stayed silent.
    await writeConfig(lsp, VALID.replace('"off"', '"off" '));
    expect(statuses(lsp)).toHaveLength(2);
    expect(shown).toEqual([]);
  }, 30_000);

  it('with overrides, each file keeps its own last valid config while the config is broken, not that of its neighbour', async () => {
    const overrides = `{\n  "root": true,\n  "overrides": [{ "files": ["refunds.md"], "rules": { "${RULE_OFF}": "off" } }]\n}\n`;
    const copy = 'stories/refunds-copy.md';
    const { lsp } = await start({
      configStatus: true,
      prepare: (workspace) => {
        write(join(workspace, CONFIG), overrides);
        write(join(workspace, copy), readFileSync(join(workspace, REFUNDS), 'utf8').replace(/PAY-\d+/g, 'PAY-900'));
      },
    });
    // The overridden file first, its neighbour last: the neighbour's config is the folder's latest.
    const refunds = await lsp.open(REFUNDS);
    expect(codes(await lsp.diagnosticsFor(refunds, 1))).not.toContain(RULE_OFF);
    const neighbour = await lsp.open(copy);
    expect(codes(await lsp.diagnosticsFor(neighbour, 1))).toContain(RULE_OFF);
    await writeConfig(lsp, overrides.replace('"root": true,', '"root": true'));
    expect(statuses(lsp)).toHaveLength(1);
    expect(codes(lsp.diagnostics.get(refunds)!.diagnostics)).not.toContain(RULE_OFF);
    expect(codes(lsp.diagnostics.get(neighbour)!.diagnostics)).toContain(RULE_OFF);
  }, 30_000);

  it('a new problem replaces the shown one; a plain LSP client gets the same sentences as messages', async () => {
    const { lsp, shown } = await start({ prepare: (workspace) => write(join(workspace, CONFIG), VALID) });
    await lsp.diagnosticsFor(await lsp.open(REFUNDS), 1);
    await writeConfig(lsp, TYPO);
    await writeConfig(lsp, VALID.replace('"off"', '"sometimes"'));
    await writeConfig(lsp, VALID);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toBe(TYPO_MESSAGE);
    expect(shown[1]).toMatch(/^Storylint configuration problem: \.storylintrc\.json:4:\d+: .*sometimes.*; using the last valid configuration until it is fixed\.$/);
    expect(shown[2]).toBe(CONFIG_VALID_AGAIN);
  }, 30_000);

  it('a config that was never valid: the defaults apply, and the message says so', async () => {
    const { lsp } = await start({ configStatus: true, prepare: (workspace) => write(join(workspace, CONFIG), TYPO) });
    const uri = await lsp.open(REFUNDS);
    expect(codes(await lsp.diagnosticsFor(uri, 1))).toContain(RULE_OFF);
    await settled(lsp);
    expect(statuses(lsp).map((status) => status.problem?.message)).toEqual([
      `Storylint configuration problem: ${CONFIG}:5:5: invalid JSON: expected a comma; using the default rules until it is fixed (this folder has had no valid configuration yet).`,
    ]);
  }, 30_000);

  it('"Turn off … in .storylintrc.json" on a new config: no error while the file is created empty, then the rule is off', async () => {
    const { lsp, shown } = await start({ configStatus: true });
    const uri = await lsp.open(REFUNDS);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    const target = diagnostics.find((d) => d.code === RULE_OFF)!;
    expect(target).toBeDefined();
    const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
    const turnOff = actions.find((action) => action.title === `Turn off ${RULE_OFF} in ${CONFIG}`);
    expect(turnOff?.edit?.documentChanges?.[0]).toMatchObject({ kind: 'create' });
    // As VS Code applies it: the create writes an empty file (the watcher reports it), the text edit lands later.
    await writeConfig(lsp, '', FileChangeType.Created);
    const text = LspClient.editsFor(turnOff!.edit!, lsp.uri(CONFIG))[0]!.newText;
    await writeConfig(lsp, text);
    await lsp.diagnosticsFor(uri, undefined, (list) => !list.some((d) => d.code === RULE_OFF));
    expect(statuses(lsp)).toEqual([]);
    expect(shown).toEqual([]);
  }, 30_000);
});

describe('the workspace fix: a plan to confirm, backlog files only, nothing written unasked', () => {
  /** A doc page with headings and no stories: never touched by the workspace fix. */
  const GUIDE = '# Guide\n\n## Install\n\nRun the installer.\n';
  const start2 = () => start({ prepare: (workspace) => write(join(workspace, 'docs', 'guide.md'), GUIDE) });
  const textAfter = (lsp: LspClient, relativePath: string, edits: TextEdit[]) =>
    TextDocument.applyEdits(TextDocument.create(lsp.uri(relativePath), 'markdown', 0, readFileSync(lsp.path(relativePath), 'utf8')), edits);
  const fixFile = async (lsp: LspClient, uri: string): Promise<TextEdit[]> => {
    const before = lsp.appliedEdits.length;
    await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'storylint.server.fixFile', arguments: [uri] });
    return LspClient.editsFor(lsp.appliedEdits.splice(before)[0]!, uri);
  };

  it('the plan counts the fixes per backlog file; the command fixes exactly the confirmed files, as "fix file" does', async () => {
    const { lsp } = await start2();
    await lsp.open('docs/guide.md');
    const plan = (await lsp.connection.sendRequest(FIX_PLAN_REQUEST)) as FixPlan;
    expect(plan.files.map((file) => file.name)).toEqual(['drafts/wip.md', REFUNDS]);
    expect(plan.files.every((file) => file.fixes > 0)).toBe(true);
    expect(plan.fixes).toBe(plan.files.reduce((sum, file) => sum + file.fixes, 0));
    expect(lsp.appliedEdits).toEqual([]);

    await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'storylint.server.fixWorkspace', arguments: [[lsp.uri(REFUNDS)]] });
    expect(lsp.appliedEdits).toHaveLength(1);
    const edit = lsp.appliedEdits.pop()!;
    expect((edit.documentChanges ?? []).map((change) => ('textDocument' in change ? change.textDocument.uri : ''))).toEqual([lsp.uri(REFUNDS)]);
    const refundsUri = await lsp.open(REFUNDS);
    expect(textAfter(lsp, REFUNDS, LspClient.editsFor(edit, refundsUri))).toBe(textAfter(lsp, REFUNDS, await fixFile(lsp, refundsUri)));
  }, 30_000);

  it('without a confirmed list the server asks "Apply N fixes in M files?"; Cancel writes nothing, Apply fixes every planned file', async () => {
    const { lsp } = await start2();
    const plan = (await lsp.connection.sendRequest(FIX_PLAN_REQUEST)) as FixPlan;
    let answer: string | null = 'Cancel';
    const asked: { message: string; actions: string[] }[] = [];
    lsp.connection.onRequest('window/showMessageRequest', (params: { message: string; actions?: { title: string }[] }) => {
      asked.push({ message: params.message, actions: (params.actions ?? []).map((action) => action.title) });
      return answer === null ? null : { title: answer };
    });
    const run = () => lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'storylint.server.fixWorkspace', arguments: [] });
    await run();
    const names = plan.files.map((file) => `${file.name} (${file.fixes})`).join(', ');
    expect(asked).toEqual([{ message: `Apply ${plan.fixes} fixes in 2 files? ${names}`, actions: ['Apply', 'Cancel'] }]);
    expect(lsp.appliedEdits).toEqual([]);
    answer = 'Apply';
    await run();
    expect(lsp.appliedEdits).toHaveLength(1);
    const changed = (lsp.appliedEdits[0]!.documentChanges ?? []).map((change) => ('textDocument' in change ? change.textDocument.uri : ''));
    expect(changed).toEqual(plan.files.map((file) => file.uri));
    expect(changed).not.toContain(lsp.uri('docs/guide.md'));
  }, 30_000);
});
