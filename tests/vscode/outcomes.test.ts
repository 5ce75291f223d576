import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test, waitFor } from './runner';
import { fileUri, LINT_TIMEOUT_MS, openStory } from './util';

const STORY = 'outcomes/refund-status.md';
const OUTCOMES = 'outcomes/outcomes.md';
/** `## KR-1.2 Self-serve refunds`: line 3 of outcomes.md, the id at characters 3-9 (0-based). */
const HEADING_LINE = 2;

const where = (uri: vscode.Uri, range: vscode.Range): string =>
  `${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}:${range.start.character}-${range.end.character}`;

const targetOf = (location: vscode.Location | vscode.LocationLink): string =>
  'targetUri' in location ? where(location.targetUri, location.targetSelectionRange ?? location.targetRange) : where(location.uri, location.range);

function idPosition(document: vscode.TextDocument): vscode.Position {
  const at = document.getText().indexOf('**Serves:** KR-1.2');
  assert.ok(at >= 0, 'the story serves KR-1.2');
  return document.positionAt(at + '**Serves:** KR'.length);
}

suite('outcomes', () => {
  test('go to definition on a story\'s outcome reference is the outcome heading in outcomes.md (not open), and F12 opens it there', async () => {
    const editor = await openStory(STORY);
    const position = idPosition(editor.document);
    let last: string[] = [];
    // The server answers once it has scanned the workspace: ask until it does.
    await waitFor(async () => {
      const found = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position)) ?? [];
      last = found.map(targetOf);
      return last.length > 0 ? last : undefined;
    }, { timeout: LINT_TIMEOUT_MS, interval: 250, message: 'a definition for KR-1.2' }).catch((error: Error) => {
      throw new Error(`${error.message}; last: ${JSON.stringify(last)}`);
    });
    assert.deepEqual(last, [`${OUTCOMES}:3:3-9`], 'the definition is the id in the outcome\'s heading');

    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const opened = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === fileUri(OUTCOMES).toString() ? active : undefined;
    }, { timeout: LINT_TIMEOUT_MS, message: 'Go to Definition to open outcomes.md' });
    assert.equal(opened.selection.start.line, HEADING_LINE, 'the cursor is on the outcome heading');
    assert.equal(opened.document.lineAt(HEADING_LINE).text, '## KR-1.2 Self-serve refunds');
  }, { timeout: 60_000 });

  test('find all references on the outcome heading lists the story serving it', async () => {
    const editor = await openStory(OUTCOMES);
    const heading = new vscode.Position(HEADING_LINE, 4);
    const story = await vscode.workspace.openTextDocument(fileUri(STORY));
    const expected = where(story.uri, new vscode.Range(idPosition(story).translate(0, -2), idPosition(story).translate(0, 4)));
    const found = await waitFor(async () => {
      const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, heading)) ?? [];
      const places = locations.map((location) => where(location.uri, location.range));
      return places.includes(expected) ? places : undefined;
    }, { timeout: LINT_TIMEOUT_MS, interval: 250, message: `a reference at ${expected}` });
    assert.ok(found.includes(`${OUTCOMES}:3:3-9`), `the declaration is listed too (found: ${JSON.stringify(found)})`);
  });
});
