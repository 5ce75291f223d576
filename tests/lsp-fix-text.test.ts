import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApplyWorkspaceEditRequest,
  type CodeAction,
  CodeActionRequest,
  createProtocolConnection,
  type Diagnostic,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type SnippetTextEdit,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt } from './cli-harness';
import { LspClient, SERVER } from './helpers/lsp-client';
import { snippetText, toSnippetEdit } from '../server/edits';

/*
 * The quick fix for one finding puts the cursor on the first placeholder it inserts: a client that
 * declares snippet edits (LSP 3.18 workspace.workspaceEdit.snippetEditSupport, as VS Code does)
 * gets a SnippetTextEdit selecting "{metric}"; any other client the same text as a plain edit.
 * Fix-all stays plain text for both.
 */
const STORY = [
  '# Saved cards',
  '',
  '## PAY-21 Save a card for later',
  '',
  'As a repeat customer, I want to save my card so that I do not type it in every time.',
  '',
  '### Acceptance criteria',
  '',
  '- [ ] Given a successful payment, when I tick "Save card", then the card is offered at my next checkout.',
  '',
].join('\n');

/** The story once the Outcome quick fix is applied: between the statement and the criteria. */
const WITH_OUTCOME = STORY.replace('### Acceptance criteria', '### Outcome\n\n{metric} from {baseline} to {target} by {date}\n\n### Acceptance criteria');

