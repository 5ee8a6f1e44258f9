/**
 * The canonical wire format: every schema's values as big-endian bytes, for sockets and for the disk.
 *
 * The runtime sends messages between processes and writes durable records to a log. Both need a byte
 * format that is derived from the schema (no hand-written serialiser per message), canonical (equal values
 * give equal bytes, so a checksum or a byte comparison means value equality) and strict (every byte string
 * that is not exactly the encoding of a value is rejected with a one-line reason, since the bytes come from
 * other processes and from disks that tear writes). This is the role XDR (RFC 4506) plays for Sun RPC; the
 * format is defined precisely in `impl/README.md` and in {@link WIRE_VERSION}'s documentation:
 *
 * - one version byte ({@link WIRE_VERSION}), then the value, then nothing;
 * - enum: the index of the value, as the smallest of u8 / u16 / u32 that holds the largest index;
 * - int in `[min, max]`: `value - min`, as the smallest of u8 / u16 / u32 that holds `max - min`;
 * - boolean: u8, 0 or 1;
 * - set over a universe of n values: a bitmap of ceil(n/8) bytes, the member of index i being bit
 *   `0x80 >> (i % 8)` of byte `floor(i / 8)` (most significant bit first); unused bits are 0;
 * - record: the fields in schema order; array: the elements in order; map: the values in key order;
 * - seq: a u16 count (at most the capacity), then the elements in order;
 * - multiset: like seq, the elements sorted by their own encodings (bytewise, a shorter prefix first).
 *
 * Decoding is the exact inverse on its domain: it rejects anything else (a wrong version, truncation,
 * trailing bytes, an int or enum index out of range, a boolean byte other than 0/1, a set bit outside the
 * universe, a count above the capacity, a multiset out of canonical order), so `encode(decode(b))` equals
 * `b` for every accepted `b`. Values decode to the plain values of `ValueOf`, with set members in universe
 * order and multiset elements in wire order (which may differ from the packed form's order; both are
 * canonical, compare multisets as multisets).
 *
 * @example
 * ```ts
 * const Msg = s.record({ tx: s.int(0, 1000), vote: s.enum(['yes', 'no']), from: s.set(s.int(0, 9)) });
 * const bytes = wireEncode(Msg, { tx: 300, vote: 'no', from: [0, 9] });
 * // 01 | 01 2c | 01 | 80 40   (version, tx 300 as u16, 'no' is index 1, bits 0 and 9 of a 2-byte bitmap)
 * wireDecode(Msg, bytes);          // { tx: 300, vote: 'no', from: [0, 9] }
 * wireDecode(Msg, bytes.subarray(0, 3)); // throws WireError: wire: truncated: 1 more byte needed, 0 left at byte 3 in vote
 * ```
 *
 * @module
 */
import { SchemaError, universeSize } from '../../model/core/index.js';
import type { Schema, UniverseSchema, ValueOf } from '../../model/core/index.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { WireError } from './wireError.js';

/**
 * The version byte that starts every encoding. A decoder rejects any other: the format of a value changes
 * only with a new version, so an old process never misreads a newer peer's bytes as a value.
 */
export const WIRE_VERSION = 1;

/** The codec of one schema: what {@link wireCodec} returns. */
export interface WireCodec<V> {
  /** The schema it encodes. */
  readonly schema: Schema;
  /** An upper bound on the length of any encoding, version byte included (for frame and record limits). */
  readonly maxSize: number;
  /** The encoding of `value`; throws `SchemaError` (naming the path) if `value` is not a value of the schema. */
  encode(value: V): Uint8Array;
  /** The value encoded by `bytes`; throws {@link WireError} if `bytes` is not exactly one encoding. */
  decode(bytes: Uint8Array): V;
}

/** A compiled schema: how to write and read its values (without the version byte). */
interface Node {
  readonly maxSize: number;
  write(w: ByteWriter, v: unknown): void;
  read(r: ByteReader): unknown;
}

/** The narrowest unsigned width that holds `largest`. */
function widthFor(largest: number): 1 | 2 | 4 {
  return largest < 0x100 ? 1 : largest < 0x10000 ? 2 : 4;
}

function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

