import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  type Diagnostic,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  type Position,
  ReferencesRequest,
} from 'vscode-languageserver-protocol/node';
import { FIX_PLAN_REQUEST, REPORT_REQUEST, type ReportResponse, RULE_DOCUMENT_REQUEST, type RuleDocumentResponse } from '../protocol';
import { LspClient, ROOT } from './helpers/lsp-client';
import { WEB_ROOT_URI } from './helpers/web-worker';

/*
 * The web extension's server (dist/web/server.js) as vscode.dev and github.dev run it: in a worker
 * whose global scope holds only what a browser's Web Worker offers, talking LSP over postMessage,
 * with the workspace named by a virtual URI (github.dev's vscode-vfs:) and read only through the
 * client's requests. Everything it answers must equal what the Node server answers for the same
 * files: the same engine, config resolution, backlog rules and editor features.
 */
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lsp', 'web');
const OPTIONS = { fixture: FIXTURE, initializationOptions: { debounceMs: 0, backlogDelayMs: 0 }, prepare: addNodeModules };

/** A package's README with a story heading: node_modules is never a backlog (git does not carry it in the fixture). */
function addNodeModules(workspace: string): void {
  mkdirSync(join(workspace, 'node_modules', 'some-package'), { recursive: true });
  writeFileSync(join(workspace, 'node_modules', 'some-package', 'README.md'), '# some-package\n\n## SHOP-1 Not a story\n\nAs a user, I want this file never read.\n');
}

const started: LspClient[] = [];
afterEach(async () => {
  for (const client of started.splice(0)) await client.stop();
});

async function start(web: boolean): Promise<LspClient> {
  const { client } = await LspClient.start({ ...OPTIONS, web });
  started.push(client);
  // Answered once the scan and both passes are done.
  await client.connection.sendRequest('storylint/stats');
  return client;
}

/** The path the server lints the workspace folder as: on disk, or the web host's path of its URI (server/client-host.ts). */
const rootPath = (client: LspClient): string => (client.web ? `/${WEB_ROOT_URI.replace('://', ':')}` : client.workspace);

/** A value with the client's workspace URI and path replaced by `<root>`, so answers of both servers compare. */
const portable = (client: LspClient, value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null).split(client.uri('')).join('<root>').split(rootPath(client)).join('<root>'));

/** Every published file's diagnostics by workspace-relative URI. */
const published = (client: LspClient): Record<string, Diagnostic[]> =>
  portable(client, Object.fromEntries([...client.diagnostics].filter(([, params]) => params.diagnostics.length > 0).map(([uri, params]) => [uri, params.diagnostics]))) as Record<string, Diagnostic[]>;

