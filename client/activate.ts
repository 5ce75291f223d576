import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { FILE_SUMMARY_NOTIFICATION, type FileSummary } from '../protocol';
import { registerCommands } from './commands';
import { registerConfigStatus } from './config-status';
import { type Dialogs, dialogs } from './dialogs';
import { registerFixOnSave } from './fix-on-save';
import { registerFixWorkspace } from './fix-workspace';
import { registerReportPanel } from './report-panel';
import { registerRuleDocs } from './rule-docs';
import { createStatus } from './status';

/** What the extension exports: enough for an extension test to talk to the running server. */
export interface StorylintApi {
  client: BaseLanguageClient;
  /** Resolves once the server has started. */
  ready: Promise<void>;
  /** The messages with buttons: tests replace `show` to read them and to answer modals. */
  dialogs: Dialogs;
  /** When activation began (epoch ms): the editor suite reports the time to first diagnostics from it. */
  activatedAt: number;
}

/**
 * The extension's start, on Node (extension.ts) and in the browser (browser-extension.ts) alike:
 * `createClient` makes the language client of the host, for Markdown documents of these URI schemes.
 */
export async function activateStorylint(
  context: vscode.ExtensionContext,
  schemes: readonly string[],
  createClient: (options: LanguageClientOptions) => BaseLanguageClient,
): Promise<StorylintApi> {
  const activatedAt = Date.now();
  const output = vscode.window.createOutputChannel('Storylint', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: schemes.map((scheme) => ({ scheme, language: 'markdown' })),
    // The server registers its file watchers and settings listener itself (dynamic registration).
    outputChannel: output,
  };
  const client = createClient(clientOptions);

  const status = createStatus();
  context.subscriptions.push(output, status, { dispose: () => void client.stop() });

  registerCommands(context, client, output);
  registerFixWorkspace(context, client);
  registerFixOnSave(context);
  registerConfigStatus(context, client);
  registerReportPanel(context, client);
  registerRuleDocs(context, client);

  const ready = client.start().then(() => {
    context.subscriptions.push(client.onNotification(FILE_SUMMARY_NOTIFICATION, (summary: FileSummary) => status.update(summary)));
  });
  await ready;
  return { client, ready, dialogs, activatedAt };
}
