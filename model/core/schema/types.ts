/**
 * The schema language: one description of a piece of data from which the packed form, the draft view,
 * the plain-object codec, pretty-printing and diffs are all derived.
 *
 * Every schema is finite: each value has a bounded number of bits, which is what lets the checker store a
 * state as a few 32-bit words. Build schemas with the combinators of `s`.
 *
 * @module
 */

/** An enumeration of string literals, packed as an index. */
export interface EnumSchema<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}

/** A boolean, packed as one bit. */
export interface BooleanSchema {
  readonly kind: 'boolean';
}

/** An integer in the closed range `[min, max]`, packed as `value - min`. */
export interface IntSchema {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}

/** A schema with finitely many values that can index a bitset or a map: an enum, a bounded int or a boolean. */
export type UniverseSchema = EnumSchema | IntSchema | BooleanSchema;

/** A subset of a finite universe, packed as a bitset. */
export interface SetSchema<E extends UniverseSchema = UniverseSchema> {
  readonly kind: 'set';
  readonly of: E;
}

/** An array of exactly `length` elements. */
export interface ArraySchema<E extends Schema = Schema> {
  readonly kind: 'array';
  readonly of: E;
  readonly length: number;
}

/** A record with named fields. */
export interface RecordSchema<F extends { readonly [k: string]: Schema } = { readonly [k: string]: Schema }> {
  readonly kind: 'record';
  readonly fields: F;
  /**
   * Set for a variant (`s.variant`): the fields of each arm, by the value of the tag field `type`. A
   * variant's value holds the tag and its arm's fields only — when decoded, on the wire, in traces and diffs;
   * packed, the tag and the fields of several arms come first, then each arm's own fields, overlaid (every
   * arm starts at the same bit), so a variant is as wide as its largest arm.
   */
  readonly arms?: Readonly<Record<string, readonly string[]>>;
}

/** A total map from every key of a finite universe (process ids, say) to a value. */
export interface MapSchema<K extends EnumSchema | IntSchema = EnumSchema | IntSchema, V extends Schema = Schema> {
  readonly kind: 'map';
  readonly keys: K;
  readonly of: V;
}

/** A sequence (a FIFO queue, a log) of at most `capacity` elements. */
export interface SeqSchema<E extends Schema = Schema> {
  readonly kind: 'seq';
  readonly of: E;
  readonly capacity: number;
}

/** A multiset (a bag: an unordered network, say) of at most `capacity` elements, stored sorted. */
export interface MultisetSchema<E extends Schema = Schema> {
  readonly kind: 'multiset';
  readonly of: E;
  readonly capacity: number;
}

/** Any schema. */
export type Schema =
  | EnumSchema
  | BooleanSchema
  | IntSchema
  | SetSchema
  | ArraySchema
  | RecordSchema
  | MapSchema
  | SeqSchema
  | MultisetSchema;

/** The key type of a map or the element type of a set over universe `K`. */
export type KeyOf<K extends UniverseSchema> = K extends EnumSchema<infer V> ? V : K extends IntSchema ? number : boolean;

/**
 * The plain value a schema describes: what `decode` returns, what `initialStates` yields, what traces show.
 * Sets and multisets are arrays in canonical (sorted) order; maps are objects keyed by the map's keys.
 */
export type ValueOf<S> = S extends EnumSchema<infer V>
  ? V
  : S extends BooleanSchema
    ? boolean
    : S extends IntSchema
      ? number
      : S extends SetSchema<infer E>
        ? KeyOf<E>[]
        : S extends ArraySchema<infer E>
          ? ValueOf<E>[]
          : S extends RecordSchema<infer F>
            ? { [k in keyof F]: ValueOf<F[k]> }
            : S extends MapSchema<infer K, infer V>
              ? { [k in KeyOf<K> & PropertyKey]: ValueOf<V> }
              : S extends SeqSchema<infer E>
                ? ValueOf<E>[]
                : S extends MultisetSchema<infer E>
                  ? ValueOf<E>[]
                  : never;

