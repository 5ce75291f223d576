// Fix on auto save, the confirmed workspace fix and the config feedback, as the user meets them in
// the editor. Files live in config-feedback/ (created here, deleted after); the last test moves the
// shared root config away for a moment, so this file runs last.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test, waitFor } from './runner';
import { codeActionsWith, diagnosticsWhen, fileUri, LINT_TIMEOUT_MS, openStory, readOnDisk, recordMessages, ruleOf, serverRequest, storylintDiagnostics, writeOnDisk } from './util';

const DIR = 'config-feedback';
const NESTED_CONFIG = `${DIR}/.storylintrc.json`;
const RULE_OFF = 'require-acceptance-criteria';
const VALID = `{\n  "rules": {\n    "${RULE_OFF}": "off"\n  }\n}\n`;
/** A missing comma on line 4, column 5. */
const TYPO = `{\n  "rules": {\n    "${RULE_OFF}": "off"\n    "story-size": "off"\n  }\n}\n`;
/** A story without acceptance criteria and without an outcome (both fixable). */
const STORY = (id: string) => `# Invoices\n\n## ${id} Export invoices\n\nAs an accountant, I want to export invoices as CSV so that I can file taxes on time.\n\n### Problem\n\nIn 14 of 20 interviews in May 2026, accountants said they retype invoices by hand.\n`;
const settled = () => serverRequest('storylint/stats');
const remove = async (relativePath: string) => vscode.workspace.fs.delete(fileUri(relativePath), { recursive: true, useTrash: false }).then(undefined, () => undefined);
const outcomes = (text: string) => text.split('\n').filter((line) => /^#+ Outcome$/.test(line)).length;

/** Auto save after 300 ms with storylint's fix on save set to `mode`; undefined puts both back (auto save off first). */
async function autoSaveWith(mode: 'always' | 'explicit' | undefined): Promise<void> {
  const files = vscode.workspace.getConfiguration('files');
  const editor = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
  const fixOnSave = () => editor.update('codeActionsOnSave', mode && { 'source.fixAll.storylint': mode }, vscode.ConfigurationTarget.Workspace, true);
  const autoSave = async () => {
    await files.update('autoSaveDelay', mode && 300, vscode.ConfigurationTarget.Workspace);
    await files.update('autoSave', mode ? 'afterDelay' : 'off', vscode.ConfigurationTarget.Workspace);
  };
  if (mode) await fixOnSave().then(autoSave);
  else await autoSave().then(fixOnSave);
}

/** The text on disk once an auto save has written `inserted` and the editor holds nothing unsaved. */
const autoSaved = (story: vscode.TextEditor, path: string, inserted: string): Promise<string> =>
  waitFor(
    async () => {
      const text = await readOnDisk(path);
      return text.includes(inserted) && !story.document.isDirty ? text : undefined;
    },
    { timeout: LINT_TIMEOUT_MS, message: `the auto save to write "${inserted}" to ${path}` },
  );

const closeAndRemove = async (path: string) => {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await remove(path);
};

suite('config feedback, fix on auto save, the confirmed workspace fix', () => {
  test('with files.autoSave afterDelay and source.fixAll.storylint "always", an auto save writes the fixed text to disk', async () => {
    const path = `${DIR}/autosave.md`;
    await writeOnDisk(path, STORY('AUT-1'));
    const shown = await recordMessages(() => undefined);
    try {
      await autoSaveWith('always');
      const story = await openStory(path);
      await diagnosticsWhen(story.document.uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome'), 'require-outcome on autosave.md');
      const at = story.document.getText().indexOf('as CSV');
      await story.edit((edit) => edit.insert(story.document.positionAt(at), 'monthly '));
      // No explicit save: the auto save after the delay writes the file, fixed by the save participant.
      const disk = await autoSaved(story, path, 'monthly as CSV');
      assert.equal(outcomes(disk), 1, `the fix inserted an Outcome section before the auto save wrote the file:\n${disk}`);
      assert.equal(disk, story.document.getText(), 'what is on disk is what the editor shows');
      assert.deepEqual(shown.shown, [], 'no hint: "always" fixes on auto save');
    } finally {
      shown.restore();
      await autoSaveWith(undefined);
      await closeAndRemove(path);
    }
  }, { timeout: LINT_TIMEOUT_MS * 3 });

  test('with "explicit" and files.autoSave afterDelay, an auto save writes the text unfixed and a hint says why, once', async () => {
    const path = `${DIR}/explicit.md`;
    await writeOnDisk(path, STORY('EXP-1'));
    const shown = await recordMessages(() => undefined);
    try {
      await autoSaveWith('explicit');
      const story = await openStory(path);
      await diagnosticsWhen(story.document.uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome'), 'require-outcome on explicit.md');
      for (const word of ['monthly ', 'signed ']) {
        await story.edit((edit) => edit.insert(story.document.positionAt(story.document.getText().indexOf('as CSV')), word));
        const disk = await autoSaved(story, path, `${word}as CSV`);
        assert.equal(outcomes(disk), 0, 'VS Code runs "explicit" code actions on explicit saves only: nothing was fixed');
      }
      assert.deepEqual(shown.shown.map((message) => message.message), [
        'Storylint fixes on save run on explicit saves only: "source.fixAll.storylint" is "explicit" in editor.codeActionsOnSave. Set it to "always" to fix on auto save too.',
      ]);
    } finally {
      shown.restore();
      await autoSaveWith(undefined);
      await closeAndRemove(path);
    }
  }, { timeout: LINT_TIMEOUT_MS * 3 });

  test('"Fix all problems in the workspace" asks in a modal with the counts and the file names; Cancel writes nothing, Apply fixes every file', async () => {
    await writeOnDisk(`${DIR}/invoices.md`, STORY('INV-1'));
    await writeOnDisk(`${DIR}/receipts.md`, STORY('REC-1').replace(/invoices/g, 'receipts'));
    await writeOnDisk(`${DIR}/guide.md`, '# Guide\n\n## Install\n\nRun the installer.\n');
    let answer: string | undefined;
    const messages = await recordMessages(() => answer);
    try {
      const guide = await openStory(`${DIR}/guide.md`);
      await diagnosticsWhen(fileUri(`${DIR}/receipts.md`), (all) => all.some((d) => ruleOf(d) === 'require-outcome'), 'require-outcome on the unopened receipts.md');
      await settled();
      const plan = await serverRequest<{ files: { uri: string; name: string; fixes: number }[]; fixes: number }>('storylint/fixPlan');
      const names = plan.files.map((file) => file.name);
      assert.ok(names.includes(`${DIR}/invoices.md`) && names.includes(`${DIR}/receipts.md`), `both backlogs are planned (${JSON.stringify(names)})`);
      assert.ok(!names.includes(`${DIR}/guide.md`), 'the guide (no stories) is not');

      answer = undefined; // the modal's Cancel
      await vscode.commands.executeCommand('storylint.fixAllInWorkspace');
      assert.equal(messages.shown.length, 1, 'one question');
      const [question] = messages.shown;
      assert.equal(question!.modal, true, 'a modal');
      assert.equal(question!.message, `Apply ${plan.fixes} fixes in ${plan.files.length} files?`);
      assert.deepEqual(question!.actions, ['Apply']);
      assert.equal(question!.detail, plan.files.map((file) => `${file.name}: ${file.fixes === 1 ? '1 fix' : `${file.fixes} fixes`}`).join('\n'));
      const open = () => plan.files.map((file) => vscode.workspace.textDocuments.find((document) => document.uri.toString() === file.uri));
      assert.deepEqual(open().filter((document) => document?.isDirty), [], 'Cancel changed no file');
      assert.equal(await readOnDisk(`${DIR}/invoices.md`), STORY('INV-1'));

      // What "Fix all in file" gives each of the two files is what the workspace fix must write.
      const expected = new Map<string, string>();
      for (const name of [`${DIR}/invoices.md`, `${DIR}/receipts.md`]) {
        const document = await vscode.workspace.openTextDocument(fileUri(name));
        const [fix] = await codeActionsWith(document.uri, new vscode.Range(0, 0, document.lineCount, 0), 'Fix all storylint problems in this file', vscode.CodeActionKind.SourceFixAll.append('storylint'));
        const edits = fix!.edit!.get(document.uri);
        let text = document.getText();
        for (const edit of [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
          text = text.slice(0, document.offsetAt(edit.range.start)) + edit.newText + text.slice(document.offsetAt(edit.range.end));
        }
        expected.set(name, text);
      }
      answer = 'Apply';
      await vscode.commands.executeCommand('storylint.fixAllInWorkspace');
      assert.equal(messages.shown.length, 2, 'asked again');
      for (const [name, text] of expected) {
        const document = await vscode.workspace.openTextDocument(fileUri(name));
        assert.equal(document.getText(), text, `${name} holds its fixed text`);
        await document.save();
        assert.equal(await readOnDisk(name), text, `${name} on disk once saved`);
      }
      assert.equal(guide.document.isDirty, false, 'the guide is untouched');
    } finally {
      messages.restore();
      // The other planned files (other tests' backlogs) go back to what is on disk.
      for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await remove(DIR);
    }
  }, { timeout: LINT_TIMEOUT_MS * 4 });

  test('a typo in a config: one warning with its place and "Open config" at the line; the last valid config applies; fixed: "valid again" once', async () => {
    const path = `${DIR}/backlog.md`;
    await writeOnDisk(NESTED_CONFIG, VALID);
    await writeOnDisk(path, STORY('CFG-1'));
    const messages = await recordMessages((shown) => (shown.actions.includes('Open config') ? 'Open config' : undefined));
    try {
      const story = await openStory(path);
      // The new config file's reload may publish after the first lint: wait for the rule to be off.
      await diagnosticsWhen(story.document.uri, (all) => all.some((d) => ruleOf(d) === 'require-outcome') && !all.some((d) => ruleOf(d) === RULE_OFF), `require-outcome, and ${RULE_OFF} off in ${NESTED_CONFIG}`);
      await settled();

      await writeOnDisk(NESTED_CONFIG, TYPO);
      const warning = await waitFor(() => messages.shown.find((shown) => shown.severity === 'warning'), { timeout: LINT_TIMEOUT_MS, message: 'a configuration warning' });
      assert.equal(warning.message, `Storylint configuration problem: ${NESTED_CONFIG}:4:5: invalid JSON: expected a comma; using the last valid configuration until it is fixed.`);
      assert.deepEqual(warning.actions, ['Open config']);
      const opened = await waitFor(() => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.toString() === fileUri(NESTED_CONFIG).toString() ? active : undefined;
      }, { timeout: LINT_TIMEOUT_MS, message: '"Open config" to open the config file' });
      assert.deepEqual([opened.selection.active.line, opened.selection.active.character], [3, 4], 'the cursor is at line 4, column 5');
      await settled();
      assert.ok(!storylintDiagnostics(story.document.uri).some((d) => ruleOf(d) === RULE_OFF), `the last valid config still turns ${RULE_OFF} off`);

      await writeOnDisk(NESTED_CONFIG, VALID);
      await waitFor(() => messages.shown.some((shown) => shown.message === 'Storylint configuration is valid again.'), { timeout: LINT_TIMEOUT_MS, message: '"valid again"' });
      await writeOnDisk(NESTED_CONFIG, VALID.replace('"off"', '"off" '));
      await settled();
      assert.deepEqual(messages.shown.map((shown) => shown.severity), ['warning', 'info'], 'one warning, one "valid again", nothing repeated');
    } finally {
      messages.restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await remove(DIR);
    }
  }, { timeout: LINT_TIMEOUT_MS * 4 });

  test('"Turn off … in .storylintrc.json" that creates the config raises no configuration warning', async () => {
    const original = await readOnDisk('.storylintrc.json');
    const path = `${DIR}/turn-off.md`;
    await writeOnDisk(path, STORY('OFF-1'));
    const messages = await recordMessages(() => undefined);
    try {
      await vscode.workspace.fs.delete(fileUri('.storylintrc.json'));
      const story = await openStory(path);
      const [target] = (await diagnosticsWhen(story.document.uri, (all) => all.some((d) => ruleOf(d) === RULE_OFF), `${RULE_OFF} without a config`)).filter((d) => ruleOf(d) === RULE_OFF);
      const title = `Turn off ${RULE_OFF} in .storylintrc.json`;
      const action = (await codeActionsWith(story.document.uri, target!.range, title, vscode.CodeActionKind.QuickFix)).find((candidate) => candidate.title === title)!;
      const reloads = async () => (await serverRequest<{ backlogLints: number }>('storylint/stats')).backlogLints;
      const before = await reloads();
      assert.equal(await vscode.workspace.applyEdit(action.edit!), true, 'the editor applied the edit');
      const config = await vscode.workspace.openTextDocument(fileUri('.storylintrc.json'));
      // The create left an empty file on disk (the text edit waits, unsaved, in the editor): give the
      // file watcher the time to report it, so the server reads the empty file before the save.
      await waitFor(async () => (await reloads()) > before, { timeout: 5_000, interval: 250, message: 'a reload after the create' }).catch(() => undefined);
      assert.deepEqual(messages.shown, [], 'no message while the config file is empty');
      await config.save();
      await diagnosticsWhen(story.document.uri, (all) => !all.some((d) => ruleOf(d) === RULE_OFF), `${RULE_OFF} off once the new config is saved`);
      await settled();
      assert.deepEqual(messages.shown, [], 'no message about the configuration');
    } finally {
      messages.restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await writeOnDisk('.storylintrc.json', original);
      await remove(DIR);
    }
    await settled();
  }, { timeout: LINT_TIMEOUT_MS * 3 });
});
