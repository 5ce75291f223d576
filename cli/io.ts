import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

const BOM = '\ufeff';

/** The text without a leading byte-order mark (an editor's, not the story's). */
export const withoutBom = (text: string): string => (text.startsWith(BOM) ? text.slice(1) : text);

export interface SourceFile {
  path: string;
  /** Text without the byte-order mark; the engine works on this. */
  text: string;
  /** Exactly what was read, to detect a change before writing. */
  raw: Buffer;
  bom: boolean;
}

export type ReadOutcome = { file: SourceFile } | { binary: true } | { tooLarge: number } | { special: string };

/** What a file that is not a regular file is, for the warning that skips it. */
function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'an unknown kind of file';
}

/**
 * Reads a Markdown file of at most `maxBytes`: a larger one is not read (its size is returned), and
 * neither is anything but a regular file (a device or FIFO could stream forever or block). A NUL
 * byte in the first 8 KiB marks a binary file (as git does).
 */
export function readSourceFile(path: string, maxBytes = Infinity): ReadOutcome {
  // The stat keeps devices from being opened at all; the fstat catches a swap in between.
  const named = statSync(path);
  if (!named.isFile()) return { special: fileKind(named) };
  // O_NONBLOCK: a FIFO swapped in opens at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  let raw: Buffer;
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { special: fileKind(opened) };
    if (opened.size > maxBytes) return { tooLarge: opened.size };
    // One byte over the limit tells a file that grew since the fstat.
    raw = readUpTo(fd, maxBytes + 1, opened.size);
  } finally {
    closeSync(fd);
  }
  if (raw.length > maxBytes) return { tooLarge: raw.length };
  if (raw.subarray(0, 8192).includes(0)) return { binary: true };
  const decoded = raw.toString('utf8');
  return { file: { path, text: withoutBom(decoded), raw, bom: decoded.startsWith(BOM) } };
}

/** Reads until the end of the file or `limit` bytes, whichever comes first. */
function readUpTo(fd: number, limit: number, expectedSize: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(limit - total, Math.max(expectedSize - total + 1, 64 * 1024)));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** A piece of fixed text: a range [from, to) of the text as read, or text a fix put there. */
export type Piece = { from: number; to: number } | { text: string };

/**
 * The bytes of fixed text given as pieces: inserted text is encoded, and every range of the text as
 * read is copied from the bytes as read, so bytes that are not valid UTF-8 (decoded as U+FFFD) stay
 * exactly what they were wherever no fix applied. The byte-order mark is kept.
 */
export function encodeFixed(file: SourceFile, pieces: readonly Piece[], fixedText: string): Buffer {
  const start = file.bom ? Buffer.byteLength(BOM) : 0;
  const offsets = [...new Set(pieces.flatMap((piece) => ('text' in piece ? [] : [piece.from, piece.to])))].sort((a, b) => a - b);
  const bytes = byteOffsetsOf(file.raw, start, offsets);
  const parts = [file.raw.subarray(0, start)];
  for (const piece of pieces) parts.push('text' in piece ? Buffer.from(piece.text, 'utf8') : file.raw.subarray(bytes.get(piece.from), bytes.get(piece.to)));
  const encoded = Buffer.concat(parts);
  // Decoding the bytes must give the fixed text back; anything else would write what was not linted.
  if (encoded.toString('utf8') !== (file.bom ? BOM : '') + fixedText) throw new Error('the fixed text does not map onto the bytes of the file; not writing it');
  return encoded;
}

/** Byte offsets in `raw` (from `start`) of ascending UTF-16 offsets into its decoded text. */
function byteOffsetsOf(raw: Buffer, start: number, offsets: readonly number[]): Map<number, number> {
  const bytes = new Map<number, number>();
  let byte = start;
  let unit = 0;
  for (const offset of offsets) {
    while (unit < offset && byte < raw.length) {
      const [length, units] = decodedAt(raw, byte);
      byte += length;
      unit += units;
    }
    bytes.set(offset, byte);
  }
  return bytes;
}

/**
 * The bytes and UTF-16 code units of the character at `index`, as the UTF-8 decoder reads them: a
 * maximal invalid sequence (a stray byte, a truncated or overlong sequence, a surrogate) is one
 * U+FFFD, one code unit.
 */
function decodedAt(raw: Buffer, index: number): [bytes: number, units: number] {
  const lead = raw[index]!;
  if (lead < 0x80) return [1, 1];
  let continuations: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) continuations = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    continuations = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    continuations = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return [1, 1];
  for (let k = 1; k <= continuations; k++) {
    const next = raw[index + k];
    if (next === undefined || next < lower || next > upper) return [k, 1];
    lower = 0x80;
    upper = 0xbf;
  }
  return [continuations + 1, continuations === 3 ? 2 : 1];
}

/**
 * Whether `path` is this process's standard output (`/dev/stdout`, `/dev/fd/1`). The caller writes
 * to the stream: opening a socket by that name fails, and renaming over a file stdout is redirected
 * to would drop what the shell wrote before (`>> log`).
 */
export function isStandardOutput(path: string): boolean {
  try {
    const target = statSync(path);
    const stdout = fstatSync(1);
    return target.dev === stdout.dev && target.ino === stdout.ino;
  } catch {
    return false;
  }
}

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
 * link is written through: its target changes, the link stays. A device, FIFO or `/dev/stdout` is
 * written into directly: a rename would put a regular file in its place.
 */
export function writeFileAtomic(linkOrPath: string, content: string | Buffer, options: AtomicWriteOptions = {}): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let existing: Stats | undefined;
  try {
    existing = statSync(linkOrPath);
  } catch {
    existing = undefined;
  }
  // Before resolving links: /dev/stdout on a pipe resolves to a name that exists nowhere.
  if (existing && !existing.isFile()) {
    if (options.expected) throw new ChangedOnDiskError(`'${linkOrPath}' is no longer a regular file; not overwriting it`);
    writeFileSync(linkOrPath, bytes);
    return;
  }
  let path = linkOrPath;
  try {
    path = realpathSync(linkOrPath);
  } catch {
    // A new file (or a dangling link): write it where it was named.
  }
  // A rename replaces a read-only file in a writable folder: the file's own permission decides.
  if (existing) accessSync(path, constants.W_OK);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = existing ? existing.mode & 0o7777 : undefined;
  const fd = openSync(temp, 'wx', mode ?? 0o666);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      writeSync(fd, bytes);
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
