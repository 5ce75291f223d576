const EMPTY = -1;
/** Holders of one key kept as a list; more go into a set. */
const SMALL_HOLDERS = 16;

/**
 * Ids (non-negative integers) per key (a 32-bit integer) for the backlog's neighbour index
 * (core/engine.ts): an open-addressing hash table with linear probing over two typed arrays, one
 * slot of 8 bytes per key, where a Map entry with its boxed 53-bit key took over 60. A key's one
 * holder is stored in its slot; a key with more points to a list, and one with many to a set
 * (removal stays O(1)). Deletion moves later keys back (no tombstones), so lookups stay short
 * after any number of edits.
 */
export class KeyTable {
  private keys = new Int32Array(16);
  /** An entry id (>= 0), a list's index as -2 - index, or EMPTY. */
  private heads = new Int32Array(16).fill(EMPTY);
  /** 32 minus log2 of the slot count: a key's home slot is the top bits of its product with a constant. */
  private shift = 28;
  private size = 0;
  private readonly lists: (number[] | Set<number> | undefined)[] = [];
  private readonly freeLists: number[] = [];

  add(key: number, id: number): void {
    if ((this.size + 1) * 10 > this.heads.length * 7) this.grow();
    const slot = this.find(key);
    const head = this.heads[slot]!;
    if (head === EMPTY) {
      this.keys[slot] = key;
      this.heads[slot] = id;
      this.size++;
    } else if (head >= 0) {
      if (head === id) return;
      const index = this.freeLists.pop() ?? this.lists.length;
      this.lists[index] = [head, id];
      this.heads[slot] = -2 - index;
    } else {
      const index = -2 - head;
      const held = this.lists[index]!;
      if (held instanceof Set) held.add(id);
      else if (!held.includes(id)) {
        if (held.length < SMALL_HOLDERS) held.push(id);
        else this.lists[index] = new Set([...held, id]);
      }
    }
  }

  delete(key: number, id: number): void {
    const slot = this.find(key);
    const head = this.heads[slot]!;
    if (head === EMPTY) return;
    if (head >= 0) {
      if (head === id) this.clear(slot);
      return;
    }
    const index = -2 - head;
    const held = this.lists[index]!;
    if (held instanceof Set) held.delete(id);
    else {
      const at = held.indexOf(id);
      if (at !== -1) held.splice(at, 1);
    }
    const left = held instanceof Set ? held.size : held.length;
    if (left > 1) return;
    this.lists[index] = undefined;
    this.freeLists.push(index);
    if (left === 1) this.heads[slot] = held instanceof Set ? held.values().next().value! : held[0]!;
    else this.clear(slot);
  }

  /** Distinct keys held. */
  get keyCount(): number {
    return this.size;
  }

  /** Calls `visit` with each id filed under `key`. */
  forEach(key: number, visit: (id: number) => void): void {
    const head = this.heads[this.find(key)]!;
    if (head >= 0) visit(head);
    else if (head !== EMPTY) for (const id of this.lists[-2 - head]!) visit(id);
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The key's slot, or the empty slot where it would go. */
  private find(key: number): number {
    const mask = this.heads.length - 1;
    let slot = this.home(key);
    while (this.heads[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** Empties a slot, moving later keys of its run back so that every key stays reachable from its home. */
  private clear(slot: number): void {
    const mask = this.heads.length - 1;
    let hole = slot;
    for (let next = (slot + 1) & mask; this.heads[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.home(this.keys[next]!);
      // The key at `next` stays when its home lies cyclically in (hole, next].
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      this.keys[hole] = this.keys[next]!;
      this.heads[hole] = this.heads[next]!;
      hole = next;
    }
    this.heads[hole] = EMPTY;
    this.size--;
  }

  private grow(): void {
    const { keys, heads } = this;
    this.keys = new Int32Array(heads.length * 2);
    this.heads = new Int32Array(heads.length * 2).fill(EMPTY);
    this.shift--;
    for (let slot = 0; slot < heads.length; slot++) {
      if (heads[slot] === EMPTY) continue;
      const target = this.find(keys[slot]!);
      this.keys[target] = keys[slot]!;
      this.heads[target] = heads[slot]!;
    }
  }
}

