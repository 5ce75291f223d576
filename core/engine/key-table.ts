const EMPTY = -1;
/** The end of a chain of holders. */
const END = -1;

/**
 * Ids (non-negative integers) per key (a 32-bit integer) for the backlog's neighbour index
 * (core/engine/neighbour-index.ts): an open-addressing hash table with linear probing over typed arrays, one slot
 * of 8 bytes per key, where a Map entry with its boxed 53-bit key took over 60. A key's one holder
 * is stored in its slot; a key with more points to a chain of nodes (id and next, 8 bytes a
 * holder) in a pool that reuses freed nodes, where a small array per key took about 90 bytes.
 * Adding or removing a holder walks the key's chain: keys are held by a few stories each (in the
 * benchmark's 14,500-story backlog, none by more than 100). Deletion moves later keys back
 * (no tombstones), so lookups stay short after any number of edits.
 */
export class KeyTable {
  private keys = new Int32Array(16);
  /** An entry id (>= 0), the first node of a chain as -2 - node, or EMPTY. */
  private heads = new Int32Array(16).fill(EMPTY);
  /** 32 minus log2 of the slot count: a key's home slot is the top bits of its product with a constant. */
  private shift = 28;
  private size = 0;
  private nodeIds = new Int32Array(16);
  private nodeNext = new Int32Array(16);
  private nodeCount = 0;
  /** Freed nodes, linked through nodeNext. */
  private freeNode = END;

  add(key: number, id: number): void {
    if ((this.size + 1) * 10 > this.heads.length * 7) this.grow();
    const slot = this.find(key);
    const head = this.heads[slot]!;
    if (head === EMPTY) {
      this.keys[slot] = key;
      this.heads[slot] = id;
      this.size++;
    } else if (head >= 0) {
      if (head !== id) this.heads[slot] = -2 - this.node(head, this.node(id, END));
    } else {
      for (let node = -2 - head; node !== END; node = this.nodeNext[node]!) if (this.nodeIds[node] === id) return;
      this.heads[slot] = -2 - this.node(id, -2 - head);
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
    let previous = END;
    let node = -2 - head;
    while (node !== END && this.nodeIds[node] !== id) node = this.nodeNext[(previous = node)]!;
    if (node === END) return;
    const next = this.nodeNext[node]!;
    if (previous === END) this.heads[slot] = -2 - next;
    else this.nodeNext[previous] = next;
    this.release(node);
    // One holder left: it goes back into the slot.
    const first = -2 - this.heads[slot]!;
    if (this.nodeNext[first] === END) {
      this.heads[slot] = this.nodeIds[first]!;
      this.release(first);
    }
  }

  /** Distinct keys held. */
  get keyCount(): number {
    return this.size;
  }

  /** Calls `visit` with each id filed under `key`. */
  forEach(key: number, visit: (id: number) => void): void {
    const head = this.heads[this.find(key)]!;
    if (head >= 0) visit(head);
    else if (head !== EMPTY) for (let node = -2 - head; node !== END; node = this.nodeNext[node]!) visit(this.nodeIds[node]!);
  }

  /** A node holding `id` before `next`, taken from the free ones or the pool's end. */
  private node(id: number, next: number): number {
    let node = this.freeNode;
    if (node !== END) this.freeNode = this.nodeNext[node]!;
    else {
      if (this.nodeCount === this.nodeIds.length) {
        this.nodeIds = grown(this.nodeIds);
        this.nodeNext = grown(this.nodeNext);
      }
      node = this.nodeCount++;
    }
    this.nodeIds[node] = id;
    this.nodeNext[node] = next;
    return node;
  }

  private release(node: number): void {
    this.nodeNext[node] = this.freeNode;
    this.freeNode = node;
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

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
