/**
 * Views and drafts: typed accessors over packed words, so that a transition reads and writes a state like a
 * plain object (`d.tm = 'committed'`, `d.rm.set(r, 'prepared')`, `d.msgs.add(m)`) while nothing is allocated.
 *
 * A view is a cursor: it is bound to a word array and an offset and can be re-bound to another state at no
 * cost, which is how the checker walks its frontier. A read-only view has no setters (writing through one
 * throws a `TypeError` in strict mode), so a transition cannot change the state it reads.
 *
 * @module
 */
import { CapacityError } from './types.js';
import type { DraftOf, Schema, ViewOf } from './types.js';
import { SchemaError, compareSlots, decodeAt, encodeAt } from './codec.js';
import { pack, readField, writeField } from './layout.js';
import type { Field, Layout, ScalarCodec } from './layout.js';
import { recordClass, scalarArrayClass } from './compiled.js';
import type { Cursor } from './compiled.js';


type Reader = (w: Int32Array, b: number) => unknown;

/** A reader of one scalar field, specialised by kind so that V8 inlines it. */
function scalarReader(layout: Layout & { kind: 'scalar' }): Reader {
  const { word, shift, width } = layout.field;
  const mask = width === 32 ? -1 : (1 << width) - 1;
  const schema = layout.schema;
  switch (schema.kind) {
    case 'enum': {
      const values = schema.values;
      return (w, b) => values[(w[b + word]! >>> shift) & mask];
    }
    case 'boolean':
      return (w, b) => ((w[b + word]! >>> shift) & 1) !== 0;
    case 'int': {
      const min = schema.min;
      return width === 32 ? (w, b) => (w[b + word]! >>> 0) + min : (w, b) => ((w[b + word]! >>> shift) & mask) + min;
    }
    default:
      throw new Error('unreachable');
  }
}

/** The code of a scalar value, or a {@link SchemaError} naming what was expected. */
function codeOf(codec: ScalarCodec, v: unknown, what: string): number {
  const code = codec.toCode(v);
  if (code < 0) throw new SchemaError(what, `expected ${codec.expected}, got ${JSON.stringify(v) ?? String(v)}`);
  return code;
}

type Writer = (w: Int32Array, b: number, v: unknown) => void;

/** A writer of one scalar field; fields narrower than a word get a specialised masked store. */
function scalarWriter(codec: ScalarCodec, field: Field, what: string): Writer {
  const { word, shift, width } = field;
  if (width === 0 || width === 32) return (w, b, v) => writeField(w, b, field, codeOf(codec, v, what));
  const mask = ((1 << width) - 1) << shift;
  return (w, b, v) => {
    const code = codec.toCode(v);
    if (code < 0) codeOf(codec, v, what);
    const i = b + word;
    w[i] = (w[i]! & ~mask) | ((code << shift) & mask);
  };
}

/** Builds the view (or draft, if `writable`) of a composite layout at a fixed offset `off` from the cursor. */
function build(layout: Layout, cur: Cursor, off: number, writable: boolean, path: string): unknown {
  switch (layout.kind) {
    case 'scalar':
      throw new Error('unreachable: scalars are read through their parent');
    case 'record':
      return buildRecord(layout, cur, off, writable, path);
    case 'array':
      return buildArray(layout, cur, off, writable, path);
    case 'set':
      return new SetAccess(layout, cur, off, writable);
    case 'seq':
    case 'multiset':
      return new SlotsAccess(layout, cur, off, writable, path);
  }
}

/** Generated classes, shared by every view of the same layout at the same offset (fewer shapes for V8). */
const classes = new WeakMap<Layout, Map<string, unknown>>();

function cached<T>(layout: Layout, off: number, writable: boolean, make: () => T): T {
  let m = classes.get(layout);
  if (!m) classes.set(layout, (m = new Map()));
  const key = `${off}:${writable}`;
  let c = m.get(key) as T | undefined;
  if (c === undefined) m.set(key, (c = make()));
  return c;
}

function buildRecord(layout: Layout & { kind: 'record' }, cur: Cursor, off: number, writable: boolean, path: string): object {
  const children = layout.fields.map(([name, f]) => (f.kind === 'scalar' ? undefined : build(f, cur, off, writable, path ? `${path}.${name}` : name)));
  const View = cached(layout, off, writable, () => recordClass(layout, off, writable, path));
  return new View(cur, children);
}

