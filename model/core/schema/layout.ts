/**
 * Packing: assigns every scalar of a schema a bit field in an array of 32-bit words.
 *
 * Scalars never straddle a word. The elements of sequences and multisets live in word-aligned slots of a
 * fixed number of words, so that a multiset can be kept sorted by comparing and moving whole slots: the
 * packed form is canonical (equal values have equal words), which is what makes the words hashable.
 *
 * @module
 */
import { universeSize } from './combinators.js';
import type { Schema, UniverseSchema } from './types.js';

/** Converts a scalar value to and from its code, an unsigned integer below `2^width`. */
export interface ScalarCodec {
  readonly width: number;
  /** The number of distinct codes (values). */
  readonly size: number;
  /** Returns the code of `v`, or -1 if `v` is not a value of this scalar. */
  toCode(v: unknown): number;
  /** Returns the value of a code below `size`. */
  fromCode(code: number): unknown;
  /** A short description for error messages, e.g. `one of working, prepared` or `an integer in [0, 7]`. */
  readonly expected: string;
}

/** A bit field: `width` bits at `shift` in word `word` (relative to the enclosing base). */
export interface Field {
  readonly word: number;
  readonly shift: number;
  readonly width: number;
}

/** The compiled layout of a schema. Word indices are relative to the start of the enclosing state or slot. */
export type Layout =
  | { readonly kind: 'scalar'; readonly schema: Schema; readonly codec: ScalarCodec; readonly field: Field }
  | { readonly kind: 'set'; readonly schema: Schema; readonly universe: ScalarCodec; readonly chunks: readonly Field[] }
  | { readonly kind: 'record'; readonly schema: Schema; readonly fields: readonly (readonly [string, Layout])[]; readonly variant?: VariantLayout }
  | { readonly kind: 'array'; readonly schema: Schema; readonly keys: ScalarCodec | null; readonly elems: readonly Layout[] }
  | {
      readonly kind: 'seq' | 'multiset';
      readonly schema: Schema;
      readonly length: Field;
      readonly capacity: number;
      readonly slotBase: number;
      readonly slotWords: number;
      readonly elem: Layout;
    };

/**
 * What a variant's record layout adds: which arms have which field. The tag is the record's first field;
 * fields of several arms are laid out once after it, and each arm's own fields after those, every arm
 * starting at the same bit — so a variant takes the tag, the shared fields and its largest arm's own fields.
 */
export interface VariantLayout {
  /** The tag's layout (the field `type`). */
  readonly tag: Layout & { kind: 'scalar' };
  /** Per field but the tag, which tag codes have it (1) or not (0); absent: every arm has it. */
  readonly has: ReadonlyMap<string, Uint8Array>;
}

function bitsFor(n: number): number {
  let bits = 0;
  while (2 ** bits < n) bits++;
  return bits;
}

/** The codec of a scalar schema (enum, boolean, int). */
export function scalarCodec(schema: UniverseSchema): ScalarCodec {
  const size = universeSize(schema);
  const width = bitsFor(size);
  switch (schema.kind) {
    case 'enum': {
      const index = new Map<unknown, number>(schema.values.map((v, i) => [v, i]));
      const values = schema.values;
      return {
        width,
        size,
        // A scan of a few interned strings beats hashing; a Map wins for large enums.
        toCode: values.length <= 16 ? (v) => values.indexOf(v as never) : (v) => index.get(v) ?? -1,
        fromCode: (c) => values[c],
        expected: `one of ${values.join(', ')}`,
      };
    }
    case 'boolean':
      return {
        width,
        size,
        toCode: (v) => (v === true ? 1 : v === false ? 0 : -1),
        fromCode: (c) => c !== 0,
        expected: 'a boolean',
      };
    case 'int': {
      const { min, max } = schema;
      return {
        width,
        size,
        toCode: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v - min : -1),
        fromCode: (c) => c + min,
        expected: `an integer in [${min}, ${max}]`,
      };
    }
  }
}

class Allocator {
  word = 0;
  bit = 0;
  field(width: number): Field {
    if (this.bit + width > 32) {
      this.word++;
      this.bit = 0;
    }
    const f = { word: this.word, shift: this.bit, width };
    this.bit += width;
    return f;
  }
  align(): void {
    if (this.bit > 0) {
      this.word++;
      this.bit = 0;
    }
  }
  skip(words: number): void {
    this.align();
    this.word += words;
  }
  get words(): number {
    return this.word + (this.bit > 0 ? 1 : 0);
  }
}

