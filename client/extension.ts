// The extension on Node (VS Code desktop, remotes, code-server): the server runs as a Node process.
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateStorylint, type StorylintApi } from './activate';

export type { StorylintApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<StorylintApi> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateStorylint(context, ['file', 'untitled'], (options) => new LanguageClient('storylint', 'Storylint', serverOptions, options));
}

export function deactivate(): Thenable<void> | undefined {
  return undefined;
}
