/**
 * Shared fixtures for schema tests: random schemas, arbitrary values of a schema, an independent notion of
 * the canonical value, and the list of scalar leaves of a value with the path a `SchemaError` must name.
 *
 * @module
 */
import fc from 'fast-check';
import { s } from '../../model/core/index.js';
import type { EnumSchema, IntSchema, Schema, UniverseSchema } from '../../model/core/index.js';

/** Bits needed for `n` distinct codes, recomputed here independently of the layout code. */
export function bitsFor(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** Every value of a universe schema, in universe order. */
export function universe(u: UniverseSchema): unknown[] {
  switch (u.kind) {
    case 'enum':
      return [...u.values];
    case 'boolean':
      return [false, true];
    case 'int':
      return Array.from({ length: u.max - u.min + 1 }, (_, i) => u.min + i);
  }
}

const enumArb: fc.Arbitrary<EnumSchema> = fc
  .uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 6 })
  .map((vs) => s.enum(vs));

/** Ints with small ranges, the empty-width range, wide ranges, and the full 32-bit range. */
const intArb: fc.Arbitrary<IntSchema> = fc.oneof(
  fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 40 })).map(([min, n]) => s.int(min, min + n)),
  fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })).map(([min, n]) => s.int(min, min + n)),
  fc.constantFrom(s.int(0, 2 ** 32 - 1), s.int(-(2 ** 31), 2 ** 31 - 1), s.int(7, 7)),
);

/** Universes small enough to enumerate (for sets and map keys), including ones wider than a word. */
const smallUniverse: fc.Arbitrary<UniverseSchema> = fc.oneof(
  enumArb,
  fc.constant(s.boolean()),
  fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 70 })).map(([min, n]) => s.int(min, min + n)),
);

const keysArb: fc.Arbitrary<EnumSchema | IntSchema> = fc.oneof(
  enumArb.filter((e) => e.values.length <= 4),
  fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([min, n]) => s.int(min, min + n)),
);

const scalarArb: fc.Arbitrary<Schema> = fc.oneof(enumArb, fc.constant(s.boolean()), intArb);

/** Random schemas of bounded size: every combinator, nested. */
export const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    smallUniverse.map((u) => s.set(u)),
    fc.tuple(tie('schema'), fc.integer({ min: 0, max: 3 })).map(([e, n]) => s.array(e, n)),
    fc
      .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), tie('schema')), { maxLength: 4, selector: ([k]) => k })
      .map((fs) => s.record(Object.fromEntries(fs))),
    fc.tuple(keysArb, tie('schema')).map(([k, v]) => s.map(k, v)),
    fc.tuple(tie('schema'), fc.integer({ min: 0, max: 3 })).map(([e, n]) => s.seq(e, n)),
    fc.tuple(tie('schema'), fc.integer({ min: 0, max: 3 })).map(([e, n]) => s.multiset(e, n)),
  ),
})).schema;

/** Random state schemas: a record at the top, as models require. */
export const stateSchemaArb: fc.Arbitrary<Schema> = fc
  .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), schemaArb), { minLength: 1, maxLength: 4, selector: ([k]) => k })
  .map((fs) => s.record(Object.fromEntries(fs)));

/**
 * Arbitrary values of `schema`, in any order: sets may come unsorted and with repeated members, multisets
 * in any order. Their canonical value is {@link canonical}.
 */
export function valueArb(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case 'enum':
      return fc.constantFrom(...schema.values);
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer({ min: schema.min, max: schema.max });
    case 'set': {
      const u = universe(schema.of);
      return fc.array(fc.constantFrom(...u), { maxLength: Math.min(u.length + 3, 12) });
    }
    case 'array':
      return fc.tuple(...Array.from({ length: schema.length }, () => valueArb(schema.of)));
    case 'record':
      return fc.record(Object.fromEntries(Object.entries(schema.fields).map(([k, f]) => [k, valueArb(f)])));
    case 'map': {
      const keys = universe(schema.keys).map(String);
      return fc.record(Object.fromEntries(keys.map((k) => [k, valueArb(schema.of)])));
    }
    case 'seq':
    case 'multiset':
      return fc.array(valueArb(schema.of), { maxLength: schema.capacity });
  }
}

/** A schema and one of its values. */
export const schemaAndValue: fc.Arbitrary<{ schema: Schema; value: unknown }> = stateSchemaArb.chain((schema) =>
  valueArb(schema).map((value) => ({ schema, value })),
);

