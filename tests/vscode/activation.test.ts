import * as assert from 'node:assert/strict';
import type { StorylintApi } from '../../client/extension';
import { suite, test, waitFor } from './runner';
import { diagnosticsWhen, EXTENSION_ID, LINT_TIMEOUT_MS, note, openStory, storylintExtension } from './util';

suite('activation', () => {
  test('opening a story file activates the installed extension, and its diagnostics follow', async () => {
    const extension = storylintExtension();
    const editor = await openStory('stories/refunds.md');
    assert.equal(editor.document.languageId, 'markdown');
    await waitFor(() => extension.isActive, { timeout: LINT_TIMEOUT_MS, message: `${EXTENSION_ID} to activate on a Markdown file` });
    const diagnostics = await diagnosticsWhen(editor.document.uri, (all) => all.length > 0, 'diagnostics of refunds.md after activation');
    const { activatedAt } = extension.exports as StorylintApi;
    // A figure for docs/performance.md, printed by the launcher: never asserted (the machine's load decides it).
    note(`[vscode-test] first diagnostics ${((Date.now() - activatedAt) / 1000).toFixed(1)} s after activation (refunds.md, ${diagnostics.length} findings)`);
    assert.ok(activatedAt > 0 && activatedAt <= Date.now(), 'the extension reports when it activated');
  });
});
