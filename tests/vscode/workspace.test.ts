import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from './runner';
import { diagnosticsWhen, fileUri, LINT_TIMEOUT_MS, openStory, readOnDisk, ruleOf, storylintDiagnostics, writeOnDisk } from './util';

const REFUNDS = 'stories/refunds.md';
const CONFIG = '.storylintrc.json';
const rules = (all: vscode.Diagnostic[]) => all.map(ruleOf);

suite('workspace', () => {
  test('turning a rule off in .storylintrc.json removes its diagnostics; turning it back on restores them', async () => {
    const { document } = await openStory(REFUNDS);
    const before = await diagnosticsWhen(document.uri, (all) => rules(all).includes('testable-criteria'), 'testable-criteria on refunds.md');
    const original = await readOnDisk(CONFIG);
    const config = JSON.parse(original) as { rules: Record<string, unknown> };
    config.rules['testable-criteria'] = 'off';
    await writeOnDisk(CONFIG, JSON.stringify(config, null, 2));
    try {
      const after = await diagnosticsWhen(document.uri, (all) => !rules(all).includes('testable-criteria'), 'testable-criteria to disappear after the config change');
      assert.deepEqual(rules(after).sort(), rules(before).filter((rule) => rule !== 'testable-criteria').sort(), 'only the rule turned off disappears');
    } finally {
      await writeOnDisk(CONFIG, original);
    }
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'testable-criteria' && d.severity === vscode.DiagnosticSeverity.Error), 'testable-criteria back (as an error, the config\'s severity) after restoring the config');
  }, { timeout: LINT_TIMEOUT_MS * 3 });

  test('a duplicate story in a new file yields unique-story diagnostics that point at each other', async () => {
    const { document } = await openStory(REFUNDS);
    const statement = 'As a support agent, I want to record why a customer asked for a refund, so that product teams see which problems cost the most.';
    assert.ok(document.getText().includes(statement));
    const copy = 'stories/copy.md';
    await writeOnDisk(copy, `# Copy\n\n## REF-9 Refund reasons again\n\n${statement}\n`);
    try {
      const [duplicate] = (await diagnosticsWhen(document.uri, (all) => rules(all).includes('unique-story'), 'unique-story on refunds.md after copy.md appeared')).filter((d) => ruleOf(d) === 'unique-story');
      assert.equal(duplicate!.range.start.line + 1, 33, 'the diagnostic sits on REF-3\'s statement');
      assert.match(duplicate!.message, /^Same statement as \S*copy\.md:3 \(REF-9 Refund reasons again\): merge the two stories/);
      const related = duplicate!.relatedInformation ?? [];
      assert.equal(related.length, 1, 'one related location');
      assert.equal(related[0]!.location.uri.toString(), fileUri(copy).toString(), 'the related location is the copy');
      assert.equal(related[0]!.location.range.start.line + 1, 5, 'on the copy\'s statement line');
      const [other] = (await diagnosticsWhen(fileUri(copy), (all) => rules(all).includes('unique-story'), 'unique-story on the unopened copy.md')).filter((d) => ruleOf(d) === 'unique-story');
      assert.equal(other!.relatedInformation?.[0]?.location.uri.toString(), document.uri.toString(), 'the copy points back at refunds.md');
    } finally {
      await vscode.workspace.fs.delete(fileUri(copy));
    }
    await diagnosticsWhen(document.uri, (all) => !rules(all).includes('unique-story'), 'unique-story to disappear once copy.md is deleted');
    assert.deepEqual(storylintDiagnostics(fileUri(copy)), [], 'the deleted file keeps no diagnostics');
  }, { timeout: LINT_TIMEOUT_MS * 3 });
});