/** Prefixes the path of an error raised inside a composite by the composite's segment (`[2]`, `tx`). */
function within(e: unknown, segment: string): unknown {
  if (e instanceof WireError) return e.within(segment);
  if (e instanceof SchemaError) {
    const p = e.path === '' ? segment : e.path.startsWith('[') ? segment + e.path : `${segment}.${e.path}`;
    return new SchemaError(p, e.message.slice(e.path === '' ? 0 : e.path.length + 2));
  }
  return e;
}

/** Sets own property `k` even when it is `__proto__`, which plain assignment would treat as the prototype. */
function put(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

/** A scalar's code (index or offset) and its inverse; `toCode` returns -1 for a non-value. */
interface Scalar {
  readonly size: number;
  readonly expected: string;
  toCode(v: unknown): number;
  fromCode(c: number): unknown;
  readonly what: string;
}

function scalar(u: UniverseSchema): Scalar {
  switch (u.kind) {
    case 'enum': {
      const index = new Map<unknown, number>(u.values.map((v, i) => [v, i]));
      return {
        size: u.values.length,
        expected: `one of ${u.values.join(', ')}`,
        toCode: (v) => index.get(v) ?? -1,
        fromCode: (c) => u.values[c],
        what: 'enum index',
      };
    }
    case 'boolean':
      return {
        size: 2,
        expected: 'a boolean',
        toCode: (v) => (v === true ? 1 : v === false ? 0 : -1),
        fromCode: (c) => c === 1,
        what: 'boolean byte',
      };
    case 'int': {
      const { min, max } = u;
      return {
        size: universeSize(u),
        expected: `an integer in [${min}, ${max}]`,
        toCode: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v - min : -1),
        fromCode: (c) => c + min,
        what: 'int offset',
      };
    }
  }
}

function scalarNode(u: UniverseSchema): Node {
  const sc = scalar(u);
  const width = widthFor(sc.size - 1);
  return {
    maxSize: width,
    write(w, v) {
      const code = sc.toCode(v);
      if (code < 0) throw new SchemaError('', `expected ${sc.expected}, got ${show(v)}`);
      w.uint(code, width);
    },
    read(r) {
      const at = r.offset;
      const code = r.uint(width);
      if (code >= sc.size) throw new WireError(`${sc.what} ${code} out of range (${sc.expected})`, at);
      return sc.fromCode(code);
    },
  };
}

function setNode(u: UniverseSchema): Node {
  const sc = scalar(u);
  const n = sc.size;
  const bytes = Math.ceil(n / 8);
  // The bits of the last byte that lie beyond the universe; a canonical bitmap has them clear.
  const spare = n % 8 === 0 ? 0 : 0xff >> n % 8;
  return {
    maxSize: bytes,
    write(w, v) {
      if (!Array.isArray(v) && !(v instanceof Set)) throw new SchemaError('', `expected an array of set members, got ${show(v)}`);
      const at = w.zeros(bytes);
      for (const e of v) {
        const code = sc.toCode(e);
        if (code < 0) throw new SchemaError('', `set member must be ${sc.expected}, got ${show(e)}`);
        w.orAt(at + (code >>> 3), 0x80 >>> (code & 7));
      }
    },
    read(r) {
      const at = r.offset;
      r.need(bytes);
      const b = r.bytes;
      if (spare !== 0 && (b[at + bytes - 1]! & spare) !== 0) {
        throw new WireError(`set bitmap has bits set beyond its ${n} members`, at + bytes - 1);
      }
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) if (b[at + (i >>> 3)]! & (0x80 >>> (i & 7))) out.push(sc.fromCode(i));
      r.offset = at + bytes;
      return out;
    },
  };
}

/** Checks that `v` is a record with no field outside `names`. */
function recordValue(v: unknown, names: { has(k: string): boolean }): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError('', `expected a record, got ${show(v)}`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!names.has(k)) throw new SchemaError('', `unknown field ${show(k)}`);
  return o;
}

/** Writes the fields `fields` of `o`, in order; each must be present. */
function writeFields(w: ByteWriter, o: Record<string, unknown>, fields: readonly (readonly [string, Node])[]): void {
  for (const [k, f] of fields) {
    if (!Object.hasOwn(o, k)) throw new SchemaError('', `missing field ${show(k)}`);
    try {
      f.write(w, o[k]);
    } catch (e) {
      throw within(e, k);
    }
  }
}

