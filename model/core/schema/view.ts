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
import type { DraftOf, Schema, ViewOf } from './types.js';
import { decodeAt } from './codec.js';
import { pack } from './layout.js';
import type { Layout } from './layout.js';
import { recordClass, scalarArrayClass } from './compiled.js';
import type { Cursor } from './compiled.js';
import { SetAccess } from './setAccess.js';
import { SlotsAccess } from './slotsAccess.js';

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
