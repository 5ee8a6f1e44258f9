/**
 * The view of a set over a finite universe: a bitset, one bit per value of the universe.
 *
 * @module
 */
import { readField, writeField } from './layout.js';
import type { Field, Layout, ScalarCodec } from './layout.js';
import type { Cursor } from './compiled.js';
import { codeOf } from './scalars.js';

/**
 * The accessor behind `SetView` and `SetDraft`; its methods are documented there.
 *
 * @internal
 */
export class SetAccess {
  private readonly u: ScalarCodec;
  private readonly chunks: readonly Field[];
  constructor(
    layout: Layout & { kind: 'set' },
    private readonly cur: Cursor,
    private readonly off: number,
    writable: boolean,
  ) {
    this.u = layout.universe;
    this.chunks = layout.chunks;
    if (!writable) Object.assign(this, { add: undefined, delete: undefined, clear: undefined });
  }
  has(e: unknown): boolean {
    const code = this.u.toCode(e);
    if (code < 0) return false;
    const c = this.chunks[code >>> 5]!;
    return ((this.cur.w[this.cur.b + this.off + c.word]! >>> (c.shift + (code & 31))) & 1) !== 0;
  }
  get size(): number {
    let n = 0;
    for (const c of this.chunks) {
      let x = readField(this.cur.w, this.cur.b + this.off, c);
      while (x !== 0) {
        x &= x - 1;
        n++;
      }
    }
    return n;
  }
  add(e: unknown): void {
    const code = codeOf(this.u, e, 'set member');
    const c = this.chunks[code >>> 5]!;
    const i = this.cur.b + this.off + c.word;
    this.cur.w[i] = this.cur.w[i]! | (1 << (c.shift + (code & 31)));
  }
  delete(e: unknown): void {
    const code = this.u.toCode(e);
    if (code < 0) return;
    const c = this.chunks[code >>> 5]!;
    const i = this.cur.b + this.off + c.word;
    this.cur.w[i] = this.cur.w[i]! & ~(1 << (c.shift + (code & 31)));
  }
  clear(): void {
    for (const c of this.chunks) writeField(this.cur.w, this.cur.b + this.off, c, 0);
  }
  values(): unknown[] {
    const out: unknown[] = [];
    for (let code = 0; code < this.u.size; code++) {
      const c = this.chunks[code >>> 5]!;
      if ((this.cur.w[this.cur.b + this.off + c.word]! >>> (c.shift + (code & 31))) & 1) out.push(this.u.fromCode(code));
    }
    return out;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.values()[Symbol.iterator]();
  }
}
