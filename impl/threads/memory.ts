/**
 * The shared-memory layout of a threads system on real hardware, and accessors over it with the same
 * interface as the checker's drafts (`sh.turn = 1`, `sh.c.get(i)`, `sh.c.set(i, true)`), so the very step
 * functions the checker verified run on worker threads.
 *
 * The checker packs several variables into one 32-bit word; on hardware that would be wrong twice over: a
 * write to one field is then a read-modify-write of the whole word, which loses a concurrent write to a
 * neighbour, and it is not one instruction. So here every scalar has **a word of its own**, read with
 * `Atomics.load` and written with `Atomics.store` — sequentially consistent operations (ECMAScript §29, the
 * memory model; Lamport, "How to make a multiprocessor computer that correctly executes multiprocess
 * programs", 1979) — which is the memory model the checker assumes. Integers are full 32-bit words: the
 * schema's bounds, which the checker needs, are not enforced here but reported when exceeded.
 *
 * The accessor also records which words each step touches, so a run can name the steps that are atomic in
 * the model but not on hardware: those touching several shared variables, or reading then writing one.
 *
 * @example
 * ```ts
 * const layout = memoryLayout(PetersonShared, 0);
 * const words = new Int32Array(new SharedArrayBuffer(layout.words * 4));
 * const sh = accessor(layout, words, { atomic: true, tracker: new Tracker() });
 * sh.c.set(0, true); // Atomics.store(words, 0, 1)
 * ```
 *
 * @module
 */
import type { Schema } from '../../model/core/index.js';

/** One scalar variable of the layout: its word, its name, and how its values are coded. */
export interface Slot {
  readonly word: number;
  /** `turn`, `c[1]`, `number[2]`. */
  readonly name: string;
  readonly schema: Schema & { kind: 'int' | 'boolean' | 'enum' };
}

/** A schema laid out one word per scalar, from word `base`. */
export interface MemoryLayout {
  readonly schema: Schema;
  readonly base: number;
  /** Words used (from `base`). */
  readonly words: number;
  readonly slots: readonly Slot[];
}

/** Lays `schema` out one word per scalar, from word `base`. Sets, sequences and multisets are not supported. */
export function memoryLayout(schema: Schema, base: number): MemoryLayout {
  const slots: Slot[] = [];
  const walk = (sc: Schema, name: string): void => {
    switch (sc.kind) {
      case 'int':
      case 'boolean':
      case 'enum':
        slots.push({ word: base + slots.length, name, schema: sc });
        return;
      case 'record':
        for (const [f, fs] of Object.entries(sc.fields)) walk(fs, name ? `${name}.${f}` : f);
        return;
      case 'array':
        for (let i = 0; i < sc.length; i++) walk(sc.of, `${name}[${i}]`);
        return;
      case 'map': {
        const keys = sc.keys.kind === 'enum' ? sc.keys.values : Array.from({ length: sc.keys.max - sc.keys.min + 1 }, (_, i) => i + (sc.keys as { min: number }).min);
        for (const k of keys) walk(sc.of, `${name}[${String(k)}]`);
        return;
      }
      default:
        throw new RangeError(`shared memory: ${name || 'a variable'} is a ${sc.kind}; only records, arrays and maps of scalars run on real threads`);
    }
  };
  walk(schema, '');
  return { schema, base, words: slots.length, slots };
}

/**
 * Records the words a step touches: read (1) and written (2) flags in first-touch order. Bounded: a step
 * touching more than 32 words is recorded as touching 32.
 */
export class Tracker {
  readonly words = new Int32Array(32);
  readonly flags = new Uint8Array(32);
  n = 0;
  /** Whether the step wrote; a blocked step must not have. */
  wrote = false;
  /** Whether a word was read and then written (a read-modify-write). */
  rmw = false;
  /** Starts a new step. */
  reset(): void {
    this.n = 0;
    this.wrote = false;
    this.rmw = false;
  }
  /** Records a read (or a write) of `word`. */
  touch(word: number, write: boolean): void {
    if (write) this.wrote = true;
    for (let i = 0; i < this.n; i++) {
      if (this.words[i] === word) {
        if (write && (this.flags[i]! & 1) !== 0) this.rmw = true;
        this.flags[i]! |= write ? 2 : 1;
        return;
      }
    }
    if (this.n < 32) {
      this.words[this.n] = word;
      this.flags[this.n] = write ? 2 : 1;
      this.n++;
    }
  }
}

/** Values written outside a variable's schema bounds: by word, the smallest and largest seen. */
export class BoundsLog {
  readonly seen = new Map<number, { min: number; max: number }>();
  /** Records value `v` written to `word`. */
  note(word: number, v: number): void {
    const e = this.seen.get(word);
    if (e === undefined) this.seen.set(word, { min: v, max: v });
    else {
      if (v < e.min) e.min = v;
      if (v > e.max) e.max = v;
    }
  }
}

/** How an accessor reaches memory. */
export interface AccessOptions {
  /** Shared memory: `Atomics.load` / `Atomics.store`. Otherwise plain reads and writes (thread-local). */
  readonly atomic: boolean;
  /** Records touched words (shared memory only). */
  readonly tracker?: Tracker;
  /** Records out-of-bounds writes. */
  readonly bounds?: BoundsLog;
}

type Get = () => unknown;
type Set = (v: unknown) => void;

