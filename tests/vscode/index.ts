/**
 * Entry module of the extension tests: both launchers (scripts/vscode-test/suite.sh with code-server,
 * tests/vscode/electron.mjs with a desktop VS Code) make the extension host require its bundle and call
 * run(). Tests run in this order; later ones change files that earlier ones read.
 */
import { runAndThrowOnFailure } from './runner';
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

export async function run(): Promise<void> {
  await runAndThrowOnFailure();
}
