/**
 * The visited set: 64-bit fingerprints in an open-addressing table with linear probing, held in one
 * `Uint32Array` (high and low halves side by side). The zero fingerprint marks an empty slot; fingerprints
 * never are zero (see `fingerprint`). The table doubles when it is three quarters full. A liveness check
 * also keeps each fingerprint's state id, in a parallel column, to record the edges of the behaviour graph.
 *
 * @module
 */

const MAX_LOAD = 0.75;

/** A set of 64-bit fingerprints. */
export class FingerprintSet {
  private slots: Uint32Array;
  private mask: number;
  /** The number of fingerprints stored. */
  size = 0;
  private limit: number;
  /** The state id of each slot, when ids are kept. */
  private ids: Uint32Array | null;

  /** Creates a set sized for about `expected` fingerprints; `withIds` keeps an id per fingerprint. */
  constructor(expected = 1 << 10, withIds = false) {
    let cap = 1 << 10;
    while (cap * MAX_LOAD < expected) cap *= 2;
    this.slots = new Uint32Array(cap * 2);
    this.ids = withIds ? new Uint32Array(cap) : null;
    this.mask = cap - 1;
    this.limit = Math.floor(cap * MAX_LOAD);
  }

  /** The slot holding `(hi, lo)`, or the empty slot where it would go (linear probing from `lo`). */
  private slotOf(hi: number, lo: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const j = i << 1;
      const l = slots[j + 1]!;
      if ((l === 0 && slots[j] === 0) || (l === lo && slots[j] === hi)) return i;
      i = (i + 1) & mask;
    }
  }

  /** Stores `(hi, lo)` in the empty slot `i`. */
  private put(i: number, hi: number, lo: number): void {
    this.slots[i << 1] = hi;
    this.slots[(i << 1) + 1] = lo;
    if (++this.size > this.limit) this.grow();
  }

  /**
   * Adds `(hi, lo)` with state id `id` (a set made `withIds`); returns -1 if it was new, else the id it
   * was stored with.
   */
  addWithId(hi: number, lo: number, id: number): number {
    const i = this.slotOf(hi, lo);
    if (this.slots[(i << 1) + 1] !== 0 || this.slots[i << 1] !== 0) return this.ids![i]!;
    this.ids![i] = id; // before put: a growth moves the ids with the fingerprints
    this.put(i, hi, lo);
    return -1;
  }

  /** Adds the fingerprint `(hi, lo)`; returns true if it was not there before. */
  add(hi: number, lo: number): boolean {
    const i = this.slotOf(hi, lo);
    if (this.slots[(i << 1) + 1] !== 0 || this.slots[i << 1] !== 0) return false;
    this.put(i, hi, lo);
    return true;
  }

  /** Whether `(hi, lo)` is in the set. */
  has(hi: number, lo: number): boolean {
    const i = this.slotOf(hi, lo);
    return this.slots[(i << 1) + 1] !== 0 || this.slots[i << 1] !== 0;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength + (this.ids?.byteLength ?? 0);
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = new Uint32Array(cap * 2);
    const oldIds = this.ids;
    const ids = oldIds === null ? null : new Uint32Array(cap);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!;
      const lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = lo & mask;
      while (slots[(i << 1) + 1] !== 0 || slots[i << 1] !== 0) i = (i + 1) & mask;
      slots[i << 1] = hi;
      slots[(i << 1) + 1] = lo;
      if (ids !== null) ids[i] = oldIds![j >>> 1]!;
    }
    this.slots = slots;
    this.ids = ids;
    this.mask = mask;
    this.limit = Math.floor(cap * MAX_LOAD);
  }
}
