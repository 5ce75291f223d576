import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// createConnection reads the transport from the command line: --stdio, --node-ipc or --socket=N.
const connection = createConnection(ProposedFeatures.all);

// A failure in one handler must not take the editor's linting down: log it and carry on.
process.on('unhandledRejection', (reason) => connection.console.error(`storylint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`storylint: uncaught exception: ${error.stack ?? error.message}`));

startServer(connection);
