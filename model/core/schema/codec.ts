/**
 * Plain values to packed words and back, with validation that names the offending path.
 *
 * @module
 */
import { CapacityError } from './types.js';
import type { RecordSchema, Schema, ValueOf } from './types.js';
import { pack, readField, writeField } from './layout.js';
import type { Layout } from './layout.js';
import { clip } from '../clip.js';

/** Thrown when a plain value does not fit its schema; `path` locates the offending part (`rm[2]`). */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

function show(v: unknown): string {
  try {
    return clip(JSON.stringify(v) ?? String(v));
  } catch {
    return clip(String(v));
  }
}

/** Compares two word-aligned slots of `n` words as unsigned integers, lexicographically. */
export function compareSlots(a: Int32Array, ia: number, b: Int32Array, ib: number, n: number): number {
  for (let k = 0; k < n; k++) {
    const x = a[ia + k]! >>> 0;
    const y = b[ib + k]! >>> 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Writes `value` (validated against `layout`) into `w` at word offset `base`. */
export function encodeAt(layout: Layout, value: unknown, w: Int32Array, base: number, path = ''): void {
  switch (layout.kind) {
    case 'scalar': {
      const code = layout.codec.toCode(value);
      if (code < 0) throw new SchemaError(path, `expected ${layout.codec.expected}, got ${show(value)}`);
      writeField(w, base, layout.field, code);
      return;
    }
    case 'set': {
      if (!Array.isArray(value) && !(value instanceof Set)) throw new SchemaError(path, `expected an array of set members, got ${show(value)}`);
      for (const c of layout.chunks) writeField(w, base, c, 0);
      for (const e of value) {
        const code = layout.universe.toCode(e);
        if (code < 0) throw new SchemaError(path, `set member must be ${layout.universe.expected}, got ${show(e)}`);
        const c = layout.chunks[code >>> 5]!;
        w[base + c.word] = w[base + c.word]! | (1 << (c.shift + (code & 31)));
      }
      return;
    }
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new SchemaError(path, `expected a record, got ${show(value)}`);
      }
      const v = value as Record<string, unknown>;
      for (const k of Object.keys(v)) {
        if (!layout.fields.some(([name]) => name === k)) throw new SchemaError(path, `unknown field ${show(k)}`);
      }
      // A variant's value may hold its own arm's fields only. The other arms' fields share its own fields'
      // bits, so they are zeroed first and its own written after: what is left of another arm is zero.
      const arms = (layout.schema as RecordSchema).arms;
      const own = arms === undefined ? null : arms[v['type'] as string];
      if (arms !== undefined && own === undefined) throw new SchemaError(path ? `${path}.type` : 'type', `expected one of ${Object.keys(arms).join(', ')}, got ${show(v['type'])}`);
      if (own != null) {
        for (const [name, f] of layout.fields) if (name !== 'type' && !own.includes(name)) {
          if (name in v) throw new SchemaError(path, `a ${show(v['type'])} has no field ${show(name)}`);
          encodeAt(f, zeroOf(f), w, base);
        }
      }
      for (const [name, f] of layout.fields) {
        if (own != null && name !== 'type' && !own.includes(name)) continue;
        if (!(name in v)) throw new SchemaError(path, `missing field ${show(name)}`);
        encodeAt(f, v[name], w, base, path ? `${path}.${name}` : name);
      }
      return;
    }
    case 'array': {
      const { keys, elems } = layout;
      if (keys === null) {
        if (!Array.isArray(value) || value.length !== elems.length) {
          throw new SchemaError(path, `expected an array of length ${elems.length}, got ${show(value)}`);
        }
        elems.forEach((e, i) => encodeAt(e, value[i], w, base, `${path}[${i}]`));
      } else {
        if (typeof value !== 'object' || value === null) throw new SchemaError(path, `expected a map, got ${show(value)}`);
        const v = value as Record<string, unknown>;
        const present = new Set(Object.keys(v));
        elems.forEach((e, i) => {
          const key = String(keys.fromCode(i));
          if (!present.delete(key)) throw new SchemaError(path, `missing key ${show(key)}`);
          encodeAt(e, v[key], w, base, `${path}[${key}]`);
        });
        for (const k of present) throw new SchemaError(path, `unknown key ${show(k)}`);
      }
      return;
    }
    case 'seq':
    case 'multiset': {
      if (!Array.isArray(value)) throw new SchemaError(path, `expected an array, got ${show(value)}`);
      if (value.length > layout.capacity) {
        throw new SchemaError(path, `${value.length} elements exceed the capacity ${layout.capacity}`);
      }
      const { slotBase, slotWords, capacity, elem } = layout;
      w.fill(0, base + slotBase, base + slotBase + slotWords * capacity);
      writeField(w, base, layout.length, value.length);
      value.forEach((e, i) => encodeAt(elem, e, w, base + slotBase + i * slotWords, `${path}[${i}]`));
      if (layout.kind === 'multiset') sortSlots(w, base + slotBase, slotWords, value.length);
      return;
    }
  }
}

