import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// A language server lives beside the editor for hours and mostly waits: memory counts for more
// than collection throughput. V8 lets the heap grow to twice or more what is live before the next
// full collection, and hands free pages back only some 25 s after work stops; scanning a 1,000-file
// workspace (90 MB live) left 360-385 MB resident. Growing by 50% at most and giving pages back 1 s
// after work stops leaves 253-285 MB at the same speed (docs/performance.md).
setFlagsFromString('--heap-growing-percent=50');
setFlagsFromString('--gc-memory-reducer-start-delay-ms=1000');

// createConnection reads the transport from the command line: --stdio, --node-ipc or --socket=N.
const connection = createConnection(ProposedFeatures.all);

// A failure in one handler must not take the editor's linting down: log it and carry on.
process.on('unhandledRejection', (reason) => connection.console.error(`storylint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`storylint: uncaught exception: ${error.stack ?? error.message}`));

startServer(connection);
