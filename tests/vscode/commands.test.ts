import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import laterFixed from './expected/later.fixed.md';
import refundsFixed from './expected/refunds.fixed.md';
import { suite, test, waitFor } from './runner';
import { diagnosticsWhen, fileUri, hoverText, LINT_TIMEOUT_MS, openStory, readOnDisk, recordMessages, ruleOf, storylintExtension, textBecomes, writeOnDisk } from './util';

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
    const confirm = await recordMessages(() => 'Apply');
    await vscode.commands.executeCommand('storylint.fixAllInWorkspace').then(confirm.restore, confirm.restore);
    await textBecomes(document, refundsFixed, 'refunds.md to equal tests/vscode/expected/refunds.fixed.md');
    const later = await vscode.workspace.openTextDocument(fileUri('stories/later.md'));
    await textBecomes(later, laterFixed, 'later.md to equal tests/vscode/expected/later.fixed.md');
  });

  test('"Restart server" restarts it and the diagnostics come back', async () => {
    const { document } = await openStory(REFUNDS);
    await vscode.commands.executeCommand('storylint.restartServer');
    // Hover needs a live server: the diagnostics alone could be left over from the old one.
    const fast = document.positionAt(document.getText().indexOf('the refund is fast') + 'the refund is '.length + 1);
    await waitFor(async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, fast)).includes('**testable-criteria**'), { timeout: LINT_TIMEOUT_MS, message: 'a hover from the restarted server' });
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'testable-criteria'), 'testable-criteria after the restart');
  });

  test('the config file is checked against the rules\' JSON schema (jsonValidation)', async () => {
    const config = fileUri('.storylintrc.json');
    const original = await readOnDisk('.storylintrc.json');
    const document = await vscode.workspace.openTextDocument(config);
    const editor = await vscode.window.showTextDocument(document);
    try {
      const at = document.getText().indexOf('"error"');
      assert.ok(at > 0, 'the fixture config sets a severity "error"');
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + '"error"'.length)), '"sometimes"'));
      const problems = await waitFor(() => {
        const found = vscode.languages.getDiagnostics(config);
        return found.length > 0 ? found : undefined;
      }, { timeout: 30_000, message: `a schema diagnostic on "sometimes" (now: ${JSON.stringify(vscode.languages.getDiagnostics(config).map((d) => d.message))})` });
      assert.equal(problems[0]!.range.start.line, document.positionAt(at).line, 'on the invalid severity\'s line');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.equal(await readOnDisk('.storylintrc.json'), original);
    }
  }, { timeout: 45_000 });

  test('"Create config file" writes a starter .storylintrc.json, opens it, and the bundled schema checks it', async () => {
    const { document } = await openStory(REFUNDS);
    await vscode.workspace.fs.delete(fileUri('.storylintrc.json'));
    // Without the fixture config testable-criteria is back at its default severity, a warning.
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'testable-criteria' && d.severity === vscode.DiagnosticSeverity.Warning), 'testable-criteria at its default severity once the config is deleted');
    await vscode.commands.executeCommand('storylint.createConfig');
    const created = JSON.parse(await readOnDisk('.storylintrc.json')) as Record<string, unknown>;
    assert.equal(created.extends, 'storylint:recommended');
    assert.deepEqual(created.rules, {});
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri('.storylintrc.json').toString(), 'the new config is open in the editor');
    // The bundled schema checks the new file: an invalid severity gets a JSON diagnostic, and nothing
    // complains about a schema it cannot load.
    const createdText = await readOnDisk('.storylintrc.json');
    await writeOnDisk('.storylintrc.json', createdText.replace('"rules": {}', '"rules": { "require-outcome": "sometimes" }'));
    const json = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(fileUri('.storylintrc.json'));
      return found.length > 0 ? found : undefined;
    }, { timeout: 30_000, message: 'a JSON schema diagnostic on the new config' }).catch((error: Error) => {
      throw new Error(`${error.message}; all diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics().map(([uri, ds]) => [uri.path, ds.map((d) => d.message)]))}`);
    });
    const rulesLine = createdText.split('\n').findIndex((line) => line.includes('"rules"'));
    assert.deepEqual(json.map((d) => d.range.start.line), [rulesLine], `one schema diagnostic, on the invalid severity (got: ${JSON.stringify(json.map((d) => [d.source, d.message]))})`);
    await writeOnDisk('.storylintrc.json', createdText);
  }, { timeout: 60_000 });

  test('"Show backlog report" opens the report as a webview tab', async () => {
    await openStory(REFUNDS);
    await vscode.commands.executeCommand('storylint.showReport');
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.endsWith('storylint.report')), { timeout: LINT_TIMEOUT_MS, message: 'a "storylint.report" webview tab' });
    assert.equal(tab.label, 'Backlog report');
    assert.equal(tab.isActive, true, 'the report is the active tab');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
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