function scalar(slot: Slot, w: Int32Array, o: AccessOptions): { get: Get; set: Set } {
  const i = slot.word;
  const tr = o.tracker;
  const load = o.atomic ? () => Atomics.load(w, i) : () => w[i]!;
  const store = o.atomic ? (x: number) => void Atomics.store(w, i, x) : (x: number) => void (w[i] = x);
  const read = tr ? () => (tr.touch(i, false), load()) : load;
  const write = tr ? (x: number) => (tr.touch(i, true), store(x)) : store;
  const sc = slot.schema;
  switch (sc.kind) {
    case 'boolean':
      return { get: () => read() !== 0, set: (v) => write(v === true ? 1 : 0) };
    case 'enum': {
      const values = sc.values;
      const code = new Map<unknown, number>(values.map((v, k) => [v, k]));
      return {
        get: () => values[read()],
        set(v) {
          const c = code.get(v);
          if (c === undefined) throw new RangeError(`${slot.name}: expected one of ${values.join(', ')}, got ${String(v)}`);
          write(c);
        },
      };
    }
    case 'int': {
      const { min, max } = sc;
      const bounds = o.bounds;
      return {
        get: read,
        set(v) {
          const x = v as number;
          if (!Number.isInteger(x)) throw new RangeError(`${slot.name}: expected an integer, got ${String(v)}`);
          if ((x < min || x > max) && bounds) bounds.note(i, x);
          write(x | 0);
        },
      };
    }
  }
}

/** A fixed array (or map) of the layout. */
class ArrayAccess {
  constructor(
    private readonly items: readonly ({ get: Get; set: Set } | unknown)[],
    private readonly scalars: boolean,
    private readonly key: (k: unknown) => number,
  ) {}
  get length(): number {
    return this.items.length;
  }
  get(k: unknown): unknown {
    const it = this.items[this.key(k)];
    if (it === undefined) throw new RangeError(`no element ${String(k)} (length ${this.items.length})`);
    return this.scalars ? (it as { get: Get }).get() : it;
  }
  set(k: unknown, v: unknown): void {
    const it = this.items[this.key(k)];
    if (it === undefined || !this.scalars) throw new RangeError(`cannot set element ${String(k)}`);
    (it as { set: Set }).set(v);
  }
  fill(v: unknown): void {
    for (let i = 0; i < this.items.length; i++) this.set(i, v);
  }
  toArray(): unknown[] {
    return Array.from({ length: this.items.length }, (_, i) => this.get(i));
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.toArray()[Symbol.iterator]();
  }
}

/**
 * An accessor over `words` laid out by `layout`, with the interface of a draft of `layout.schema`. The
 * object graph is built once; reading and writing allocate nothing.
 */
export function accessor(layout: MemoryLayout, words: Int32Array, options: AccessOptions): unknown {
  let next = 0;
  const build = (sc: Schema): unknown => {
    switch (sc.kind) {
      case 'int':
      case 'boolean':
      case 'enum':
        return scalar(layout.slots[next++]!, words, options);
      case 'record': {
        const obj: Record<string, unknown> = {};
        for (const [f, fs] of Object.entries(sc.fields)) {
          const child = build(fs);
          if (fs.kind === 'int' || fs.kind === 'boolean' || fs.kind === 'enum') {
            const { get, set } = child as { get: Get; set: Set };
            Object.defineProperty(obj, f, { enumerable: true, get, set });
          } else Object.defineProperty(obj, f, { enumerable: true, value: child });
        }
        return Object.freeze(obj);
      }
      case 'array':
      case 'map': {
        const n = sc.kind === 'array' ? sc.length : sc.keys.kind === 'enum' ? sc.keys.values.length : sc.keys.max - sc.keys.min + 1;
        const items = Array.from({ length: n }, () => build(sc.of));
        const scalars = sc.of.kind === 'int' || sc.of.kind === 'boolean' || sc.of.kind === 'enum';
        const key =
          sc.kind === 'array'
            ? (k: unknown) => k as number
            : sc.keys.kind === 'enum'
              ? ((vals) => (k: unknown) => vals.indexOf(k as string))(sc.keys.values)
              : ((min) => (k: unknown) => (k as number) - min)(sc.keys.min);
        return new ArrayAccess(items, scalars, key);
      }
      default:
        throw new RangeError(`shared memory: a ${sc.kind} does not run on real threads`);
    }
  };
  return build(layout.schema);
}

/** Writes the plain value `v` of `layout.schema` into `words` (plain stores: before any thread starts). */
export function store(layout: MemoryLayout, words: Int32Array, v: unknown): void {
  const acc = accessor(layout, words, { atomic: false });
  const assign = (target: unknown, sc: Schema, value: unknown, set?: (x: unknown) => void): void => {
    switch (sc.kind) {
      case 'int':
      case 'boolean':
      case 'enum':
        set!(value);
        return;
      case 'record':
        for (const [f, fs] of Object.entries(sc.fields)) {
          const val = (value as Record<string, unknown>)[f];
          assign((target as Record<string, unknown>)[f], fs, val, (x) => ((target as Record<string, unknown>)[f] = x));
        }
        return;
      case 'array':
      case 'map': {
        const a = target as ArrayAccess;
        const keys = sc.kind === 'array' ? Array.from({ length: sc.length }, (_, i) => i) : Object.keys(value as object);
        for (const k of keys) {
          const key = sc.kind === 'map' && sc.keys.kind === 'int' ? Number(k) : k;
          const val = Array.isArray(value) ? value[k as number] : (value as Record<string, unknown>)[String(k)];
          if (sc.of.kind === 'int' || sc.of.kind === 'boolean' || sc.of.kind === 'enum') a.set(key, val);
          else assign(a.get(key), sc.of, val);
        }
        return;
      }
      default:
        throw new RangeError(`shared memory: a ${sc.kind} does not run on real threads`);
    }
  };
  assign(acc, layout.schema, v);
}
