import { ConfigError } from '../core/config/load';
import { terminalSafe } from '../report/formatters';
import { UsageError } from './args';
import { serveAsLintWorker } from './parallel';
import { processIo, run } from './run';

/** Known failures print one line; anything else is a bug: one line too, the stack with DEBUG=storylint. */
async function main(): Promise<void> {
  // A reader that stops early (`storylint … | head`) closes the pipe: the rest of the report has
  // nowhere to go, which is no failure of the run (its exit code still stands) and no stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
  try {
    process.exitCode = await run(process.argv.slice(2), processIo());
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError;
    // Config errors quote keys and values from the file: escaped like every message.
    process.stderr.write(`storylint: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
    if (!known && /\bstorylint\b/.test(process.env.DEBUG ?? '') && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  }
}

// The same bundle runs the lint workers of a parallel run (see parallel.ts).
if (!serveAsLintWorker()) void main();
