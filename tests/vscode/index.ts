/**
 * Entry module of the extension tests: both launchers (scripts/vscode-test/suite.sh with code-server,
 * tests/vscode/electron.mjs with a desktop VS Code) make the extension host require its bundle and call
 * run(). Tests run in this order; later ones change files that earlier ones read. The same files run in
 * the web worker extension host (suite.sh --web, a browser bundle); the last test checks the host.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inWebHost, runAndThrowOnFailure, suite, test } from './runner';
import { storylintExtension } from './util';
import './activation.test';
import './editor-feedback.test';
import './diagnostics.test';
import './navigation.test';
import './outcomes.test';
import './rule-docs.test';
import './actions.test';
import './fix-text.test';
import './split.test';
import './workspace.test';
import './commands.test';
import './report-outcomes.test';
import './config-feedback.test';

/** The host this bundle was built for (scripts/vscode-test/bundle.mjs defines it); the launchers differ, the files do not. */
declare const STORYLINT_TEST_HOST: string | undefined;
const BUILT_FOR = typeof STORYLINT_TEST_HOST === 'string' ? STORYLINT_TEST_HOST : 'node';

suite('extension host', () => {
  test(`the suite and the extension ran in the ${BUILT_FOR === 'web' ? 'web worker' : 'Node.js'} extension host`, () => {
    const extension = storylintExtension();
    assert.equal(inWebHost, BUILT_FOR === 'web', `typeof process is ${typeof process}`);
    if (BUILT_FOR !== 'web') return;
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'a worker global scope');
    // Where the UI is: in the browser, not on the server (code-server's Node host reports Workspace).
    assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
    assert.equal(typeof extension.packageJSON.browser, 'string', 'the extension has a browser entry');
  });
});

export async function run(): Promise<void> {
  await runAndThrowOnFailure();
}
