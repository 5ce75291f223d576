import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test, waitFor } from './runner';
import { diagnosticsWhen, hoverText, LINT_TIMEOUT_MS, openStory, ruleOf, textBecomes } from './util';

const REFUNDS = 'stories/refunds.md';
const STORIES = ['REF-1 Refund a card payment', 'REF-2 Partial refunds', 'REF-3 Refund reasons'];

async function refunds(): Promise<vscode.TextEditor> {
  const editor = await openStory(REFUNDS);
  await diagnosticsWhen(editor.document.uri, (all) => all.length > 0, 'diagnostics on refunds.md');
  return editor;
}

/** The position of the first occurrence of `text` in the document, plus `offset` characters. */
function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" is in ${document.uri.path}`);
  return document.positionAt(at + offset);
}

suite('navigation', () => {
  test('document symbols list the stories with their score and sections (Outline, breadcrumbs)', async () => {
    const { document } = await refunds();
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    // VS Code's own Markdown extension adds heading symbols: ours are the classes with a quality score.
    const stories = (symbols ?? []).filter((symbol) => symbol.kind === vscode.SymbolKind.Class && /^quality \d+$/.test(symbol.detail));
    assert.deepEqual(stories.map((symbol) => symbol.name), STORIES, `story symbols (all symbols: ${JSON.stringify((symbols ?? []).map((s) => s.name))})`);
    assert.deepEqual(stories.map((symbol) => symbol.selectionRange.start.line + 1), [3, 15, 31], 'each story symbol selects its heading line');
    assert.deepEqual(stories[1]!.children.map((section) => section.name), ['Outcome', 'Problem', 'Acceptance criteria'], 'REF-2 lists its sections');
  });

  test('hovering a story heading shows its score and findings; hovering a finding explains its rule', async () => {
    const { document } = await refunds();
    const onHeading = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'REF-3 Refund reasons', 3)));
    assert.match(onHeading, /\*\*REF-3 Refund reasons\*\*: quality \d+\/100/);
    assert.match(onHeading, /Error: Acceptance criteria are only placeholders/);
    assert.match(onHeading, /Info: Unvalidated assumption \("We believe"\)/);
    assert.match(onHeading, /\(\[require-evidence\]\(\S+require-evidence\S*\)\)/, 'each finding links its rule documentation');

    const onFinding = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'the refund is fast', 'the refund is '.length + 1)));
    assert.match(onFinding, /\*\*testable-criteria\*\*/);
    assert.match(onFinding, /\[Documentation\]\(\S+testable-criteria\S*\)/);
  });

  test('code lenses show each story\'s quality and findings; the "fix" lens fixes that story only', async () => {
    const { document } = await refunds();
    const before = document.getText();
    const lenses = await waitFor(async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)) ?? [];
      const ours = all.filter((lens) => lens.command?.title.startsWith('Quality '));
      return ours.length === STORIES.length ? ours : undefined;
    }, { timeout: LINT_TIMEOUT_MS, message: `${STORIES.length} storylint code lenses` });
    const titles = lenses.map((lens) => lens.command!.title.replace(/^Quality \d+/, 'Quality N'));
    assert.deepEqual(titles, ['Quality N · 1 warning · fix', 'Quality N · 1 error, 1 warning · fix', 'Quality N · 1 error, 1 warning, 1 info'], 'lens titles');
    assert.deepEqual(lenses.map((lens) => lens.range.start.line + 1), [3, 15, 31], 'each lens sits on its story heading');

    const fixStory = lenses[1]!.command!;
    await vscode.commands.executeCommand(fixStory.command, ...(fixStory.arguments ?? []));
    const fixed = before.replace('I want to refund one item of an order.', 'I want to refund one item of an order, so that {benefit}.');
    assert.notEqual(fixed, before);
    await textBecomes(document, fixed, 'REF-2 (and only REF-2) to get a "so that" clause');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.getText(), before, 'the document is back to its text on disk');
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'require-benefit'), 'require-benefit back after the revert');
  }, { timeout: 60_000 });
});
