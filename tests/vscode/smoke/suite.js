// Smoke suite for the real-editor test infrastructure (plain JS, CommonJS).
// smoke.sh bundles it with esbuild (which also compiles ../runner.ts) into .vscode-test/smoke-build/.
// The extension host requires the bundle and calls run().
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { suite, test, waitFor, runAndThrowOnFailure } = require('../runner');

const EXTENSION_ID = 'storylint.storylint-smoke';

suite('smoke', () => {
  test('the extension activates and its command returns a value', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const value = await vscode.commands.executeCommand('storylintSmoke.hello', 'tests');
    assert.equal(value, 'hello tests');
  });

  test('workspace.findFiles sees the fixture workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder is open');
    const files = await waitFor(
      async () => {
        const found = await vscode.workspace.findFiles('**/*.md');
        return found.length >= 2 ? found : undefined;
      },
      { timeout: 15000, message: 'two Markdown files in the workspace' },
    );
    const names = files.map((u) => vscode.workspace.asRelativePath(u)).sort();
    assert.deepEqual(names, ['README.md', 'stories/login.md']);
  });

  if (process.env.STORYLINT_SMOKE_FAIL === '1') {
    test('intentionally failing (STORYLINT_SMOKE_FAIL=1)', () => {
      assert.equal(1 + 1, 3, 'this test fails on purpose to prove failures are reported');
    });
  }
});

async function run() {
  await runAndThrowOnFailure();
}

module.exports = { run };