/**
 * The canonical form of a value, computed without the codec: set members in universe order without
 * repetition; multiset elements sorted by the JSON of their own canonical form (the codec sorts by packed
 * words, a different but equally canonical order, so compare multisets through {@link normalise}).
 */
export function normalise(schema: Schema, v: unknown): unknown {
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int':
      return v;
    case 'set': {
      const members = new Set(v as unknown[]);
      return universe(schema.of).filter((x) => members.has(x));
    }
    case 'array':
      return (v as unknown[]).map((e) => normalise(schema.of, e));
    case 'record':
      return Object.fromEntries(Object.entries(schema.fields).map(([k, f]) => [k, normalise(f, (v as Record<string, unknown>)[k])]));
    case 'map':
      return Object.fromEntries(universe(schema.keys).map((k) => [String(k), normalise(schema.of, (v as Record<string, unknown>)[String(k)])]));
    case 'seq':
      return (v as unknown[]).map((e) => normalise(schema.of, e));
    case 'multiset':
      return (v as unknown[])
        .map((e) => normalise(schema.of, e))
        .map((e) => [JSON.stringify(e), e] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, e]) => e);
  }
}

/** A seeded xorshift32 generator of numbers in [0, 1), so that a fast-check seed reproduces a shuffle. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** A Fisher-Yates shuffle of a copy of `xs`, driven by `rand`. */
export function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Reorders the members of every set and multiset inside `v` (by `rand`), leaving its meaning unchanged. */
export function shuffleBags(schema: Schema, v: unknown, rand: () => number): unknown {
  const shuffle = <T>(xs: T[]): T[] => shuffled(xs, rand);
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int':
      return v;
    case 'set':
      return shuffle(v as unknown[]);
    case 'array':
    case 'seq':
      return (v as unknown[]).map((e) => shuffleBags(schema.of, e, rand));
    case 'multiset':
      return shuffle((v as unknown[]).map((e) => shuffleBags(schema.of, e, rand)));
    case 'record':
      return Object.fromEntries(Object.entries(schema.fields).map(([k, f]) => [k, shuffleBags(f, (v as Record<string, unknown>)[k], rand)]));
    case 'map':
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, shuffleBags(schema.of, e, rand)]));
  }
}

/** A place in a value where a bad scalar can be put, and the path a `SchemaError` must then name. */
export interface Leaf {
  readonly path: string;
  /** Returns a copy of the whole value with this leaf replaced by `bad`. */
  readonly replace: (bad: unknown) => unknown;
  readonly schema: Schema;
}

/**
 * The scalar leaves and set members of `v`, with the documented error paths: record fields joined by `.`
 * (`msgs.commit`), array, sequence and multiset positions and map keys in brackets (`rm[2]`, `votes[a]`);
 * a set is one leaf named by its own path.
 */
export function leaves(schema: Schema, v: unknown, path = '', replace: (x: unknown) => unknown = (x) => x): Leaf[] {
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int':
    case 'set':
      return [{ path, replace, schema }];
    case 'array':
    case 'seq':
    case 'multiset':
      return (v as unknown[]).flatMap((e, i) =>
        leaves(schema.of, e, `${path}[${i}]`, (x) => replace((v as unknown[]).map((y, j) => (j === i ? x : y)))),
      );
    case 'record':
      return Object.entries(schema.fields).flatMap(([k, f]) =>
        leaves(f, (v as Record<string, unknown>)[k], path ? `${path}.${k}` : k, (x) => replace({ ...(v as object), [k]: x })),
      );
    case 'map':
      return universe(schema.keys).flatMap((key) => {
        const k = String(key);
        return leaves(schema.of, (v as Record<string, unknown>)[k], `${path}[${k}]`, (x) => replace({ ...(v as object), [k]: x }));
      });
  }
}

/** A value that is not a value of the scalar or set schema `schema`. */
export function badValueFor(schema: Schema): unknown {
  switch (schema.kind) {
    case 'enum':
      return 'NOT-A-VALUE';
    case 'boolean':
      return 1;
    case 'int':
      return schema.max + 1;
    case 'set':
      return ['NOT-A-MEMBER'];
    default:
      throw new Error(`not a leaf: ${schema.kind}`);
  }
}
