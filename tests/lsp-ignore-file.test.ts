import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'jsonc-parser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  type FileEvent,
  FileChangeType,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import { LspClient, ROOT } from './helpers/lsp-client';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lsp', 'workspace');
const REFUNDS = 'stories/refunds.md';
const CONFIGURATION = { storylint: { enable: true, run: 'onType', codeLens: true } };
/** A story with no acceptance criteria: require-acceptance-criteria reports it wherever it is linted. */
const STORY = '## PAY-40 Refund a voucher\n\nAs a support agent, I want to refund a voucher so that the customer can shop again.\n';
const IGNORE_TITLE = (configName: string) => `Ignore this file (add it to "ignores" in ${configName})`;

let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

async function start(prepare?: (workspace: string) => void): Promise<LspClient> {
  ({ client } = await LspClient.start({ fixture: FIXTURE, initializationOptions: { debounceMs: 0 }, configuration: structuredClone(CONFIGURATION), prepare }));
  return client;
}

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

const actionsFor = (lsp: LspClient, uri: string, diagnostics: Diagnostic[]) =>
  lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } }) as Promise<CodeAction[]>;

/** Applies a workspace edit to the files on disk as an editor does (create, then edit and save), and reports the changes. */
async function applyToDisk(lsp: LspClient, edit: WorkspaceEdit): Promise<void> {
  const events: FileEvent[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      expect(change.kind).toBe('create');
      const path = fileURLToPath((change as { uri: string }).uri);
      if (!existsSync(path)) {
        write(path, '');
        events.push({ uri: (change as { uri: string }).uri, type: FileChangeType.Created });
      }
      continue;
    }
    const path = fileURLToPath(change.textDocument.uri);
    const document = TextDocument.create(change.textDocument.uri, 'json', 0, readFileSync(path, 'utf8'));
    writeFileSync(path, TextDocument.applyEdits(document, change.edits as never));
    if (!events.some((event) => event.uri === change.textDocument.uri)) events.push({ uri: change.textDocument.uri, type: FileChangeType.Changed });
  }
  await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: events });
}

/** Resolves once the server has finished its scan and passes. */
const settled = (lsp: LspClient) => lsp.connection.sendRequest('storylint/stats') as Promise<{ files: number }>;