function compile(schema: Schema, a: Allocator): Layout {
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int': {
      const codec = scalarCodec(schema);
      return { kind: 'scalar', schema, codec, field: a.field(codec.width) };
    }
    case 'set': {
      const universe = scalarCodec(schema.of);
      const chunks: Field[] = [];
      for (let left = universe.size; left > 0; left -= 32) chunks.push(a.field(Math.min(32, left)));
      return { kind: 'set', schema, universe, chunks };
    }
    case 'record':
      if (schema.arms !== undefined) return compileVariant(schema as Schema & { kind: 'record' }, schema.arms, a);
      return {
        kind: 'record',
        schema,
        fields: Object.entries(schema.fields).map(([name, f]) => [name, compile(f, a)] as const),
      };
    case 'array':
      return { kind: 'array', schema, keys: null, elems: Array.from({ length: schema.length }, () => compile(schema.of, a)) };
    case 'map': {
      const keys = scalarCodec(schema.keys);
      return { kind: 'array', schema, keys, elems: Array.from({ length: keys.size }, () => compile(schema.of, a)) };
    }
    case 'seq':
    case 'multiset': {
      const length = a.field(bitsFor(schema.capacity + 1));
      const inner = new Allocator();
      const elem = compile(schema.of, inner);
      const slotWords = Math.max(1, inner.words);
      a.align();
      const slotBase = a.word;
      a.skip(slotWords * schema.capacity);
      return { kind: schema.kind, schema, length, capacity: schema.capacity, slotBase, slotWords, elem };
    }
  }
}

/** The layout of a variant (see {@link VariantLayout}): the tag, the shared fields, then the arms' own fields overlaid. */
function compileVariant(schema: Schema & { kind: 'record' }, arms: Readonly<Record<string, readonly string[]>>, a: Allocator): Layout {
  const armNames = Object.keys(arms);
  const names = Object.keys(schema.fields).filter((n) => n !== 'type');
  const armsOf = (name: string) => armNames.filter((arm) => arms[arm]!.includes(name));
  const layouts = new Map<string, Layout>();
  const tag = compile(schema.fields['type']!, a) as Layout & { kind: 'scalar' };
  for (const name of names) if (armsOf(name).length > 1) layouts.set(name, compile(schema.fields[name]!, a));
  // Every arm's own fields start at the same bit; the variant ends where its largest arm does.
  const start = { word: a.word, bit: a.bit };
  const end = { ...start };
  for (const arm of armNames) {
    a.word = start.word;
    a.bit = start.bit;
    for (const name of arms[arm]!) if (!layouts.has(name)) layouts.set(name, compile(schema.fields[name]!, a));
    if (a.word > end.word || (a.word === end.word && a.bit > end.bit)) Object.assign(end, { word: a.word, bit: a.bit });
  }
  a.word = end.word;
  a.bit = end.bit;
  const has = new Map<string, Uint8Array>();
  for (const name of names) {
    const of = armsOf(name);
    if (of.length < armNames.length) has.set(name, Uint8Array.from(armNames, (arm) => (of.includes(arm) ? 1 : 0)));
  }
  return { kind: 'record', schema, fields: [['type', tag], ...names.map((n) => [n, layouts.get(n)!] as const)], variant: { tag, has } };
}

/** A schema compiled to its packed layout. */
export interface Packed {
  readonly schema: Schema;
  readonly layout: Layout;
  /** Words per packed value (at least 1). */
  readonly words: number;
}

const cache = new WeakMap<Schema, Packed>();

/** Compiles (once per schema object) the packed layout of `schema`. */
export function pack(schema: Schema): Packed {
  let p = cache.get(schema);
  if (!p) {
    const a = new Allocator();
    const layout = compile(schema, a);
    p = { schema, layout, words: Math.max(1, a.words) };
    cache.set(schema, p);
  }
  return p;
}

/** Reads the unsigned code stored in field `f` at word offset `base`. */
export function readField(w: Int32Array, base: number, f: Field): number {
  const x = w[base + f.word]! >>> f.shift;
  return f.width === 32 ? x >>> 0 : x & ((1 << f.width) - 1);
}

/** Writes `code` into field `f` at word offset `base`. */
export function writeField(w: Int32Array, base: number, f: Field, code: number): void {
  if (f.width === 0) return;
  if (f.width === 32) {
    w[base + f.word] = code | 0;
    return;
  }
  const mask = ((1 << f.width) - 1) << f.shift;
  const i = base + f.word;
  w[i] = (w[i]! & ~mask) | ((code << f.shift) & mask);
}