/** Sorts `count` slots of `n` words starting at `start` (insertion sort: multisets are small). */
export function sortSlots(w: Int32Array, start: number, n: number, count: number): void {
  const tmp = new Int32Array(n);
  for (let i = 1; i < count; i++) {
    const at = start + i * n;
    let j = i - 1;
    if (compareSlots(w, start + j * n, w, at, n) <= 0) continue;
    for (let k = 0; k < n; k++) tmp[k] = w[at + k]!;
    while (j >= 0 && compareSlots(w, start + j * n, tmp, 0, n) > 0) {
      w.copyWithin(start + (j + 1) * n, start + j * n, start + (j + 1) * n);
      j--;
    }
    w.set(tmp, start + (j + 1) * n);
  }
}

/** Reads the plain value stored at word offset `base`. */
export function decodeAt(layout: Layout, w: Int32Array, base: number): unknown {
  switch (layout.kind) {
    case 'scalar':
      return layout.codec.fromCode(readField(w, base, layout.field));
    case 'set': {
      const out: unknown[] = [];
      for (let code = 0; code < layout.universe.size; code++) {
        const c = layout.chunks[code >>> 5]!;
        if ((w[base + c.word]! >>> (c.shift + (code & 31))) & 1) out.push(layout.universe.fromCode(code));
      }
      return out;
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      const arms = (layout.schema as RecordSchema).arms;
      if (arms !== undefined) {
        const [, tagLayout] = layout.fields[0]!;
        const tag = decodeAt(tagLayout, w, base) as string;
        out['type'] = tag;
        const own = arms[tag] ?? [];
        for (const [name, f] of layout.fields) if (own.includes(name)) out[name] = decodeAt(f, w, base);
        return out;
      }
      for (const [name, f] of layout.fields) out[name] = decodeAt(f, w, base);
      return out;
    }
    case 'array': {
      const { keys, elems } = layout;
      if (keys === null) return elems.map((e) => decodeAt(e, w, base));
      const out: Record<string, unknown> = {};
      elems.forEach((e, i) => (out[String(keys.fromCode(i))] = decodeAt(e, w, base)));
      return out;
    }
    case 'seq':
    case 'multiset': {
      const n = readField(w, base, layout.length);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(decodeAt(layout.elem, w, base + layout.slotBase + i * layout.slotWords));
      return out;
    }
  }
}

const zeros = new WeakMap<Layout, unknown>();

/** The value zero words hold in `layout` (the first enum value, false, the minimum, empty collections). */
/** Zeroes every field of the variant at `base` but its tag (what a draft does when the tag changes). */
export function clearVariant(layout: Layout & { kind: 'record' }, w: Int32Array, base: number): void {
  for (const [name, f] of layout.fields) if (name !== 'type') encodeAt(f, zeroOf(f), w, base);
}

function zeroOf(layout: Layout): unknown {
  let z = zeros.get(layout);
  if (z === undefined) {
    const p = pack(layout.schema as Schema);
    z = decodeAt(p.layout, new Int32Array(p.words), 0);
    zeros.set(layout, z);
  }
  return z;
}

/** Packs a plain value of `schema` into a new word array; throws {@link SchemaError} if it does not fit. */
export function encode<S extends Schema>(schema: S, value: ValueOf<S>): Int32Array {
  const p = pack(schema);
  const w = new Int32Array(p.words);
  encodeAt(p.layout, value, w, 0);
  return w;
}

/** Unpacks the value of `schema` stored in `words` at offset `base` into a plain object. */
export function decode<S extends Schema>(schema: S, words: Int32Array, base = 0): ValueOf<S> {
  return decodeAt(pack(schema).layout, words, base) as ValueOf<S>;
}

/** Validates a plain value against `schema` without keeping its encoding; throws {@link SchemaError}. */
export function validate<S extends Schema>(schema: S, value: unknown): asserts value is ValueOf<S> {
  encode(schema, value as ValueOf<S>);
}

export { CapacityError };
