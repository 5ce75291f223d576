import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from './runner';
import { codeActionsWith, diagnosticsWhen, LINT_TIMEOUT_MS, openStory, ruleOf, textBecomes } from './util';

const FILE = 'fix-text/saved-cards.md';
const OUTCOME = '### Outcome\n\n{metric} from {baseline} to {target} by {date}\n\n';

suite('what a fix writes', () => {
  test('"Insert an Outcome section" puts the section before the Problem and the cursor on "{metric}", selected', async () => {
    const editor = await openStory(FILE);
    const document = editor.document;
    const before = document.getText();
    const [missing] = await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome'), `require-outcome on ${FILE}`).then((all) =>
      all.filter((d) => ruleOf(d) === 'require-outcome'),
    );
    await codeActionsWith(document.uri, missing!.range, 'Fix: Insert an Outcome section', vscode.CodeActionKind.QuickFix);
    // As a person does: the cursor on the finding, then the preferred quick fix (Shift+Alt+.).
    editor.selection = new vscode.Selection(missing!.range.start, missing!.range.start);
    await vscode.commands.executeCommand('editor.action.autoFix');
    const expected = before.replace('### Problem', `${OUTCOME}### Problem`);
    await textBecomes(document, expected, 'the Outcome section between the statement and the Problem');
    const metric = expected.indexOf('{metric}');
    const selection = vscode.window.activeTextEditor!.selection;
    assert.equal(vscode.window.activeTextEditor!.document, document, 'the story is still the active editor');
    assert.deepEqual(
      [document.offsetAt(selection.start), document.offsetAt(selection.end)],
      [metric, metric + '{metric}'.length],
      `the selection is "{metric}" (it is "${document.getText(selection)}")`,
    );
    // Typing replaces the placeholder.
    await vscode.commands.executeCommand('type', { text: 'Saved-card checkouts' });
    await textBecomes(document, expected.replace('{metric}', 'Saved-card checkouts'), 'the typed text in place of "{metric}"');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }, { timeout: LINT_TIMEOUT_MS * 3 });
});