describe('"Ignore this file": the quick fix that says a file is not a backlog', () => {
  it('is offered on every finding and creates .storylintrc.json ignoring the file; its diagnostics then clear', async () => {
    const lsp = await start((workspace) => write(join(workspace, 'stories', 'payments.md'), STORY));
    const uri = await lsp.open(REFUNDS);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    expect(diagnostics.length).toBeGreaterThan(1);
    for (const diagnostic of diagnostics) {
      const actions = await actionsFor(lsp, uri, [diagnostic]);
      const ignore = actions.filter((action) => action.title === IGNORE_TITLE('.storylintrc.json'));
      expect(ignore, String(diagnostic.code)).toHaveLength(1);
      // It carries every finding at the cursor (findings on one heading overlap).
      expect(ignore[0]).toMatchObject({ kind: 'quickfix', diagnostics: expect.arrayContaining([expect.objectContaining({ code: diagnostic.code, message: diagnostic.message })]) });
      expect(actions.at(-1)).toBe(ignore[0]); // the last resort comes last
    }

    const [ignore] = (await actionsFor(lsp, uri, diagnostics)).filter((action) => action.title === IGNORE_TITLE('.storylintrc.json'));
    const configUri = lsp.uri('.storylintrc.json');
    expect(ignore!.edit).toEqual({
      documentChanges: [
        { kind: 'create', uri: configUri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '{\n  "ignores": [\n    "stories/refunds.md"\n  ]\n}\n' }] },
      ],
    });
    await lsp.diagnosticsFor(lsp.uri('stories/payments.md'), undefined, (d) => d.length > 0);

    await applyToDisk(lsp, ignore!.edit!);
    // An ignored open file publishes an empty list (for its open version), and nothing else goes quiet.
    expect(await lsp.diagnosticsFor(uri, 1, (d) => d.length === 0)).toEqual([]);
    await settled(lsp);
    expect(lsp.diagnostics.get(uri)?.diagnostics).toEqual([]);
    expect(lsp.diagnostics.get(lsp.uri('stories/payments.md'))?.diagnostics.length).toBeGreaterThan(0);
    expect(await actionsFor(lsp, uri, diagnostics)).toEqual([]);
  });

  it('appends to "ignores" of a JSONC config keeping its comments, as a glob that matches only this file', async () => {
    const name = 'stories/refund[1] (v2)!.md';
    const lookalike = 'stories/refund1 v2!.md'; // what the unescaped glob's [1] and (v2) would match
    const lsp = await start((workspace) => {
      write(join(workspace, '.storylintrc.jsonc'), '{\n  // team settings\n  "ignores": ["drafts/**"], // old drafts\n}\n');
      write(join(workspace, name), STORY);
      write(join(workspace, lookalike), STORY);
    });
    const uri = await lsp.open(name);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    const ignore = (await actionsFor(lsp, uri, diagnostics)).find((action) => action.title === IGNORE_TITLE('.storylintrc.jsonc'));
    expect(ignore).toBeDefined();
    const configUri = lsp.uri('.storylintrc.jsonc');
    expect(ignore!.edit!.documentChanges).toHaveLength(1);
    const before = readFileSync(lsp.path('.storylintrc.jsonc'), 'utf8');
    const after = TextDocument.applyEdits(TextDocument.create(configUri, 'jsonc', 0, before), LspClient.editsFor(ignore!.edit!, configUri));
    expect(after).toContain('// team settings');
    expect(after).toContain('// old drafts');
    expect(parse(after, [], { allowTrailingComma: true })).toEqual({ ignores: ['drafts/**', 'stories/refund\\[1\\] \\(v2\\)\\!.md'] });
    await lsp.diagnosticsFor(lsp.uri(lookalike), undefined, (d) => d.length > 0);

    await applyToDisk(lsp, ignore!.edit!);
    expect(readFileSync(lsp.path('.storylintrc.jsonc'), 'utf8')).toBe(after);
    await lsp.diagnosticsFor(uri, 1, (d) => d.length === 0);
    await settled(lsp);
    expect(lsp.diagnostics.get(lsp.uri(lookalike))?.diagnostics.length).toBeGreaterThan(0);
  });

  it.each([
    {
      format: 'YAML, in the story folder (the glob is relative to that folder)',
      configPath: 'stories/.storylintrc.yaml',
      config: '# payments team\nroot: true\n',
      expected: (text: string) => {
        expect(text).toBe('# payments team\nroot: true\nignores:\n  - refunds.md\n');
        expect(parseYaml(text)).toEqual({ root: true, ignores: ['refunds.md'] });
      },
    },
    {
      format: 'YAML with a list already',
      configPath: '.storylintrc.yml',
      config: 'ignores:\n  - drafts/** # old drafts\n',
      expected: (text: string) => expect(text).toBe('ignores:\n  - drafts/** # old drafts\n  - stories/refunds.md\n'),
    },
    {
      format: 'package.json, under its "storylint" key',
      configPath: 'package.json',
      config: '{\n  "name": "payments",\n  "storylint": {\n    "root": true\n  }\n}\n',
      expected: (text: string) => expect(JSON.parse(text)).toEqual({ name: 'payments', storylint: { root: true, ignores: ['stories/refunds.md'] } }),
    },
  ])('edits $format', async ({ configPath, config, expected }) => {
    const lsp = await start((workspace) => write(join(workspace, configPath), config));
    const uri = await lsp.open(REFUNDS);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    const ignore = (await actionsFor(lsp, uri, diagnostics)).find((action) => action.title === IGNORE_TITLE(configPath.split('/').pop()!));
    expect(ignore).toBeDefined();
    await applyToDisk(lsp, ignore!.edit!);
    expected(readFileSync(lsp.path(configPath), 'utf8'));
    await lsp.diagnosticsFor(uri, 1, (d) => d.length === 0);
  });
});

describe('the workspace scan skips well-known non-backlog files by default', () => {
  it('does not lint CHANGELOG.md or issue and pull request templates in the background; lints them when open or when "files" says so', async () => {
    const skipped = ['CHANGELOG.md', 'docs/LICENSE.md', '.github/ISSUE_TEMPLATE/story.md', '.github/pull_request_template.md'];
    const lsp = await start((workspace) => {
      for (const path of [...skipped, 'README.md']) write(join(workspace, path), STORY);
    });
    await lsp.diagnosticsFor(lsp.uri(REFUNDS), undefined, (d) => d.length > 0);
    await settled(lsp);
    for (const path of skipped) expect(lsp.diagnostics.has(lsp.uri(path)), path).toBe(false);
    // README is not skipped: whether it holds stories is the story detector's call.
    expect(lsp.diagnostics.get(lsp.uri('README.md'))?.diagnostics.length).toBeGreaterThan(0);

    // Open, a file is linted like a file named on the command line; closed, it leaves the backlog.
    const changelog = await lsp.open('CHANGELOG.md');
    expect((await lsp.diagnosticsFor(changelog, 1)).length).toBeGreaterThan(0);
    await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: changelog } });
    await lsp.diagnosticsFor(changelog, undefined, (d) => d.length === 0);
    await settled(lsp);
    expect(lsp.diagnostics.get(changelog)?.diagnostics).toEqual([]);

    // Saying where stories live replaces the built-in skips.
    write(lsp.path('.storylintrc.json'), '{ "files": ["**/*.md"] }\n');
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: lsp.uri('.storylintrc.json'), type: FileChangeType.Created }] });
    for (const path of skipped) await lsp.diagnosticsFor(lsp.uri(path), undefined, (d) => d.length > 0);
  });
});