function at(client: LspClient, file: string, text: string, offset = 0): Position {
  const content = readFileSync(client.path(file), 'utf8');
  const before = content.slice(0, content.indexOf(text) + offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** What a user's editor asks about one open story file, answered by one server. */
async function editorAnswers(client: LspClient, file: string) {
  const uri = await client.open(file);
  const diagnostics = await client.diagnosticsFor(uri);
  const textDocument = { uri };
  const whole = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
  const serves = at(client, file, 'KR-1', 1);
  const ask = client.connection;
  return portable(client, {
    diagnostics,
    actions: await ask.sendRequest(CodeActionRequest.type, { textDocument, range: whole, context: { diagnostics } }),
    hover: await ask.sendRequest(HoverRequest.type, { textDocument, position: at(client, file, 'SHOP-2', 2) }),
    outcomeHover: await ask.sendRequest(HoverRequest.type, { textDocument, position: serves }),
    lenses: await ask.sendRequest(CodeLensRequest.type, { textDocument }),
    outline: await ask.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    completion: await ask.sendRequest(CompletionRequest.type, { textDocument, position: { ...serves, character: serves.character + 1 } }),
    definition: await ask.sendRequest(DefinitionRequest.type, { textDocument, position: serves }),
    references: await ask.sendRequest(ReferencesRequest.type, { textDocument, position: serves, context: { includeDeclaration: true } }),
  });
}

describe('the web extension\'s server, in a worker with only what a browser offers', () => {
  it('publishes for every file of a virtual workspace what the Node server publishes for it on disk', async () => {
    const [node, web] = await Promise.all([start(false), start(true)]);
    const files = published(web);
    expect(files).toEqual(published(node));
    // The parts that differ between the two hosts all took part: a backlog rule across files (a
    // file name that needs encoding among them), the config and its `extends` file, a folder's own
    // YAML config, `ignores`, node_modules.
    expect(Object.keys(files).sort()).toEqual(['<root>/ops/alerts.md', '<root>/stories/checkout.md', '<root>/stories/sprint%20%232%20caf%C3%A9.md']);
    expect(files['<root>/ops/alerts.md']!.map((diagnostic) => diagnostic.code)).not.toContain('require-acceptance-criteria');
    const codes = Object.values(files).flat().map((diagnostic) => diagnostic.code);
    expect(codes).toContain('unique-id');
    expect(files['<root>/stories/checkout.md']!.find((diagnostic) => diagnostic.code === 'require-evidence')?.severity).toBe(1);
    expect(codes).not.toContain('specific-role');
    // Nothing failed on the way (a Node or DOM global the worker lacks surfaces here first).
    expect(web.log()).not.toMatch(/failed|not defined|unhandled|uncaught/);
  });

  it('answers an open story file\'s diagnostics, quick fixes, config edits, hovers, lenses, outline, completion, definition and references as the Node server does', async () => {
    const [node, web] = await Promise.all([start(false), start(true)]);
    const fromWeb = (await editorAnswers(web, 'stories/checkout.md')) as Record<string, unknown>;
    expect(fromWeb).toEqual(await editorAnswers(node, 'stories/checkout.md'));
    const titles = (fromWeb.actions as { title: string }[]).map((action) => action.title);
    expect(titles.some((title) => title.endsWith('in .storylintrc.json'))).toBe(true);
    expect(fromWeb.definition).toEqual([expect.objectContaining({ uri: '<root>/outcomes.md' })]);
  });

  it('builds the same backlog report and fix plan', async () => {
    const [node, web] = await Promise.all([start(false), start(true)]);
    const report = async (client: LspClient) => portable(client, ((await client.connection.sendRequest(REPORT_REQUEST)) as ReportResponse).html.replace(/nonce-[^']*'/g, "nonce-'").replace(/nonce="[^"]*"/g, 'nonce=""'));
    expect(await report(web)).toEqual(await report(node));
    expect(portable(web, await web.connection.sendRequest(FIX_PLAN_REQUEST))).toEqual(portable(node, await node.connection.sendRequest(FIX_PLAN_REQUEST)));
  });

  it('reads the workspace only through the client: config files in one search, each folder listed and each Markdown file read once, node_modules never', async () => {
    const web = await start(true);
    const requests = web.workspaceRequests.map((request) => request.split(WEB_ROOT_URI).join(''));
    expect(requests.filter((request) => request.startsWith('storylint/findFiles'))).toHaveLength(1);
    expect(requests.filter((request) => request.startsWith('storylint/readDirectory')).sort()).toEqual(
      ['', '/archive', '/ops', '/stories', '/team'].map((folder) => `storylint/readDirectory ${folder}`).sort(),
    );
    const read = requests.filter((request) => request.startsWith('storylint/readFile')).map((request) => request.slice('storylint/readFile '.length));
    expect(read.sort()).toEqual(['/ops/alerts.md', '/outcomes.md', '/stories/checkout.md', '/stories/sprint%20%232%20caf%C3%A9.md', '/team/storylint-base.json'].sort());
    expect(requests.join('\n')).not.toContain('node_modules');
  });

  it('takes a config file changed on the virtual file system: all config files fetched again, every file linted with them', async () => {
    const web = await start(true);
    const checkout = web.uri('stories/checkout.md');
    const codes = () => web.diagnostics.get(checkout)?.diagnostics.map((diagnostic) => diagnostic.code) ?? [];
    expect(codes()).toContain('require-evidence');
    writeFileSync(join(web.workspace, '.storylintrc.json'), '{ "extends": "./team/storylint-base.json", "rules": { "require-evidence": "off" } }\n');
    await web.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: web.uri('.storylintrc.json'), type: FileChangeType.Changed }] });
    await web.until(() => (codes().includes('require-evidence') ? undefined : true), 'require-evidence gone');
    expect(web.workspaceRequests.filter((request) => request.startsWith('storylint/findFiles'))).toHaveLength(2);
  });

  it('keeps the settings when the editor cannot search the file system for config files, and says so in its log', async () => {
    const { client: web } = await LspClient.start({ ...OPTIONS, web: true, webSearchFails: true, configuration: { storylint: { codeLens: false } } });
    started.push(web);
    await web.connection.sendRequest('storylint/stats');
    const uri = await web.open('stories/checkout.md');
    expect(await web.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).toEqual([]);
    expect((await web.diagnosticsFor(uri)).length).toBeGreaterThan(0);
    expect(web.log()).toMatch(/failed reading the config files: .*No search provider/);
  });

  it('in a window with no folder open, lints an untitled story and offers its fixes (no working directory to resolve against)', async () => {
    const { client: web } = await LspClient.start({ ...OPTIONS, web: true, withoutFolder: true });
    started.push(web);
    const uri = 'untitled:Untitled-1';
    await web.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: '# Backlog\n\n## SHOP-9 Pay later\n\nAs a returning customer, I want to pay for an order later.\n' },
    });
    const diagnostics = await web.diagnosticsFor(uri, undefined, (published) => published.length > 0);
    const actions = (await web.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } })) as { title: string }[];
    expect(actions.map((action) => action.title)).toContain('Fix all storylint problems in this file');
    expect(web.log()).not.toMatch(/process is not defined|failed/);
  });

  it.each([false, true])('a file created, then gone before its change event was read, leaves no diagnostics behind (web: %s)', async (web) => {
    const client = await start(web);
    const copy = client.uri('stories/copy.md');
    const checkout = readFileSync(client.path('stories/checkout.md'), 'utf8');
    writeFileSync(client.path('stories/copy.md'), checkout);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: copy, type: FileChangeType.Created }] });
    await client.until(() => (client.diagnostics.get(copy)?.diagnostics.some((diagnostic) => diagnostic.code === 'unique-story') ? true : undefined), 'unique-story on the copy');
    // An editor reports a write as a change, and the deletion that follows it: the change's read finds nothing.
    rmSync(client.path('stories/copy.md'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: copy, type: FileChangeType.Changed }] });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: copy, type: FileChangeType.Deleted }] });
    await client.until(() => (client.diagnostics.get(copy)?.diagnostics.length === 0 ? true : undefined), 'the copy\'s diagnostics cleared');
    await client.connection.sendRequest('storylint/stats');
    expect(client.diagnostics.get(client.uri('stories/checkout.md'))?.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('unique-story');
  });

  it('shows a rule\'s page as installed: bundled, equal to rules/<rule>.md', async () => {
    const web = await start(true);
    const page = (await web.connection.sendRequest(RULE_DOCUMENT_REQUEST, { rule: 'require-evidence' })) as RuleDocumentResponse;
    expect(page.markdown).toBe(readFileSync(join(ROOT, 'rules', 'require-evidence.md'), 'utf8'));
  });
});
