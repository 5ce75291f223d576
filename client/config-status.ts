import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CONFIG_STATUS_NOTIFICATION, CONFIG_VALID_AGAIN, type ConfigProblem, type ConfigStatus } from '../protocol';
import { dialogs } from './dialogs';
import { initializationOption } from './initialization-option';

export const OPEN_CONFIG = 'Open config';
const OPEN_CONFIG_COMMAND = 'storylint.openConfigProblem';

/** Opens the config file at the problem's line and column. */
async function openProblem(problem: ConfigProblem): Promise<void> {
  if (!problem.uri) return void vscode.commands.executeCommand('workbench.action.openSettings', 'storylint.configFile');
  const position = new vscode.Position(Math.max(0, (problem.line ?? 1) - 1), Math.max(0, (problem.column ?? 1) - 1));
  await vscode.window.showTextDocument(vscode.Uri.parse(problem.uri), { selection: new vscode.Range(position, position), preview: false });
}


/**
 * The configuration's state from the server: one current problem, as a message with "Open config"
 * and a language status item that stays while the problem does; once it is fixed, one message
 * says so and the item goes. Registered before the client starts (the server reads the option at initialize).
 */
export function registerConfigStatus(context: vscode.ExtensionContext, client: Pick<BaseLanguageClient, 'registerFeature' | 'onNotification'>): void {
  let current: ConfigProblem | undefined;
  let item: vscode.LanguageStatusItem | undefined;
  const update = ({ problem }: ConfigStatus): void => {
    if (!problem) {
      item?.dispose();
      item = undefined;
      if (current) void dialogs.show('info', CONFIG_VALID_AGAIN, {});
      current = undefined;
      return;
    }
    current = problem;
    item ??= vscode.languages.createLanguageStatusItem('storylint.config', { language: 'markdown' });
    item.name = 'Storylint configuration';
    item.severity = vscode.LanguageStatusSeverity.Warning;
    item.text = 'Storylint: configuration problem';
    item.detail = problem.message;
    item.command = { title: OPEN_CONFIG, command: OPEN_CONFIG_COMMAND };
    void dialogs.show('warning', problem.message, {}, OPEN_CONFIG).then((answer) => (answer === OPEN_CONFIG ? openProblem(problem) : undefined));
  };
  // Asks the server for `storylint/configStatus` instead of plain messages.
  client.registerFeature(initializationOption('configStatus'));
  context.subscriptions.push(
    client.onNotification(CONFIG_STATUS_NOTIFICATION, update),
    vscode.commands.registerCommand(OPEN_CONFIG_COMMAND, () => (current ? openProblem(current) : undefined)),
    { dispose: () => item?.dispose() },
  );
}
