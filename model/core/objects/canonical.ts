/**
 * A canonical encoding of plain immutable values into 32-bit words, for hashing object-tier states.
 *
 * Equal values give equal words whatever the insertion order of object keys, set members or map entries:
 * object keys are sorted, and the encodings of set members and map entries are sorted before they are
 * written. Supported: null, undefined, booleans, numbers, bigints, strings, arrays, plain objects, `Set`
 * and `Map`. Anything else (functions, class instances with hidden state, symbols) is rejected, since two
 * such values could not be told apart or equated honestly.
 *
 * @module
 */

const enum Tag {
  Null = 1,
  Undefined,
  False,
  True,
  Int,
  Float,
  String,
  Array,
  Object,
  Set,
  Map,
  BigInt,
}

const f64 = new Float64Array(1);
const f64w = new Int32Array(f64.buffer);

function pushString(out: number[], str: string): void {
  out.push(Tag.String, str.length);
  for (let i = 0; i < str.length; i += 2) out.push(str.charCodeAt(i) | ((i + 1 < str.length ? str.charCodeAt(i + 1) : 0) << 16));
}

function compareWords(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i]! >>> 0) < (b[i]! >>> 0) ? -1 : 1;
  return a.length - b.length;
}

/** A map key as shown in error paths; never throws (`String` does on an object without a prototype). */
function keyLabel(k: unknown): string {
  return typeof k === 'object' && k !== null ? (Array.isArray(k) ? '[…]' : '{…}') : String(k);
}

function encodeInto(out: number[], v: unknown, path: string): void {
  switch (typeof v) {
    case 'undefined':
      out.push(Tag.Undefined);
      return;
    case 'boolean':
      out.push(v ? Tag.True : Tag.False);
      return;
    case 'number':
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff && !Object.is(v, -0)) out.push(Tag.Int, v);
      else {
        f64[0] = v;
        out.push(Tag.Float, f64w[0]!, f64w[1]!);
      }
      return;
    case 'string':
      pushString(out, v);
      return;
    case 'bigint':
      out.push(Tag.BigInt);
      pushString(out, v.toString());
      return;
    case 'object': {
      if (v === null) {
        out.push(Tag.Null);
        return;
      }
      if (Array.isArray(v)) {
        out.push(Tag.Array, v.length);
        v.forEach((e, i) => encodeInto(out, e, `${path}[${i}]`));
        return;
      }
      if (v instanceof Set || v instanceof Map) {
        const parts: number[][] = [];
        if (v instanceof Set) {
          for (const e of v) {
            const p: number[] = [];
            encodeInto(p, e, `${path}{}`);
            parts.push(p);
          }
        } else {
          for (const [k, e] of v) {
            const p: number[] = [];
            encodeInto(p, k, `${path}{key}`);
            encodeInto(p, e, `${path}{${keyLabel(k)}}`);
            parts.push(p);
          }
        }
        parts.sort(compareWords);
        out.push(v instanceof Set ? Tag.Set : Tag.Map, parts.length);
        for (const p of parts) for (const x of p) out.push(x);
        return;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonical encoding: ${path || 'state'} is a ${proto?.constructor?.name ?? 'class'} instance; use plain objects, arrays, Set and Map`);
      }
      const keys = Object.keys(v).sort();
      out.push(Tag.Object, keys.length);
      for (const k of keys) {
        pushString(out, k);
        encodeInto(out, (v as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      }
      return;
    }
    default:
      throw new TypeError(`canonical encoding: ${path || 'state'} is a ${typeof v}, which has no canonical form`);
  }
}

/** The canonical encoding of a plain value as 32-bit words (see the module comment). */
export function canonicalWords(value: unknown): Int32Array {
  const out: number[] = [];
  encodeInto(out, value, '');
  return Int32Array.from(out);
}

/**
 * The JSON-safe form of a plain value: a `Set` becomes an array of its members and a `Map` an array of
 * `[key, value]` pairs, both in canonical order, so that equal values have equal JSON forms. Trace files
 * and JSON reports hold this form; replay compares states through it.
 */
export function toPlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Set || value instanceof Map) {
    const items = value instanceof Set ? [...value].map(toPlain) : [...value].map(([k, v]) => [toPlain(k), toPlain(v)]);
    const keyed = items.map((x) => [Array.from(canonicalWords(x)), x] as const);
    keyed.sort((a, b) => compareWords(a[0], b[0]));
    return keyed.map(([, x]) => x);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
}
