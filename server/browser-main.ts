// The web extension's language server (vscode.dev, github.dev): the same server in a Web Worker,
// talking to the client over postMessage and reading the workspace through it.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { ClientHost } from './client-host';
import { startServer } from './server';

/** The worker's global scope, as this file uses it (the project compiles without the WebWorker library). */
interface WorkerEvent {
  reason?: unknown;
  error?: unknown;
  message?: string;
}
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0] & { addEventListener(type: string, listener: (event: WorkerEvent) => void): void };

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

// A failure in one handler must not take the editor's linting down: log it and carry on.
self.addEventListener('unhandledrejection', (event: WorkerEvent) => connection.console.error(`storylint: unhandled rejection: ${event.reason instanceof Error ? event.reason.stack : String(event.reason)}`));
self.addEventListener('error', (event: WorkerEvent) => connection.console.error(`storylint: uncaught exception: ${event.error instanceof Error ? event.error.stack : String(event.message)}`));

startServer(connection, new ClientHost(connection));
