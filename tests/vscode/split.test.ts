import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import original from '../fixtures/rules/atomic-story/split/ids.md';
import split from '../fixtures/rules/atomic-story/split/ids.split.md';
import { suite, test } from './runner';
import { codeActionsWith, diagnosticsWhen, openStory, ruleOf, textBecomes } from './util';

// "Split this story" in the real editor, on workspace/split/onboarding.md: the examples' ONB-203 with
// three capabilities (tests/fixtures/rules/atomic-story/split/ids.md; ids.split.md is what the user must see).
const STORY = 'split/onboarding.md';
const SPLIT_TITLE = 'Split this story into 3 stories (send, track, edit)';

suite('split story', () => {
  test('"Split this story" turns a story asking for three capabilities into three stories in the editor', async () => {
    const editor = await openStory(STORY);
    const document = editor.document;
    assert.equal(document.getText(), original, `${STORY} is a copy of tests/fixtures/rules/atomic-story/split/ids.md`);
    const atomic = await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'atomic-story'), `atomic-story on ${STORY}`).then((all) =>
      all.filter((d) => ruleOf(d) === 'atomic-story'),
    );
    assert.equal(atomic.length, 1, 'one story asks for several capabilities');
    assert.match(atomic[0]!.message, /asks for 3 capabilities \("send", "track", "edit"\)/);
    const actions = await codeActionsWith(document.uri, atomic[0]!.range, SPLIT_TITLE);
    const action = actions.find((candidate) => candidate.title === SPLIT_TITLE)!;
    assert.equal(action.kind?.value, vscode.CodeActionKind.RefactorRewrite.value, 'the split is a refactoring, not a quick fix');
    assert.notEqual(action.isPreferred, true, 'the split is never the preferred fix');
    assert.ok(action.edit, 'the split carries an edit');
    assert.equal(await vscode.workspace.applyEdit(action.edit), true, 'the editor applied the split');
    await textBecomes(document, split, 'the document to equal tests/fixtures/rules/atomic-story/split/ids.split.md');
    // Each story now asks for one capability; the new ones are stories of their own, linted as such.
    const lines = document.getText().split('\n');
    const heading = lines.indexOf('## ONB-220 Track the open rates of onboarding emails');
    const reference = lines.indexOf('**Outcome:** See ONB-203.', heading);
    assert.ok(heading > 0 && reference > heading, 'the first new story has its id, a title from its capability and refers back to ONB-203');
    // Linted after the split: the story below the new ones has its findings where it moved to. The new
    // stories took their criteria along, and their "See ONB-203." outcome is judged in ONB-203, not here.
    const moved = lines.indexOf('## ONB-204 Team invitations');
    const after = await diagnosticsWhen(
      document.uri,
      (all) => !all.some((d) => ruleOf(d) === 'atomic-story') && all.some((d) => ruleOf(d) === 'require-acceptance-criteria' && d.range.start.line === moved),
      'atomic-story gone and the stories below the split linted where they moved',
    );
    assert.deepEqual(
      after.filter((d) => d.range.start.line === reference).map(ruleOf),
      [],
      'no finding on the outcome that refers back to ONB-203',
    );
    await vscode.commands.executeCommand('undo');
    await textBecomes(document, original, 'undo to restore the story');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }, { timeout: 90_000 });
});
