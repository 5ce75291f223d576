/**
 * The file offset of every unit of a plain text, stored compactly. Nearly every unit sits right
 * after the one before it in the file (markers and escapes are the exceptions), so the offsets are
 * kept as runs: a run starts at some index with some offset, and each next index maps to the next
 * offset. A paragraph is a handful of runs where one number per unit cost 8 bytes and more.
 *
 * The value is a plain array of small integers, so stories stay plain data (the CLI's --cache
 * writes them as JSON, its workers pass them between threads):
 *
 * - runs: `[count, offset0, index1, offset1, index2, offset2, …]`: `count` entries, the first
 *   run starts at index 0 with `offset0`, each `indexK, offsetK` pair opens the next run.
 * - dense, when runs would take more room (an entity or escape every other unit): `[-count,
 *   offset0, offset1, …]`, one number per entry, no more than the plain array it replaces.
 *
 * Read it only through the functions here: the type is opaque so that indexing it fails to compile.
 */
export type Offsets = { readonly __offsets: unique symbol };

type Encoded = readonly number[];
const encoded = (offsets: Offsets): Encoded => offsets as unknown as Encoded;
const opaque = (values: number[]): Offsets => values as unknown as Offsets;

/** How many entries (a plain text has one per UTF-16 unit, plus the offset after the last). */
export function offsetCount(offsets: Offsets): number {
  const head = encoded(offsets)[0]!;
  return head < 0 ? -head : head;
}

/** The offset of entry `index`, or undefined outside `[0, count)` (as an array would answer). */
export function offsetAt(offsets: Offsets, index: number): number | undefined {
  const values = encoded(offsets);
  const head = values[0]!;
  if (head < 0) return index >= 0 && index < -head ? values[index + 1] : undefined;
  if (!(index >= 0 && index < head) || !Number.isInteger(index)) return undefined;
  const run = runAt(values, index);
  return run === 0 ? values[1]! + index : values[2 * run + 1]! + (index - values[2 * run]!);
}

/** The last entry: the offset right after the text. */
export const lastOffset = (offsets: Offsets): number => offsetAt(offsets, offsetCount(offsets) - 1)!;

/** Builds offsets entry by entry; consecutive offsets extend the current run. */
export class OffsetsBuilder {
  /** Run starts: [index0, offset0, index1, offset1, …]. */
  private readonly runs: number[] = [];
  private count = 0;
  private previous = 0;

  get length(): number {
    return this.count;
  }

  /** The offset pushed last; undefined before the first. */
  get last(): number | undefined {
    return this.count === 0 ? undefined : this.previous;
  }

  push(offset: number): void {
    if (this.count === 0 || offset !== this.previous + 1) this.runs.push(this.count, offset);
    this.previous = offset;
    this.count++;
  }

  /** `count` entries from `start` on: start, start + 1, … */
  pushRun(start: number, count: number): void {
    if (count <= 0) return;
    this.push(start);
    this.count += count - 1;
    this.previous = start + count - 1;
  }

  /** Entries `[from, to)` of other offsets, run by run. */
  pushFrom(offsets: Offsets, from: number, to: number): void {
    const values = encoded(offsets);
    const head = values[0]!;
    from = Math.max(0, from);
    to = Math.min(to, offsetCount(offsets));
    if (from >= to) return;
    if (head < 0) {
      for (let index = from; index < to; index++) this.push(values[index + 1]!);
      return;
    }
    const runs = values.length / 2;
    for (let run = runAt(values, from); run < runs; run++) {
      const start = run === 0 ? 0 : values[2 * run]!;
      if (start >= to) break;
      const end = run + 1 < runs ? values[2 * run + 2]! : head;
      const a = Math.max(start, from);
      this.pushRun(values[2 * run + 1]! + (a - start), Math.min(end, to) - a);
    }
  }

  build(): Offsets {
    if (this.count === 0) throw new Error('offsets need at least one entry');
    const runs = this.runs.length / 2;
    if (2 * runs <= this.count + 1) {
      const values = this.runs.slice();
      values[0] = this.count;
      return opaque(values);
    }
    const values: number[] = [-this.count];
    for (let run = 0; run < runs; run++) {
      const start = this.runs[2 * run]!;
      const end = run + 1 < runs ? this.runs[2 * run + 2]! : this.count;
      const base = this.runs[2 * run + 1]!;
      for (let index = start; index < end; index++) values.push(base + (index - start));
    }
    return opaque(values.slice());
  }
}

/** The run holding entry `index` of run-encoded values: the last one opening at or before it. */
function runAt(values: Encoded, index: number): number {
  let low = 0;
  let high = values.length / 2 - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[2 * middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** `count` consecutive offsets from `start`. */
export function consecutiveOffsets(start: number, count: number): Offsets {
  const builder = new OffsetsBuilder();
  builder.pushRun(start, count);
  return builder.build();
}

/** Offsets from a list (tests, and texts whose offsets are computed one by one). */
export function offsetsOf(list: readonly number[]): Offsets {
  const builder = new OffsetsBuilder();
  for (const offset of list) builder.push(offset);
  return builder.build();
}

/** Every entry, as a list (tests and debugging). */
export function offsetList(offsets: Offsets): number[] {
  const list: number[] = [];
  for (let index = 0; index < offsetCount(offsets); index++) list.push(offsetAt(offsets, index)!);
  return list;
}

/** Entries `[start, end)`, with Array.prototype.slice's handling of negative and large bounds. */
export function sliceOffsets(offsets: Offsets, start = 0, end = offsetCount(offsets)): Offsets {
  const count = offsetCount(offsets);
  const clamp = (value: number) => (value < 0 ? Math.max(0, count + value) : Math.min(value, count));
  const builder = new OffsetsBuilder();
  builder.pushFrom(offsets, clamp(start), clamp(end));
  // An empty slice has no entry to stand on; an array slice would be empty too, which no plain text is.
  if (builder.length === 0) return opaque([0]);
  return builder.build();
}

/** Every offset moved by `delta`. */
export function shiftOffsets(offsets: Offsets, delta: number): Offsets {
  if (delta === 0) return offsets;
  const values = encoded(offsets);
  const shifted = values.slice();
  if (values[0]! < 0) for (let i = 1; i < shifted.length; i++) shifted[i]! += delta;
  else for (let i = 1; i < shifted.length; i += 2) shifted[i]! += delta;
  return opaque(shifted);
}

/** Numbers the representation holds: a test's measure of how compact it is. */
export const offsetsSize = (offsets: Offsets): number => encoded(offsets).length;
