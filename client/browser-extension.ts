// The web extension (vscode.dev, github.dev, VS Code in a browser): the same client, with the server
// in a Web Worker that reads the workspace through this client (workspace-files.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateStorylint, type StorylintApi } from './activate';
import { serveWorkspaceFiles } from './workspace-files';

export type { StorylintApi } from './activate';

/** Where the files of a browser workspace live besides the open folders' own schemes: github.dev, remotes, test-web, unsaved. */
const WEB_SCHEMES = ['vscode-vfs', 'vscode-remote', 'vscode-test-web', 'file', 'untitled'];

/** The browser's Worker, as this file uses it (the project compiles without the DOM library). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string) => ServerWorker;

export function activate(context: vscode.ExtensionContext): Promise<StorylintApi> {
  const folderSchemes = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme);
  const schemes = [...new Set([...folderSchemes, ...WEB_SCHEMES])];
  return activateStorylint(context, schemes, (options) => {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js').toString(true);
    let worker: ServerWorker | undefined;
    // A fresh worker for every start ("Restart server" stops the client, then starts it): the last one ends first.
    const startWorker = async () => {
      worker?.terminate();
      worker = new Worker(serverMain);
      return worker;
    };
    const client = new LanguageClient('storylint', 'Storylint', startWorker, options);
    // The worker ends once the client has said goodbye (shutdown, exit), not before.
    context.subscriptions.push({ dispose: () => void client.stop().finally(() => worker?.terminate()) });
    serveWorkspaceFiles(client);
    return client;
  });
}

export function deactivate(): Thenable<void> | undefined {
  return undefined;
}