/** True for the schemas whose values are scalars (read and written directly as fields). */
type IsLeaf<S> = S extends EnumSchema | BooleanSchema | IntSchema ? true : false;

/** A read-only view of a set. */
export interface SetView<E> extends Iterable<E> {
  /** Whether `e` is a member. */
  has(e: E): boolean;
  /** The number of members. */
  readonly size: number;
  /** The members in universe order, as a new array. */
  values(): E[];
}

/** A writable view of a set. */
export interface SetDraft<E> extends SetView<E> {
  /** Adds `e` (no effect if present). */
  add(e: E): void;
  /** Removes `e` (no effect if absent). */
  delete(e: E): void;
  /** Removes every member. */
  clear(): void;
}

/**
 * A read-only view of a fixed array. Elements are read with `get(i)` rather than `a[i]`: index accessors on a
 * view cost ~70 ns a read in V8 against ~4 ns for a method (measured here), and views sit in the checker's
 * hot loop.
 */
export interface ArrayView<E, V> extends Iterable<V> {
  /** The element at index `i` (a value for scalar elements, a nested view otherwise). */
  get(i: number): V;
  /** The number of elements. */
  readonly length: number;
  /** The elements decoded to plain values. */
  toArray(): E[];
}

/** A writable view of a fixed array of scalars. */
export interface ArrayDraft<E, V> extends ArrayView<E, V> {
  /** Writes element `i`. */
  set(i: number, value: E): void;
  /** Sets every element to `value`. */
  fill(value: E): void;
}

/** A read-only view of a bounded sequence. Elements are decoded to plain values on read. */
export interface SeqView<E> extends Iterable<E> {
  /** The number of elements. */
  readonly length: number;
  /** The element at index `i`; throws `RangeError` outside `[0, length)`. */
  get(i: number): E;
  /**
   * One scalar field of the record element at index `i`, read without decoding the element (so without
   * allocating: `chan.field(0, 'type')` in a guard). Throws `RangeError` outside `[0, length)`, and
   * `TypeError` if the elements are not records or the field is not a scalar.
   */
  field<K extends keyof E>(i: number, name: K): E[K];
  /** The first element, or `undefined` if empty. */
  head(): E | undefined;
  /** The declared capacity. */
  readonly capacity: number;
  /** The elements as a new array. */
  toArray(): E[];
}

/** A writable view of a bounded sequence. */
export interface SeqDraft<E> extends SeqView<E> {
  /** Appends `e`; throws `CapacityError` when full. */
  push(e: E): void;
  /** Removes and returns the first element; throws `RangeError` when empty. */
  shift(): E;
  /** Removes and returns the last element; throws `RangeError` when empty. */
  pop(): E;
  /** Overwrites element `i`. */
  set(i: number, e: E): void;
  /** Removes element `i`, shifting later elements down. */
  removeAt(i: number): void;
  /** Removes every element. */
  clear(): void;
}

/** A read-only view of a bounded multiset; `get(i)` reads the i-th element in canonical (sorted) order. */
export interface MultisetView<E> extends Iterable<E> {
  /** The number of elements, counting repetitions. */
  readonly size: number;
  /** The i-th element in canonical order. */
  get(i: number): E;
  /** One scalar field of the i-th record element, read without decoding it (see {@link SeqView.field}). */
  field<K extends keyof E>(i: number, name: K): E[K];
  /** How many times `e` occurs. */
  count(e: E): number;
  /** Whether `e` occurs at least once. */
  has(e: E): boolean;
  /** The declared capacity. */
  readonly capacity: number;
  /** The elements in canonical order, as a new array. */
  toArray(): E[];
}

/** A writable view of a bounded multiset. */
export interface MultisetDraft<E> extends MultisetView<E> {
  /** Adds one occurrence of `e`; throws `CapacityError` when full. */
  add(e: E): void;
  /** Removes one occurrence of `e`; returns false if there was none. */
  remove(e: E): boolean;
  /** Removes the i-th element in canonical order. */
  removeAt(i: number): void;
  /** Removes every element. */
  clear(): void;
}