/** A client that declares snippet edits (the LspClient helper declares what VS Code did before 3.18). */
class SnippetClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly applied: WorkspaceEdit[] = [];
  private readonly child: ChildProcess;
  private wake = (): void => undefined;

  constructor(readonly workspace: string) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      this.wake();
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, ({ edit }) => {
      this.applied.push(edit);
      this.wake();
      return { applied: true };
    });
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    const rootUri = pathToFileURL(this.workspace).href;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'fixture' }],
      initializationOptions: { debounceMs: 0 },
      capabilities: {
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
        textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, isPreferredSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(name: string, text: string): Promise<string> {
    const uri = pathToFileURL(join(this.workspace, name)).href;
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  /** Resolves once `check` gives a value, re-checked on each diagnostics or applied edit. */
  async until<T>(check: () => T | undefined): Promise<T> {
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}

/** The quick fix for the finding of `rule`, asked for at the finding. */
async function quickFix(connection: ProtocolConnection, uri: string, diagnostics: Diagnostic[], rule: string, title: string): Promise<CodeAction> {
  const diagnostic = diagnostics.find((found) => found.code === rule)!;
  const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  return actions.find((action) => action.title === title)!;
}

/** The edits of a workspace edit's one document change. */
const documentEdits = (edit: WorkspaceEdit): (TextEdit | SnippetTextEdit)[] => (edit.documentChanges as TextDocumentEdit[]).flatMap((change) => change.edits);

/** A document with edits applied, snippets as the text they insert with the selection they leave. */
function applySnippet(text: string, edit: SnippetTextEdit): { text: string; selected: string } {
  const document = TextDocument.create('file:///story.md', 'markdown', 1, text);
  const start = document.offsetAt(edit.range.start);
  const end = document.offsetAt(edit.range.end);
  // "${1:{metric\}}": the tab stop's text is what the editor selects.
  const match = /\$\{1:((?:\\.|[^\\}])*)\}/.exec(edit.snippet.value)!;
  const unescape = (part: string) => part.replace(/\\(.)/g, '$1');
  const before = unescape(edit.snippet.value.slice(0, match.index));
  const selected = unescape(match[1]!);
  const after = unescape(edit.snippet.value.slice(match.index + match[0].length));
  return { text: text.slice(0, start) + before + selected + after + text.slice(end), selected };
}

let running: { stop(): Promise<unknown> } | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('the quick fix puts the cursor on the first placeholder', () => {
  beforeAll(ensureBuilt, 120_000);

  it('sends a client with snippet edits a SnippetTextEdit that selects "{metric}", and fix-all as plain text', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'storylint-fix-text-'));
    writeFileSync(join(workspace, 'cards.md'), STORY);
    const client = new SnippetClient(workspace);
    running = client;
    await client.initialize();
    const uri = await client.open('cards.md', STORY);
    const diagnostics = await client.until(() => (client.diagnostics.get(uri)?.some((found) => found.code === 'require-outcome') ? client.diagnostics.get(uri) : undefined));

    const action = await quickFix(client.connection, uri, diagnostics, 'require-outcome', 'Fix: Insert an Outcome section');
    const [edit, ...rest] = documentEdits(action.edit!);
    expect(rest).toEqual([]);
    expect('snippet' in edit!).toBe(true);
    const snippet = edit as SnippetTextEdit;
    expect(snippet.snippet.kind).toBe('snippet');
    // Only the first placeholder is a tab stop; the braces of the others are escaped text.
    expect(snippet.snippet.value).toBe('### Outcome\n\n${1:{metric\\}} from {baseline\\} to {target\\} by {date\\}\n\n');
    expect(applySnippet(STORY, snippet)).toEqual({ text: WITH_OUTCOME, selected: '{metric}' });

    // Fix-all (the source action and the command) inserts plain text, never a snippet.
    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics: [], only: ['source.fixAll.storylint'] },
    })) as CodeAction[];
    expect(fixAll.map((found) => found.title)).toEqual(['Fix all storylint problems in this file']);
    expect(documentEdits(fixAll[0]!.edit!).every((found) => 'newText' in found && !('snippet' in found))).toBe(true);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'storylint.server.fixFile', arguments: [uri] });
    const applied = await client.until(() => client.applied[0]);
    const edits = documentEdits(applied);
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.every((found) => 'newText' in found && !('snippet' in found))).toBe(true);
    expect(edits.map((found) => (found as TextEdit).newText).join('')).toContain('{metric} from {baseline} to {target} by {date}');
  });

  it('sends a client without snippet edits the same text as a plain edit', async () => {
    const { client } = await LspClient.start({
      fixture: join(__dirname, 'fixtures', 'lsp', 'workspace'),
      initializationOptions: { debounceMs: 0 },
      prepare: (workspace) => writeFileSync(join(workspace, 'cards.md'), STORY),
    });
    running = client;
    const uri = await client.open('cards.md');
    const diagnostics = await client.diagnosticsFor(uri, undefined, (list) => list.some((found) => found.code === 'require-outcome'));
    const action = await quickFix(client.connection, uri, diagnostics, 'require-outcome', 'Fix: Insert an Outcome section');
    const edits = documentEdits(action.edit!);
    expect(edits).toHaveLength(1);
    expect('snippet' in edits[0]!).toBe(false);
    const edit = edits[0] as TextEdit;
    expect(edit.newText).toBe('### Outcome\n\n{metric} from {baseline} to {target} by {date}\n\n');
    expect(TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, STORY), [edit])).toBe(WITH_OUTCOME);
  });

  it('escapes "$", "}" and "\\" around the placeholder, and reads a snippet back as the text it inserts', () => {
    const document = TextDocument.create('file:///story.md', 'markdown', 1, 'x');
    const text = 'Pay $5 \\ {fee} at {place}} now ${1:x}';
    const edit = toSnippetEdit(document, { span: [1, 1], text }) as SnippetTextEdit;
    expect(edit.snippet.value).toBe('Pay \\$5 \\\\ ${1:{fee\\}} at {place\\}\\} now \\${1:x\\}');
    expect(snippetText(edit.snippet.value)).toBe(text);
    expect(applySnippet('x', edit)).toEqual({ text: `x${text}`, selected: '{fee}' });
    // No placeholder: a plain edit.
    expect(toSnippetEdit(document, { span: [1, 1], text: ', so that the customer is paid' })).toEqual({ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: ', so that the customer is paid' });
  });
});
