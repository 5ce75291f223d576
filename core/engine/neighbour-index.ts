import { KeyTable } from './key-table';
import type { NeighbourKey, Neighbourhood } from './rule';

/**
 * Entries by the keys they are filed under and the keys they probe. Two entries are linked when
 * one's key is the other's key or probe. A backlog of 15,000 stories files about two million keys
 * (unique-story probes each statement with a word or two taken out), so the keys live in typed
 * arrays (KeyTable), folded to 30-bit numbers: two keys folded alike link entries that need not be,
 * which costs a re-check and never changes a finding (a check over more linked entries reports
 * the same for each).
 */
export class NeighbourIndex<Entry extends object> {
  private readonly filed = new KeyTable();
  private readonly probing = new KeyTable();
  private readonly records = new Map<Entry, IndexRecord>();
  /** Entries by id; ids of removed entries are reused. */
  private readonly entries: (Entry | undefined)[] = [];
  private readonly freeIds: number[] = [];

  add(entry: Entry, neighbourhood: Neighbourhood): void {
    if (this.records.has(entry)) return;
    const id = this.freeIds.pop() ?? this.entries.length;
    const record = { id, keys: foldedKeys(neighbourhood.keys), probes: foldedKeys(neighbourhood.probes ?? []) };
    this.entries[id] = entry;
    this.records.set(entry, record);
    for (const key of record.keys) this.filed.add(key, id);
    for (const key of record.probes) this.probing.add(key, id);
  }

  /** Removes an entry; `linked` receives the entries it was linked to (their findings may change). */
  remove(entry: Entry, linked: Entry[]): void {
    const record = this.records.get(entry);
    if (!record) return;
    const { id } = record;
    this.records.delete(entry);
    for (const key of record.keys) this.filed.delete(key, id);
    for (const key of record.probes) this.probing.delete(key, id);
    this.entries[id] = undefined;
    this.freeIds.push(id);
    this.forEachNeighbour(record, (other) => linked.push(other));
  }

  /** The entries linked to `start`, directly or through others (start included). */
  linkedTo(start: readonly Entry[]): Entry[] {
    const seen = new Set<Entry>();
    const pending = [...start];
    const visit = (other: Entry): void => {
      if (!seen.has(other)) pending.push(other);
    };
    while (pending.length > 0) {
      const entry = pending.pop()!;
      if (seen.has(entry)) continue;
      seen.add(entry);
      const record = this.records.get(entry);
      if (record) this.forEachNeighbour(record, visit);
    }
    return [...seen];
  }

  private forEachNeighbour({ keys, probes }: IndexRecord, visit: (entry: Entry) => void): void {
    const byId = (id: number): void => visit(this.entries[id]!);
    for (const key of keys) {
      this.filed.forEach(key, byId);
      this.probing.forEach(key, byId);
    }
    for (const key of probes) this.filed.forEach(key, byId);
  }
}

/** An indexed entry's id and its neighbourhood folded (foldKey), each key once: 4 bytes a key. */
interface IndexRecord {
  id: number;
  keys: Int32Array;
  probes: Int32Array;
}

const foldedKeys = (keys: readonly NeighbourKey[]): Int32Array => Int32Array.from(new Set(keys.map(foldKey)));

const FOLDED_KEYS = 2 ** 30;

/** A neighbour key as a 30-bit number: a small integer as it is, anything else by a hash. */
function foldKey(key: NeighbourKey): number {
  if (typeof key === 'number') {
    if (Number.isInteger(key) && key >= 0 && key < FOLDED_KEYS) return key;
    if (Number.isSafeInteger(key)) return mix(Math.imul(mix(Math.floor(key / 2 ** 32) ^ 0x5bd1e995), 0x9e3779b1) ^ (key >>> 0));
    key = String(key);
  }
  // FNV-1a.
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return mix(hash);
}

/** 32 bits, well mixed, down to 30. */
function mix(value: number): number {
  let hash = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 2;
}
