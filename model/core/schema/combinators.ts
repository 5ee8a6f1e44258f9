/**
 * The schema combinators, `s.enum`, `s.record`, and the rest.
 *
 * @module
 */
import type {
  ArraySchema,
  BooleanSchema,
  EnumSchema,
  IntSchema,
  MapSchema,
  MultisetSchema,
  RecordSchema,
  Schema,
  SeqSchema,
  SetSchema,
  UniverseSchema,
} from './types.js';

function misuse(call: string, message: string): never {
  throw new TypeError(`s.${call}: ${message}`);
}

function checkCapacity(call: string, capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 4096) {
    misuse(call, `capacity must be an integer in [0, 4096], got ${capacity}`);
  }
}

/**
 * The schema combinators.
 *
 * @example
 * ```ts
 * const RM = s.enum(['working', 'prepared', 'committed', 'aborted']);
 * const State = s.record({
 *   rm: s.array(RM, 3),
 *   tm: s.enum(['init', 'committed', 'aborted']),
 *   tmPrepared: s.set(s.int(0, 2)),
 * });
 * ```
 */
export const s = {
  /** An enumeration of distinct string literals (at least one). */
  enum<const V extends string>(values: readonly V[]): EnumSchema<V> {
    if (values.length === 0) misuse('enum', 'needs at least one value');
    if (new Set(values).size !== values.length) misuse('enum', `values must be distinct: ${values.join(', ')}`);
    return { kind: 'enum', values: [...values] };
  },
  /** A boolean. */
  boolean(): BooleanSchema {
    return { kind: 'boolean' };
  },
  /** An integer in `[min, max]` (both safe integers, at most 2^32 values). */
  int(min: number, max: number): IntSchema {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      misuse('int', `needs safe integers min <= max, got [${min}, ${max}]`);
    }
    if (max - min > 0xffffffff) misuse('int', `range [${min}, ${max}] exceeds 2^32 values`);
    return { kind: 'int', min, max };
  },
  /** A subset of a finite universe (an enum, a bounded int or a boolean), stored as a bitset. */
  set<E extends UniverseSchema>(of: E): SetSchema<E> {
    if (universeSize(of) > 4096) misuse('set', 'universe larger than 4096 elements');
    return { kind: 'set', of };
  },
  /** An array of exactly `length` elements. */
  array<E extends Schema>(of: E, length: number): ArraySchema<E> {
    if (!Number.isInteger(length) || length < 0 || length > 4096) misuse('array', `bad length ${length}`);
    return { kind: 'array', of, length };
  },
  /** A record with named fields, laid out in the order given. */
  record<const F extends { readonly [k: string]: Schema }>(fields: F): RecordSchema<F> {
    return { kind: 'record', fields };
  },
  /**
   * A tagged union (the schema of a protocol's messages): the tag `type`, one of the arms' names, and the
   * fields of that arm. A field name used by several arms must have the same schema in each (it is stored
   * once). Packed, the tag and the fields of several arms come first, then each arm's own fields overlaid
   * on the other arms' (every arm starts at the same bit, what an arm does not use is zero, so the form stays
   * canonical): a variant is as wide as its largest arm. Decoded, on the wire, in traces and in diffs a value
   * has its own arm's fields only: `{ type: 'Vote', tx: 0, yes: true }`; through a view, another arm's field
   * reads as undefined and cannot be written, and writing a new tag zeroes the fields.
   */
  variant<const C extends { readonly [arm: string]: { readonly [k: string]: Schema } }>(
    arms: C,
  ): RecordSchema<{ readonly type: EnumSchema<keyof C & string> } & { readonly [k: string]: Schema }> {
    const names = Object.keys(arms) as (keyof C & string)[];
    if (names.length === 0) misuse('variant', 'needs at least one arm');
    const union: Record<string, Schema> = {};
    for (const a of names) {
      for (const [f, schema] of Object.entries(arms[a]!)) {
        if (f === 'type') misuse('variant', `arm ${a} declares a field 'type', which is the tag`);
        const prior = union[f];
        if (prior !== undefined && JSON.stringify(prior) !== JSON.stringify(schema)) misuse('variant', `field '${f}' has different schemas in different arms; rename one`);
        union[f] = schema;
      }
    }
    const tag: EnumSchema<keyof C & string> = { kind: 'enum', values: names };
    return { kind: 'record', fields: { type: tag, ...union }, arms: Object.fromEntries(names.map((a) => [a, Object.keys(arms[a]!)])) };
  },
  /** A total map from every key of an enum or bounded int (process ids) to a value. */
  map<K extends EnumSchema | IntSchema, V extends Schema>(keys: K, of: V): MapSchema<K, V> {
    if (universeSize(keys) > 4096) misuse('map', 'more than 4096 keys');
    return { kind: 'map', keys, of };
  },
  /** A sequence of at most `capacity` elements (a FIFO queue, a log). */
  seq<E extends Schema>(of: E, capacity: number): SeqSchema<E> {
    checkCapacity('seq', capacity);
    return { kind: 'seq', of, capacity };
  },
  /** A multiset of at most `capacity` elements, kept in canonical sorted order. */
  multiset<E extends Schema>(of: E, capacity: number): MultisetSchema<E> {
    checkCapacity('multiset', capacity);
    return { kind: 'multiset', of, capacity };
  },
} as const;

/** The number of values of a universe schema. */
export function universeSize(u: UniverseSchema): number {
  switch (u.kind) {
    case 'enum':
      return u.values.length;
    case 'boolean':
      return 2;
    case 'int':
      return u.max - u.min + 1;
  }
}
