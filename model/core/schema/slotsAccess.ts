/**
 * The view of a bounded sequence or multiset: a length and word-aligned slots, one element each; a multiset
 * keeps its slots sorted, so that equal bags pack to equal words.
 *
 * @module
 */
import { CapacityError } from './types.js';
import { compareSlots, decodeAt, encodeAt } from './codec.js';
import { readField, writeField } from './layout.js';
import type { Layout } from './layout.js';
import type { Cursor } from './compiled.js';
import { scalarReader } from './scalars.js';
import type { Reader } from './scalars.js';

/**
 * The accessor behind `SeqView`, `SeqDraft`, `MultisetView` and `MultisetDraft`; its methods are
 * documented there.
 *
 * @internal
 */
export class SlotsAccess {
  private readonly n: number;
  private readonly start: number;
  private readonly elem: Layout;
  private readonly read: Reader | null;
  private readonly tmp: Int32Array;
  private readonly elementPath: string;
  /** Readers of the elements' scalar fields, made on first use. */
  private readonly fields = new Map<string, Reader>();
  readonly capacity: number;
  constructor(
    private readonly layout: Layout & { kind: 'seq' | 'multiset' },
    private readonly cur: Cursor,
    private readonly off: number,
    writable: boolean,
    private readonly path: string,
  ) {
    this.n = layout.slotWords;
    this.start = off + layout.slotBase;
    this.elem = layout.elem;
    this.capacity = layout.capacity;
    this.read = layout.elem.kind === 'scalar' ? scalarReader(layout.elem) : null;
    this.tmp = new Int32Array(this.n);
    this.elementPath = `${path} element`;
    if (!writable) {
      for (const k of ['add', 'remove', 'removeAt', 'clear', 'push', 'shift', 'pop', 'set', 'addSlot']) Object.defineProperty(this, k, { value: undefined });
    }
  }
  get length(): number {
    return readField(this.cur.w, this.cur.b + this.off, this.layout.length);
  }
  get size(): number {
    return this.length;
  }
  private setLength(n: number): void {
    writeField(this.cur.w, this.cur.b + this.off, this.layout.length, n);
  }
  private slot(i: number): number {
    return this.cur.b + this.start + i * this.n;
  }
  private check(i: number): void {
    if (!(Number.isInteger(i) && i >= 0 && i < this.length)) throw new RangeError(`${this.path}: no element at index ${i} (length ${this.length})`);
  }
  get(i: number): unknown {
    this.check(i);
    return this.read !== null ? this.read(this.cur.w, this.slot(i)) : decodeAt(this.elem, this.cur.w, this.slot(i));
  }
  head(): unknown {
    return this.length === 0 ? undefined : this.get(0);
  }
  field(i: number, name: string): unknown {
    this.check(i);
    let read = this.fields.get(name);
    if (read === undefined) {
      const f = this.elem.kind === 'record' ? this.elem.fields.find(([n]) => n === name)?.[1] : undefined;
      if (f === undefined || f.kind !== 'scalar') throw new TypeError(`${this.path}: elements have no scalar field ${JSON.stringify(name)}`);
      read = scalarReader(f);
      const variant = this.elem.kind === 'record' ? this.elem.variant : undefined;
      const has = variant?.has.get(name);
      if (variant !== undefined && has !== undefined) {
        // A field of some arms only: undefined in the others, whose fields share its bits.
        const tag = scalarReader(variant.tag);
        const { toCode } = variant.tag.codec;
        const own = read;
        read = (w, base) => (has[toCode(tag(w, base))] === 1 ? own(w, base) : undefined);
      }
      this.fields.set(name, read);
    }
    return read(this.cur.w, this.slot(i));
  }
  toArray(): unknown[] {
    const out: unknown[] = [];
    for (let i = 0, n = this.length; i < n; i++) out.push(this.get(i));
    return out;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.toArray()[Symbol.iterator]();
  }
  get slotWords(): number {
    return this.n;
  }
  readSlot(i: number, into: Int32Array, off: number): void {
    this.check(i);
    const w = this.cur.w;
    const s = this.slot(i);
    for (let k = 0; k < this.n; k++) into[off + k] = w[s + k]!;
  }
  slotEquals(i: number, src: Int32Array, off: number): boolean {
    this.check(i);
    return compareSlots(this.cur.w, this.slot(i), src, off, this.n) === 0;
  }
  indexOfSlot(src: Int32Array, off: number): number {
    for (let i = 0, len = this.length; i < len; i++) if (compareSlots(this.cur.w, this.slot(i), src, off, this.n) === 0) return i;
    return -1;
  }
  addSlot(src: Int32Array, off: number): void {
    const len = this.length;
    if (len >= this.capacity) this.full();
    let i = len;
    if (this.layout.kind === 'multiset') while (i > 0 && compareSlots(this.cur.w, this.slot(i - 1), src, off, this.n) > 0) i--;
    const w = this.cur.w;
    const s = this.slot(i);
    for (let k = this.slot(len) - 1; k >= s; k--) w[k + this.n] = w[k]!;
    for (let k = 0; k < this.n; k++) w[s + k] = src[off + k]!;
    this.setLength(len + 1);
  }
  /** Encodes `e` into the scratch slot. */
  private encodeTmp(e: unknown): void {
    this.tmp.fill(0);
    encodeAt(this.elem, e, this.tmp, 0, this.elementPath);
  }
  /** Index of the first slot equal to the scratch slot, or -1. */
  private find(): number {
    for (let i = 0, len = this.length; i < len; i++) if (compareSlots(this.cur.w, this.slot(i), this.tmp, 0, this.n) === 0) return i;
    return -1;
  }
  count(e: unknown): number {
    this.encodeTmp(e);
    let k = 0;
    for (let i = 0, len = this.length; i < len; i++) if (compareSlots(this.cur.w, this.slot(i), this.tmp, 0, this.n) === 0) k++;
    return k;
  }
  has(e: unknown): boolean {
    this.encodeTmp(e);
    return this.find() >= 0;
  }
  private full(): never {
    throw new CapacityError(`${this.path}: capacity ${this.capacity} exceeded`);
  }
  add(e: unknown): void {
    const len = this.length;
    if (len >= this.capacity) this.full();
    this.encodeTmp(e);
    let i = len;
    while (i > 0 && compareSlots(this.cur.w, this.slot(i - 1), this.tmp, 0, this.n) > 0) i--;
    this.cur.w.copyWithin(this.slot(i + 1), this.slot(i), this.slot(len));
    this.cur.w.set(this.tmp, this.slot(i));
    this.setLength(len + 1);
  }
  remove(e: unknown): boolean {
    this.encodeTmp(e);
    const i = this.find();
    if (i < 0) return false;
    this.removeAt(i);
    return true;
  }
  removeAt(i: number): void {
    this.check(i);
    const len = this.length;
    // Plain loops: the ranges are a few words, where copyWithin and fill cost more than they move.
    const w = this.cur.w;
    const end = this.slot(len);
    const last = end - this.n;
    for (let k = this.slot(i); k < last; k++) w[k] = w[k + this.n]!;
    for (let k = last; k < end; k++) w[k] = 0;
    this.setLength(len - 1);
  }
  clear(): void {
    this.cur.w.fill(0, this.slot(0), this.slot(this.length));
    this.setLength(0);
  }
  push(e: unknown): void {
    const len = this.length;
    if (len >= this.capacity) this.full();
    this.encodeTmp(e);
    this.cur.w.set(this.tmp, this.slot(len));
    this.setLength(len + 1);
  }
  shift(): unknown {
    if (this.length === 0) throw new RangeError(`${this.path}: shift of an empty sequence`);
    const e = this.get(0);
    this.removeAt(0);
    return e;
  }
  pop(): unknown {
    const len = this.length;
    if (len === 0) throw new RangeError(`${this.path}: pop of an empty sequence`);
    const e = this.get(len - 1);
    this.removeAt(len - 1);
    return e;
  }
  set(i: number, e: unknown): void {
    this.check(i);
    if (this.layout.kind === 'multiset') throw new TypeError(`${this.path}: a multiset has no positions to set; remove and add`);
    this.encodeTmp(e);
    this.cur.w.set(this.tmp, this.slot(i));
  }
}