/** Reads the fields `fields`, in order, into `out`. */
function readFields(r: ByteReader, out: Record<string, unknown>, fields: readonly (readonly [string, Node])[]): Record<string, unknown> {
  for (const [k, f] of fields) {
    try {
      put(out, k, f.read(r));
    } catch (e) {
      throw within(e, k);
    }
  }
  return out;
}

function recordNode(fields: readonly (readonly [string, Node])[]): Node {
  const names = new Set(fields.map(([k]) => k));
  return {
    maxSize: fields.reduce((sum, [, f]) => sum + f.maxSize, 0),
    write: (w, v) => writeFields(w, recordValue(v, names), fields),
    read: (r) => readFields(r, {}, fields),
  };
}

/**
 * A variant on the wire: the tag (the field `type`, first), then the fields of its arm only, in declaration
 * order — XDR's discriminated union. Read back, the value has the tag and its arm's fields.
 */
function variantNode(fields: readonly (readonly [string, Node])[], arms: Readonly<Record<string, readonly string[]>>): Node {
  const [, tag] = fields[0]!;
  const byName = new Map(fields);
  const armOf = new Map(Object.entries(arms).map(([a, names]) => [a, names.map((n) => [n, byName.get(n)!] as const)]));
  return {
    maxSize: tag.maxSize + Math.max(...[...armOf.values()].map((arm) => arm.reduce((sum, [, f]) => sum + f.maxSize, 0))),
    write(w, v) {
      const o = recordValue(v, byName);
      const arm = armOf.get(o['type'] as string);
      if (arm === undefined) throw new SchemaError('type', `expected one of ${[...armOf.keys()].join(', ')}, got ${show(o['type'])}`);
      tag.write(w, o['type']);
      writeFields(w, o, arm);
    },
    read(r) {
      let type: unknown;
      try {
        type = tag.read(r);
      } catch (e) {
        throw within(e, 'type');
      }
      return readFields(r, { type }, armOf.get(type as string)!);
    },
  };
}

function arrayNode(elem: Node, length: number): Node {
  return {
    maxSize: elem.maxSize * length,
    write(w, v) {
      if (!Array.isArray(v) || v.length !== length) throw new SchemaError('', `expected an array of length ${length}, got ${show(v)}`);
      for (let i = 0; i < length; i++) {
        try {
          elem.write(w, v[i]);
        } catch (e) {
          throw within(e, `[${i}]`);
        }
      }
    },
    read(r) {
      const out: unknown[] = new Array(length);
      for (let i = 0; i < length; i++) {
        try {
          out[i] = elem.read(r);
        } catch (e) {
          throw within(e, `[${i}]`);
        }
      }
      return out;
    },
  };
}

function mapNode(keys: UniverseSchema, elem: Node): Node {
  const sc = scalar(keys);
  const names = Array.from({ length: sc.size }, (_, i) => String(sc.fromCode(i)));
  const known = new Set(names);
  return {
    maxSize: elem.maxSize * names.length,
    write(w, v) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError('', `expected a map, got ${show(v)}`);
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!known.has(k)) throw new SchemaError('', `unknown key ${show(k)}`);
      for (const k of names) {
        if (!Object.hasOwn(o, k)) throw new SchemaError('', `missing key ${show(k)}`);
        try {
          elem.write(w, o[k]);
        } catch (e) {
          throw within(e, `[${k}]`);
        }
      }
    },
    read(r) {
      const out: Record<string, unknown> = {};
      for (const k of names) {
        try {
          put(out, k, elem.read(r));
        } catch (e) {
          throw within(e, `[${k}]`);
        }
      }
      return out;
    },
  };
}