/** Reading a map's entry by key. */
export interface MapGet<K, V> {
  /** The entry of key `k` (a value for scalar entries, a nested view otherwise). */
  get(k: K): V;
}

/** Writing a map's scalar entry by key. */
export interface MapSet<K, V> {
  /** Writes the entry of key `k`. */
  set(k: K, v: V): void;
}

/** What reading a field of schema `S` gives in a read-only view: a value for scalars, a view otherwise. */
export type ViewOf<S> = S extends EnumSchema<infer V>
  ? V
  : S extends BooleanSchema
    ? boolean
    : S extends IntSchema
      ? number
      : S extends SetSchema<infer E>
        ? SetView<KeyOf<E>>
        : S extends ArraySchema<infer E>
          ? ArrayView<ValueOf<E>, ViewOf<E>>
          : S extends RecordSchema<infer F>
            ? { readonly [k in keyof F]: ViewOf<F[k]> }
            : S extends MapSchema<infer K, infer V>
              ? ArrayView<ValueOf<V>, ViewOf<V>> & MapGet<KeyOf<K>, ViewOf<V>>
              : S extends SeqSchema<infer E>
                ? SeqView<ValueOf<E>>
                : S extends MultisetSchema<infer E>
                  ? MultisetView<ValueOf<E>>
                  : never;

/** Record fields of a draft: scalar fields are assignable, composite fields are drafts themselves. */
type RecordDraft<F> = { -readonly [k in keyof F as IsLeaf<F[k]> extends true ? k : never]: ValueOf<F[k]> } & {
  readonly [k in keyof F as IsLeaf<F[k]> extends true ? never : k]: DraftOf<F[k]>;
};

/** What reading a field of schema `S` gives in a draft: like {@link ViewOf}, but writable. */
export type DraftOf<S> = S extends EnumSchema<infer V>
  ? V
  : S extends BooleanSchema
    ? boolean
    : S extends IntSchema
      ? number
      : S extends SetSchema<infer E>
        ? SetDraft<KeyOf<E>>
        : S extends ArraySchema<infer E>
          ? IsLeaf<E> extends true
            ? ArrayDraft<ValueOf<E>, ValueOf<E>>
            : ArrayView<ValueOf<E>, DraftOf<E>>
          : S extends RecordSchema<infer F>
            ? RecordDraft<F>
            : S extends MapSchema<infer K, infer V>
              ? IsLeaf<V> extends true
                ? ArrayDraft<ValueOf<V>, ValueOf<V>> & MapGet<KeyOf<K>, ValueOf<V>> & MapSet<KeyOf<K>, ValueOf<V>>
                : ArrayView<ValueOf<V>, DraftOf<V>> & MapGet<KeyOf<K>, DraftOf<V>>
              : S extends SeqSchema<infer E>
                ? SeqDraft<ValueOf<E>>
                : S extends MultisetSchema<infer E>
                  ? MultisetDraft<ValueOf<E>>
                  : never;

/**
 * The packed, allocation-free accessors that every sequence and multiset view also has: elements named by
 * their packed words (a canonical encoding, so equal values have equal words). For engines that cache by
 * packed form, such as the actor layer's in-flight messages; a transition normally uses the typed methods.
 *
 * @internal The engines' own; not part of the package's API.
 */
export interface SlotsRaw {
  /** Words per element. */
  readonly slotWords: number;
  /** Copies the words of element `i` to `into` from `off`; throws `RangeError` outside `[0, length)`. */
  readSlot(i: number, into: Int32Array, off: number): void;
  /** Whether element `i` packs to the `slotWords` words of `src` from `off`. */
  slotEquals(i: number, src: Int32Array, off: number): boolean;
  /** The index of the first element packing to the words of `src` from `off`, or -1. */
  indexOfSlot(src: Int32Array, off: number): number;
  /** Drafts only: adds the element packing to the words of `src` from `off`, as `push` (sequence) or `add` (multiset). */
  addSlot?(src: Int32Array, off: number): void;
}

/** Thrown when a bounded sequence or multiset would exceed its declared capacity. */
export class CapacityError extends Error {
  override readonly name = 'CapacityError';
}
