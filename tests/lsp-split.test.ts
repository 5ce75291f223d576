import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CodeAction, CodeActionKind, CodeActionRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, ROOT } from './helpers/lsp-client';

// The split suggestion over a real stdio connection: the code action the editor shows and the text it writes.
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'rules', 'atomic-story', 'split');
const expected = (file: string) => readFileSync(join(FIXTURE, file), 'utf8');

let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

async function start(): Promise<LspClient> {
  ({ client } = await LspClient.start({ fixture: FIXTURE, initializationOptions: { debounceMs: 0 }, configuration: { storylint: { enable: true, run: 'onType' } } }));
  return client;
}

const isAtomic = (diagnostic: Diagnostic) => diagnostic.code === 'atomic-story';

/** The code actions at the atomic-story diagnostic of the document's current version. */
async function actionsAtSplit(lsp: LspClient, uri: string, version: number): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
  const diagnostics = await lsp.diagnosticsFor(uri, version, (list) => list.some(isAtomic));
  const diagnostic = diagnostics.find(isAtomic)!;
  const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
  return { diagnostic, actions };
}

/** The document text after the action's workspace edit. */
function applied(lsp: LspClient, uri: string, action: CodeAction): string {
  const document = lsp.document(uri);
  return TextDocument.applyEdits(document, LspClient.editsFor(action.edit!, uri));
}

describe('"Split this story" over LSP', () => {
  it('offers the n-way split as a refactoring of the atomic-story diagnostic and writes the split stories', async () => {
    const lsp = await start();
    const uri = await lsp.open('ids.md');
    const { diagnostic, actions } = await actionsAtSplit(lsp, uri, 1);
    const split = actions.find((action) => action.title.startsWith('Split this story'));
    expect(split).toMatchObject({ title: 'Split this story into 3 stories (send, track, edit)', kind: CodeActionKind.RefactorRewrite, diagnostics: [diagnostic] });
    expect(split!.isPreferred).toBeUndefined();
    expect(applied(lsp, uri, split!)).toBe(expected('ids.split.md'));
  });

  it('writes list items for a one-line story', async () => {
    const lsp = await start();
    const uri = await lsp.open('one-line.md');
    const { actions } = await actionsAtSplit(lsp, uri, 1);
    const split = actions.find((action) => action.title.startsWith('Split this story'))!;
    expect(split.title).toBe('Split this story into 3 stories (create, edit, delete)');
    expect(applied(lsp, uri, split)).toBe(expected('one-line.split.md'));
  });

  it('is never part of fix-all: source.fixAll.storylint leaves the capabilities together', async () => {
    const lsp = await start();
    const uri = await lsp.open('three-part-list.md');
    await lsp.diagnosticsFor(uri, 1, (list) => list.some(isAtomic));
    const document = lsp.document(uri);
    const fixAll = (await lsp.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) },
      context: { diagnostics: [], only: ['source.fixAll.storylint'] },
    })) as CodeAction[];
    const after = fixAll[0] ? applied(lsp, uri, fixAll[0]) : document.getText();
    expect(after).toContain('I want to create, edit and delete projects in the admin console');
    expect(after).not.toContain('## PRJ-42');
  });

  // Known bug outside rules/: StoryFindingsMemo (core/engine/story-findings-memo.ts) shifts a remembered
  // finding's span and fix but not its suggestions, so after an edit above the story the split edits the
  // old offsets. Shifting `suggestions` there like `fix` makes this pass; then drop `.fails`.
  it('after an edit above the story, splits the story where it now is', async () => {
    const lsp = await start();
    const uri = await lsp.open('three-part-list.md');
    await lsp.diagnosticsFor(uri, 1, (list) => list.some(isAtomic));
    const note = 'Reviewed with the team on Monday.\n\n';
    const version = await lsp.edit(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: note }]);
    const { actions } = await actionsAtSplit(lsp, uri, version);
    const split = actions.find((action) => action.title.startsWith('Split this story'))!;
    const want = expected('three-part-list.split.md').replace('## PRJ-41', `${note}## PRJ-41`);
    expect(applied(lsp, uri, split)).toBe(want);
  });

  it('leaves no atomic-story diagnostic once the split is applied', async () => {
    const lsp = await start();
    const uri = await lsp.open('possessive.md');
    const { actions } = await actionsAtSplit(lsp, uri, 1);
    const split = actions.find((action) => action.title.startsWith('Split this story'))!;
    const version = await lsp.edit(uri, LspClient.editsFor(split.edit!, uri));
    expect(lsp.document(uri).getText()).toBe(expected('possessive.split.md'));
    const diagnostics = await lsp.diagnosticsFor(uri, version);
    expect(diagnostics.filter(isAtomic)).toEqual([]);
    // The new story is a story of its own: the section rules see it (it has no outcome yet).
    expect(diagnostics.some((item) => item.code === 'require-outcome' && item.range.start.line === 14)).toBe(true);
  });
});
