import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** What reading a story file from disk gives besides its text. */
export const NOT_REGULAR = Symbol('not a regular file');
export const TOO_LARGE = Symbol('too large');

const MIN_READ = 16_384;

/**
 * The UTF-8 text of a regular file (a link to one is fine), read with a bound: at most `limit`
 * bytes, whatever the file's size says, so a growing file or one that lies about its size (a link
 * to /dev/zero says 0) cannot exhaust memory. Devices, FIFOs and sockets are never read: a read
 * from them may never end or wait forever for a writer.
 */
export async function readStoryFile(filePath: string, limit: number): Promise<string | typeof NOT_REGULAR | typeof TOO_LARGE> {
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
