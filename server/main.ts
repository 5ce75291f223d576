import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from '../package.json';
import { nodeHost } from './node-host';
import { startServer } from './server';

const HELP = `storylint-language-server ${version}: the storylint language server (LSP) for any editor.

Usage: storylint-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

  --stdio          talk LSP over stdin/stdout (the default when no transport is given)
  --node-ipc       talk over Node.js IPC (the VS Code extension starts it so)
  --socket=PORT    connect to a socket the editor listens on
  --pipe=NAME      connect to a named pipe the editor listens on
  --clientProcessId=PID
                   exit when that process ends (the editor's)
  -v, --version    print the version
  -h, --help       print this text

Settings come from the editor's "storylint" section (workspace/configuration). Editor setup:
https://github.com/storylint/storylint/blob/main/docs/editors.md`;

/** Options that name how the server talks to the editor, as vscode-languageserver reads them. */
const TRANSPORTS = new Set(['--stdio', '--node-ipc', '--socket', '--pipe']);
/** Options the library reads besides the transport (clients pass it to have the server exit with them). */
const KNOWN = new Set([...TRANSPORTS, '--clientProcessId']);
/** Options whose value may come as the next argument (`--socket 5000`). */
const TAKES_VALUE = new Set(['--socket', '--pipe', '--clientProcessId']);

/** What the command line asks for: a text to print and exit on, or the server with the warnings about options it ignores. */
function readCommandLine(args: readonly string[]): { print: string } | { transport: boolean; ignored: string[] } {
  if (args.some((arg) => arg === '--version' || arg === '-v')) return { print: version };
  if (args.some((arg) => arg === '--help' || arg === '-h')) return { print: HELP };
  let transport = false;
  const ignored: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [name, value] = args[i]!.split('=', 2) as [string, string | undefined];
    if (TRANSPORTS.has(name)) transport = true;
    if (!KNOWN.has(name)) ignored.push(args[i]!);
    else if (value === undefined && TAKES_VALUE.has(name)) i++;
  }
  return { transport, ignored };
}

const commandLine = readCommandLine(process.argv.slice(2));
if ('print' in commandLine) {
  process.stdout.write(`${commandLine.print}\n`);
  process.exit(0);
}
// Editors start a language server with no arguments and talk over stdio: make that the default
// (the library reads the transport from argv, and only with --stdio keeps console output off stdout).
if (!commandLine.transport) process.argv.push('--stdio');
for (const arg of commandLine.ignored) process.stderr.write(`storylint-language-server: unknown option ${arg} (ignored; see --help)\n`);

// A language server lives beside the editor for hours and mostly waits: memory counts for more
// than collection throughput. V8 lets the heap grow to twice or more what is live before the next
// full collection, and hands free pages back only some 25 s after work stops; scanning a 1,000-file
// workspace (90 MB live) left 360-385 MB resident. Growing by 50% at most and giving pages back 1 s
// after work stops leaves 253-285 MB at the same speed (docs/performance.md).
setFlagsFromString('--heap-growing-percent=50');
setFlagsFromString('--gc-memory-reducer-start-delay-ms=1000');

const connection = createConnection(ProposedFeatures.all);

// A failure in one handler must not take the editor's linting down: log it and carry on.
process.on('unhandledRejection', (reason) => connection.console.error(`storylint: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`storylint: uncaught exception: ${error.stack ?? error.message}`));

startServer(connection, nodeHost);
