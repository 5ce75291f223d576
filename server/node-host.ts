// The language server on Node: the workspace is on this machine's disk.
import { constants } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeConfigHost } from '../host/node-config';
import { rulePagePath } from '../host/rule-pages';
import { NOT_REGULAR, type ServerHost, type StoryFileContent, TOO_LARGE } from './host';

const MIN_READ = 16_384;

/**
 * The UTF-8 text of a regular file (a link to one is fine), read with a bound: at most `limit`
 * bytes, whatever the file's size says, so a growing file or one that lies about its size (a link
 * to /dev/zero says 0) cannot exhaust memory. Devices, FIFOs and sockets are never read: a read
 * from them may never end or wait forever for a writer.
 */
async function readStoryFile(filePath: string, limit: number): Promise<StoryFileContent> {
  if (!(await stat(filePath)).isFile()) return NOT_REGULAR;
  // Non-blocking: should the path have become a FIFO since the stat, opening it does not wait for a writer.
  const handle = await open(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) return NOT_REGULAR;
    if (info.size > limit) return TOO_LARGE;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One read for a file as large as it says, then one that finds the end (or finds it grew).
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1 - total, MIN_READ), limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return TOO_LARGE;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** file: URIs as paths of this machine; config files and rule pages read from disk. */
export const nodeHost: ServerHost = {
  pathOf: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined),
  uriOf: (path) => pathToFileURL(path).href,
  homeDir: homedir(),
  readDirectory: async (path) => (await readdir(path, { withFileTypes: true })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() })),
  readStoryFile,
  config: nodeConfigHost,
  // Read on demand, synchronously: nothing to fetch first.
  prepareConfigs: async () => undefined,
  readRulePage: (rule) => readFile(rulePagePath(rule), 'utf8'),
};
