import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ConfigHost } from '../core/config';

/** Config files through the real file system: missing files are undefined, other failures throw. */
export const nodeConfigHost: ConfigHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  },
  realPath(path) {
    try {
      return realpathSync.native(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return path;
      throw error;
    }
  },
};

const BOM = '\ufeff';

export interface SourceFile {
  path: string;
  /** Text without the byte-order mark; the engine works on this. */
  text: string;
  /** Exactly what was read, to detect a change before writing. */
  raw: Buffer;
  bom: boolean;
}

export type ReadOutcome = { file: SourceFile } | { binary: true } | { tooLarge: number };

/**
 * Reads a Markdown file of at most `maxBytes` (a larger one is not read: its size is returned); a
 * NUL byte in the first 8 KiB marks a binary file (as git does).
 */
export function readSourceFile(path: string, maxBytes = Infinity): ReadOutcome {
  const size = statSync(path).size;
  if (size > maxBytes) return { tooLarge: size };
  const raw = readFileSync(path);
  if (raw.subarray(0, 8192).includes(0)) return { binary: true };
  const decoded = raw.toString('utf8');
  const bom = decoded.startsWith(BOM);
  return { file: { path, text: bom ? decoded.slice(1) : decoded, raw, bom } };
}

/** The bytes to write for new text, keeping the file's byte-order mark. */
export const encodeSource = (file: SourceFile, text: string): Buffer => Buffer.from(file.bom ? BOM + text : text, 'utf8');

/** Thrown when the file on disk is no longer what was read: someone else edited it meanwhile. */
export class ChangedOnDiskError extends Error {
  override name = 'ChangedOnDiskError';
}

export interface AtomicWriteOptions {
  /** The content the caller read; the write is refused if the file now differs. */
  expected?: Buffer;
  /** Called after the temp file is written, before the final check (tests simulate a concurrent edit). */
  beforeRename?: () => void;
}

/**
 * Writes a file so readers see the old or the new content, never a mix: a temp file in the same
 * folder, flushed to disk, given the old file's mode, then renamed over the original. A symbolic
 * link is written through: its target changes, the link stays.
 */
export function writeFileAtomic(linkOrPath: string, content: string | Buffer, options: AtomicWriteOptions = {}): void {
  let path = linkOrPath;
  try {
    path = realpathSync(linkOrPath);
  } catch {
    // A new file (or a dangling link): write it where it was named.
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const fd = openSync(temp, 'wx', mode ?? 0o666);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    options.beforeRename?.();
    if (options.expected && !readFileSync(path).equals(options.expected)) {
      throw new ChangedOnDiskError(`'${path}' changed on disk since it was read; not overwriting it`);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temp file may already be gone; the original error is what matters.
    }
    throw error;
  }
}
