import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import quickfixFixed from './expected/quickfix.fixed.md';
import saveFixed from './expected/save.fixed.md';
import { suite, test } from './runner';
import { codeActionsWith, diagnosticsWhen, LINT_TIMEOUT_MS, openStory, readOnDisk, ruleOf, textBecomes } from './util';

const FIX_ALL_ON_SAVE = 'source.fixAll.storylint';

suite('code actions', () => {
  test('the quick fix for a missing outcome inserts an Outcome section', async () => {
    const editor = await openStory('stories/quickfix.md');
    const uri = editor.document.uri;
    const [missing] = await diagnosticsWhen(uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome'), 'require-outcome on quickfix.md').then((all) => all.filter((d) => ruleOf(d) === 'require-outcome'));
    const actions = await codeActionsWith(uri, missing!.range, 'Fix: Insert an Outcome section', vscode.CodeActionKind.QuickFix);
    const titles = actions.map((action) => action.title);
    for (const title of ['Disable require-outcome for this story', 'Disable require-outcome for this file', 'Show documentation for require-outcome']) {
      assert.ok(titles.includes(title), `"${title}" is offered (offered: ${JSON.stringify(titles)})`);
    }
    const fix = actions.find((action) => action.title === 'Fix: Insert an Outcome section')!;
    assert.equal(fix.isPreferred, true, 'the fix is the preferred action (Shift+Alt+. applies it)');
    assert.ok(fix.edit, 'the fix carries an edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the editor applied the edit');
    await textBecomes(editor.document, quickfixFixed, 'the document to equal tests/vscode/expected/quickfix.fixed.md');
    // The placeholder outcome now fails the measurable-outcome rule, and require-outcome is gone.
    await diagnosticsWhen(uri, (all) => !all.some((d) => ruleOf(d) === 'require-outcome') && all.some((d) => ruleOf(d) === 'measurable-outcome'), 'require-outcome replaced by measurable-outcome after the fix');
    await editor.document.save();
  }, { timeout: 60_000 });

  test('with editor.codeActionsOnSave source.fixAll.storylint, saving fixes the file on disk', async () => {
    const settings = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await settings.update('codeActionsOnSave', { [FIX_ALL_ON_SAVE]: 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const story = await openStory('stories/save.md');
      await diagnosticsWhen(story.document.uri, (all) => all.length === 3, 'three fixable findings on save.md');
      const at = story.document.getText().indexOf('redeem a voucher') + 'redeem a '.length;
      assert.ok(at > 'redeem a '.length, 'save.md contains "redeem a voucher"');
      await story.edit((edit) => edit.insert(story.document.positionAt(at), 'gift '));
      assert.equal(story.document.isDirty, true);
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(story.document.isDirty, false, 'the document is saved');
      assert.equal(await readOnDisk('stories/save.md'), saveFixed, 'save.md on disk equals tests/vscode/expected/save.fixed.md (the edit plus every fix)');
      // The sections the fixes inserted are there; their placeholders are still asked for until a person fills them in.
      await diagnosticsWhen(
        story.document.uri,
        (all) =>
          !all.some((d) => ['require-problem', 'require-outcome'].includes(ruleOf(d))) &&
          all.some((d) => ruleOf(d) === 'require-benefit' && d.message.includes('placeholder "{benefit}"')),
        'require-problem and require-outcome to disappear and require-benefit to ask for the placeholder to be replaced',
      );
    } finally {
      await settings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  }, { timeout: LINT_TIMEOUT_MS * 3 });
});
