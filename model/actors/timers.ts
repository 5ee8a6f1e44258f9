/**
 * Timers, plain or keyed. A plain timer is one name (`retransmit`): armed or not. A keyed timer carries a
 * key from a declared finite universe (`vote: s.int(0, txs - 1)`), so that "wait up to t for the votes of
 * transaction 3" is its own timer, armed, cancelled and fired apart from the other transactions' — one timer
 * per instance of the wait, as a real implementation keeps one per transaction.
 *
 * Every (timer, key) pair is a *slot* with a label (`retransmit`, `vote(3)`); a node's armed timers are a
 * set of slots, which the checker packs as a bitset and the runtime, its traces and their fingerprints name
 * by label. A plain timer's label is its name, so a protocol without keyed timers reads as before.
 *
 * @example
 * ```ts
 * const t = timerTable('coordinator', { vote: s.int(0, 1), flush: null });
 * t.labels;                 // ['vote(0)', 'vote(1)', 'flush']
 * t.slot('vote', 1).label;  // 'vote(1)'
 * t.slot('vote', 7);        // throws: key 7 is outside vote's universe 0..1
 * ```
 *
 * @module
 */
import type { EnumSchema, IntSchema } from '../core/index.js';

/** The schema of a timer's key: a small integer range or an enumeration. */
export type TimerKeySchema = IntSchema | EnumSchema;

/** A timer's key: an integer of its range or a label of its enumeration. */
export type TimerKey = number | string;

/**
 * How an actor declares its timers: a list of plain timer names, or a record from each name to the schema of
 * its key (`null` for a plain timer; an entry left undefined declares nothing, for a timer only some
 * variants have).
 */
export type TimerDeclaration<T extends string> = readonly T[] | { readonly [K in T]?: TimerKeySchema | null };

/** One armable timer of a node: a timer and, for a keyed timer, one key of its universe. */
export interface TimerSlot<T extends string = string> {
  /** Its position among the node's slots (the bit of the armed-timer set). */
  readonly index: number;
  /** How traces and states name it: the timer's name, followed by `(key)` for a keyed timer. */
  readonly label: string;
  /** The timer's name. */
  readonly timer: T;
  /** The key, for a keyed timer. */
  readonly key?: TimerKey;
}

/** The timers of an actor: their names, keys and slots. */
export interface TimerTable<T extends string = string> {
  /** The timer names, in declaration order. */
  readonly names: readonly T[];
  /** The schema of each keyed timer's key. */
  readonly keys: Readonly<Partial<Record<T, TimerKeySchema>>>;
  /** Every slot, in declaration order (a keyed timer's keys in their schema's order). */
  readonly slots: readonly TimerSlot<T>[];
  /** The slots' labels, by index. */
  readonly labels: readonly string[];
  /** The slot of `timer` with `key`; throws a `TypeError` naming the actor for an unknown timer or a bad key. */
  slot(timer: string, key?: TimerKey): TimerSlot<T>;
  /** The slot labelled `label`, or undefined. */
  byLabel(label: string): TimerSlot<T> | undefined;
}

/** The declaration of plain timers `names`, to spread beside keyed ones: `{ vote: s.int(0, 2), ...plainTimers(['flush']) }`. */
export function plainTimers<T extends string>(names: readonly T[]): { readonly [K in T]: null } {
  return Object.fromEntries(names.map((t) => [t, null])) as { readonly [K in T]: null };
}

/** The label of `timer` with `key`. */
export function timerLabel(timer: string, key?: TimerKey): string {
  return key === undefined ? timer : `${timer}(${key})`;
}

function keyValues(schema: TimerKeySchema): readonly TimerKey[] {
  return schema.kind === 'int' ? Array.from({ length: schema.max - schema.min + 1 }, (_, i) => schema.min + i) : schema.values;
}

/** The timer table of actor `kind` from its declaration; throws a `TypeError` for a key schema that is not an int or an enum. */
export function timerTable<T extends string>(kind: string, decl: TimerDeclaration<T> | undefined): TimerTable<T> {
  const entries: [T, TimerKeySchema | null][] = decl === undefined ? [] : isList(decl) ? decl.map((t) => [t, null]) : (Object.entries(decl).filter(([, k]) => k !== undefined) as [T, TimerKeySchema | null][]);
  const names = entries.map(([t]) => t);
  if (new Set(names).size !== names.length) throw new TypeError(`defineActor(${kind}): timer names must be distinct: ${names.join(', ')}`);
  const keys: Partial<Record<T, TimerKeySchema>> = {};
  const slots: TimerSlot<T>[] = [];
  const plain = new Map<string, TimerSlot<T>>();
  const keyed = new Map<string, Map<TimerKey, TimerSlot<T>>>();
  for (const [timer, schema] of entries) {
    if (schema === null) {
      const slot: TimerSlot<T> = Object.freeze({ index: slots.length, label: timer, timer });
      slots.push(slot);
      plain.set(timer, slot);
      continue;
    }
    if (schema.kind !== 'int' && schema.kind !== 'enum') throw new TypeError(`defineActor(${kind}): the key of timer '${timer}' must be an s.int or an s.enum, not ${(schema as { kind: string }).kind}`);
    keys[timer] = schema;
    const byKey = new Map<TimerKey, TimerSlot<T>>();
    for (const key of keyValues(schema)) {
      const slot: TimerSlot<T> = Object.freeze({ index: slots.length, label: timerLabel(timer, key), timer, key });
      slots.push(slot);
      byKey.set(key, slot);
    }
    keyed.set(timer, byKey);
  }
  const byLabel = new Map(slots.map((sl) => [sl.label, sl]));
  if (byLabel.size !== slots.length) throw new TypeError(`defineActor(${kind}): two timer slots share a label: ${slots.map((sl) => sl.label).join(', ')}`);
  return {
    names,
    keys,
    slots,
    labels: slots.map((sl) => sl.label),
    slot(timer, key) {
      if (key === undefined) {
        const sl = plain.get(timer);
        if (sl !== undefined) return sl;
      } else {
        const sl = keyed.get(timer)?.get(key);
        if (sl !== undefined) return sl;
      }
      throw new TypeError(badSlot(kind, timer, key, keys[timer as T], plain.has(timer)));
    },
    byLabel: (label) => byLabel.get(label),
  };
}

function isList<T extends string>(decl: TimerDeclaration<T>): decl is readonly T[] {
  return Array.isArray(decl);
}

function badSlot(kind: string, timer: string, key: TimerKey | undefined, schema: TimerKeySchema | undefined, isPlain: boolean): string {
  if (isPlain) return `${kind}: timer '${timer}' takes no key (given ${JSON.stringify(key)})`;
  if (schema === undefined) return `${kind}: no timer '${timer}'`;
  const universe = schema.kind === 'int' ? `${schema.min}..${schema.max}` : schema.values.join(', ');
  return key === undefined ? `${kind}: timer '${timer}' needs a key in ${universe}` : `${kind}: key ${JSON.stringify(key)} of timer '${timer}' is outside its universe ${universe}`;
}
