import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import laterFixed from './expected/later.fixed.md';
import refundsFixed from './expected/refunds.fixed.md';
import { suite, test } from './runner';
import { diagnosticsWhen, fileUri, openStory, readOnDisk, ruleOf, storylintExtension, textBecomes } from './util';

const REFUNDS = 'stories/refunds.md';

suite('commands', () => {
  test('every command in package.json contributes.commands is registered', async () => {
    const contributed = ((storylintExtension().packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
    for (const id of ['storylint.fixAllInFile', 'storylint.fixAllInWorkspace', 'storylint.createConfig']) {
      assert.ok(contributed.includes(id), `package.json contributes ${id} (contributed: ${JSON.stringify(contributed)})`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed commands without a handler');
  });

  test('"Fix all in file" fixes the active file', async () => {
    const { document } = await openStory(REFUNDS);
    const before = document.getText();
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome'), 'require-outcome on refunds.md');
    await vscode.commands.executeCommand('storylint.fixAllInFile');
    await textBecomes(document, refundsFixed, 'refunds.md to equal tests/vscode/expected/refunds.fixed.md');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.getText(), before, 'reverted');
    // The server lints edits after a pause: wait until it has seen the revert before the next test.
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome'), 'require-outcome back after the revert');
  });

  test('"Fix all in workspace" fixes open and unopened files', async () => {
    const { document } = await openStory(REFUNDS);
    await diagnosticsWhen(fileUri('stories/later.md'), (all) => all.some((d) => ruleOf(d) === 'require-benefit'), 'require-benefit on the unopened later.md');
    await vscode.commands.executeCommand('storylint.fixAllInWorkspace');
    await textBecomes(document, refundsFixed, 'refunds.md to equal tests/vscode/expected/refunds.fixed.md');
    const later = await vscode.workspace.openTextDocument(fileUri('stories/later.md'));
    await textBecomes(later, laterFixed, 'later.md to equal tests/vscode/expected/later.fixed.md');
  });

  test('"Create config file" writes a starter .storylintrc.json and opens it', async () => {
    const { document } = await openStory(REFUNDS);
    await vscode.workspace.fs.delete(fileUri('.storylintrc.json'));
    // Without the fixture config testable-criteria is back at its default severity, a warning.
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'testable-criteria' && d.severity === vscode.DiagnosticSeverity.Warning), 'testable-criteria at its default severity once the config is deleted');
    await vscode.commands.executeCommand('storylint.createConfig');
    const created = JSON.parse(await readOnDisk('.storylintrc.json')) as Record<string, unknown>;
    assert.equal(created.extends, 'storylint:recommended');
    assert.deepEqual(created.rules, {});
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri('.storylintrc.json').toString(), 'the new config is open in the editor');
  });

  test('"New story" opens an untitled Markdown file with a story template', async () => {
    await vscode.commands.executeCommand('storylint.newStory');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.isUntitled, 'an untitled document is active');
    assert.equal(document.languageId, 'markdown');
    for (const heading of ['### Problem', '### Outcome', '### Acceptance criteria']) assert.ok(document.getText().includes(heading), `the template has "${heading}"`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