/** Bytewise comparison, a proper prefix first: the canonical order of multiset elements. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function bagNode(elem: Node, capacity: number, sorted: boolean): Node {
  const checkCount = (v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw new SchemaError('', `expected an array, got ${show(v)}`);
    if (v.length > capacity) throw new SchemaError('', `${v.length} elements exceed the capacity ${capacity}`);
    return v;
  };
  return {
    maxSize: 2 + elem.maxSize * capacity,
    write(w, v) {
      const xs = checkCount(v);
      w.uint(xs.length, 2);
      if (!sorted) {
        for (let i = 0; i < xs.length; i++) {
          try {
            elem.write(w, xs[i]);
          } catch (e) {
            throw within(e, `[${i}]`);
          }
        }
        return;
      }
      // Canonical order is the order of the elements' own encodings, so encode each apart and sort.
      const parts = xs.map((x, i) => {
        const sub = new ByteWriter(Math.min(elem.maxSize, 1024));
        try {
          elem.write(sub, x);
        } catch (e) {
          throw within(e, `[${i}]`);
        }
        return sub.finish();
      });
      parts.sort(compareBytes);
      for (const p of parts) w.bytes(p);
    },
    read(r) {
      const at = r.offset;
      const n = r.uint(2);
      if (n > capacity) throw new WireError(`capacity exceeded: ${n} elements, capacity ${capacity}`, at);
      const out: unknown[] = new Array(n);
      let prevStart = -1;
      let prevEnd = -1;
      for (let i = 0; i < n; i++) {
        const start = r.offset;
        try {
          out[i] = elem.read(r);
        } catch (e) {
          throw within(e, `[${i}]`);
        }
        if (sorted) {
          const b = r.bytes;
          if (prevStart >= 0 && compareBytes(b.subarray(prevStart, prevEnd), b.subarray(start, r.offset)) > 0) {
            throw new WireError('multiset elements out of canonical order', start, `[${i}]`);
          }
          prevStart = start;
          prevEnd = r.offset;
        }
      }
      return out;
    },
  };
}

function compile(schema: Schema): Node {
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int':
      return scalarNode(schema);
    case 'set':
      return setNode(schema.of);
    case 'record':
      return schema.arms !== undefined
        ? variantNode(Object.entries(schema.fields).map(([k, f]) => [k, compile(f)] as const), schema.arms)
        : recordNode(Object.entries(schema.fields).map(([k, f]) => [k, compile(f)] as const));
    case 'array':
      return arrayNode(compile(schema.of), schema.length);
    case 'map':
      return mapNode(schema.keys, compile(schema.of));
    case 'seq':
      return bagNode(compile(schema.of), schema.capacity, false);
    case 'multiset':
      return bagNode(compile(schema.of), schema.capacity, true);
    default:
      throw new TypeError(`wireCodec: not a schema (kind ${show((schema as { kind?: unknown }).kind)}); build schemas with s.*`);
  }
}

const cache = new WeakMap<Schema, WireCodec<unknown>>();

/**
 * The wire codec of `schema`, compiled once per schema object.
 *
 * @example
 * ```ts
 * const codec = wireCodec(s.seq(s.boolean(), 4));
 * codec.encode([true, false]);  // Uint8Array [1, 0, 2, 1, 0]
 * codec.maxSize;                // 7: version, count, four booleans
 * ```
 */
export function wireCodec<S extends Schema>(schema: S): WireCodec<ValueOf<S>> {
  let c = cache.get(schema);
  if (!c) {
    const node = compile(schema);
    const maxSize = 1 + node.maxSize;
    const initial = Math.min(maxSize, 4096);
    c = {
      schema,
      maxSize,
      encode(value) {
        const w = new ByteWriter(initial);
        w.uint(WIRE_VERSION, 1);
        node.write(w, value);
        return w.finish();
      },
      decode(bytes) {
        const r = new ByteReader(bytes);
        const version = r.uint(1);
        if (version !== WIRE_VERSION) throw new WireError(`unsupported version ${version} (this codec reads version ${WIRE_VERSION})`, 0);
        const value = node.read(r);
        if (r.left > 0) throw new WireError(`${r.left} trailing byte${r.left === 1 ? '' : 's'} after the value`, r.offset);
        return value;
      },
    };
    cache.set(schema, c);
  }
  return c as WireCodec<ValueOf<S>>;
}

/** Encodes `value` of `schema` (shorthand for `wireCodec(schema).encode(value)`). */
export function wireEncode<S extends Schema>(schema: S, value: ValueOf<S>): Uint8Array {
  return wireCodec(schema).encode(value);
}

/** Decodes one value of `schema` from exactly `bytes` (shorthand for `wireCodec(schema).decode(bytes)`). */
export function wireDecode<S extends Schema>(schema: S, bytes: Uint8Array): ValueOf<S> {
  return wireCodec(schema).decode(bytes);
}