/** The element keys of an array (indices) or a map (its keys), in order. */
function keysOf(layout: Layout & { kind: 'array' }): unknown[] {
  const keys = layout.keys;
  return layout.elems.map((_, i) => (keys === null ? i : keys.fromCode(i)));
}

/** What arrays and maps of scalars share; `get` and `set` are generated per layout (see `compiled.ts`). */
class ScalarArrayBase {
  readonly length: number;
  constructor(
    protected readonly c: Cursor,
    private readonly layout: Layout & { kind: 'array' },
    private readonly off: number,
  ) {
    this.length = layout.elems.length;
  }
  toArray(): unknown[] {
    return this.layout.elems.map((e) => decodeAt(e, this.c.w, this.c.b + this.off));
  }
  fill(v: unknown): void {
    const self = this as unknown as { set?: (k: unknown, v: unknown) => void };
    if (self.set === undefined) throw new TypeError('cannot fill a read-only view');
    for (const k of keysOf(this.layout)) self.set(k, v);
  }
  *[Symbol.iterator](): Iterator<unknown> {
    const self = this as unknown as { get: (k: unknown) => unknown };
    for (const k of keysOf(this.layout)) yield self.get(k);
  }
}

/** Fixed arrays and maps of composite elements: `get(key)` returns the element's view. */
class ArrayAccess {
  readonly length: number;
  private readonly children: unknown[];
  constructor(
    private readonly layout: Layout & { kind: 'array' },
    private readonly cur: Cursor,
    private readonly off: number,
    writable: boolean,
    private readonly path: string,
  ) {
    this.length = layout.elems.length;
    this.children = layout.elems.map((e, i) => build(e, cur, off, writable, `${path}[${String(keysOf(layout)[i])}]`));
  }
  get(k: unknown): unknown {
    const keys = this.layout.keys;
    const i = keys === null ? (k as number) : keys.toCode(k);
    if (!(i >= 0 && i < this.length && (i | 0) === i)) {
      throw new RangeError(`${this.path || 'array'}: no element ${JSON.stringify(k)} (${keys ? keys.expected : `length ${this.length}`})`);
    }
    return this.children[i];
  }
  toArray(): unknown[] {
    return this.layout.elems.map((e) => decodeAt(e, this.cur.w, this.cur.b + this.off));
  }
  *[Symbol.iterator](): Iterator<unknown> {
    yield* this.children;
  }
}

function buildArray(layout: Layout & { kind: 'array' }, cur: Cursor, off: number, writable: boolean, path: string): unknown {
  if (layout.elems.length === 0 || layout.elems[0]!.kind !== 'scalar') return Object.freeze(new ArrayAccess(layout, cur, off, writable, path));
  const View = cached(layout, off, writable, () => scalarArrayClass(ScalarArrayBase, layout, off, writable, path));
  return Object.freeze(new View(cur, layout, off));
}

/** Sets over a finite universe, as bitsets. */
class SetAccess {
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

/** Bounded sequences and multisets: word-aligned slots; a multiset keeps its slots sorted. */
class SlotsAccess {
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

/** A view bound to a position in a word array; `bind` moves it to another state without allocating. */
export interface Bound<V> {
  /** The view (or draft) object; the same object for the lifetime of this binding. */
  readonly view: V;
  /** Points the view at the state stored in `words` from offset `base`. */
  bind(words: Int32Array, base: number): void;
}

function bound(schema: Schema, writable: boolean): Bound<unknown> {
  const p = pack(schema);
  if (p.layout.kind === 'scalar') throw new TypeError('a state schema must be composite (a record, say), not a scalar');
  const cur: Cursor = { w: new Int32Array(p.words), b: 0 };
  const view = build(p.layout, cur, 0, writable, '');
  return {
    view,
    bind(words, base) {
      cur.w = words;
      cur.b = base;
    },
  };
}

/** A read-only view of values of `schema`, initially over a zeroed state of its own. */
export function viewOf<S extends Schema>(schema: S): Bound<ViewOf<S>> {
  return bound(schema, false) as Bound<ViewOf<S>>;
}

/** A writable draft of values of `schema`, initially over a zeroed state of its own. */
export function draftOf<S extends Schema>(schema: S): Bound<DraftOf<S>> {
  return bound(schema, true) as Bound<DraftOf<S>>;
}
