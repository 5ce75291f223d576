import * as assert from 'node:assert/strict';
import { suite, test, waitFor } from './runner';
import { EXTENSION_ID, LINT_TIMEOUT_MS, openStory, storylintExtension } from './util';

suite('activation', () => {
  test('opening a story file activates the installed extension', async () => {
    const extension = storylintExtension();
    const editor = await openStory('stories/refunds.md');
    assert.equal(editor.document.languageId, 'markdown');
    await waitFor(() => extension.isActive, { timeout: LINT_TIMEOUT_MS, message: `${EXTENSION_ID} to activate on a Markdown file` });
  });
});
