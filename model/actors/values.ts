/**
 * Whole-value access to a part of a draft: write a plain value into a composite draft ({@link assign}) and
 * read one back ({@link read}). Drafts are built for field-by-field access in the hot path; the actor layer
 * also needs to reset a crashed node's volatile state and to hand a durable record to a recovery handler,
 * which are rare events, so these walk the schema through the public view API rather than touch words.
 *
 * @example
 * ```ts
 * assign(Local, out.nodes.P.get(0).local, initialLocal);   // volatile state lost in a crash
 * const log = read(Durable, st.nodes.P.get(0).durable);    // handed to onRecover
 * ```
 *
 * @module
 */
import type { MapSchema, Schema, UniverseSchema } from '../core/index.js';

function isLeaf(s: Schema): boolean {
  return s.kind === 'enum' || s.kind === 'boolean' || s.kind === 'int';
}

/** The keys of a map, in key order. */
function keysOf(u: UniverseSchema): unknown[] {
  switch (u.kind) {
    case 'enum':
      return [...u.values];
    case 'boolean':
      return [false, true];
    case 'int':
      return Array.from({ length: u.max - u.min + 1 }, (_, i) => u.min + i);
  }
}

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Compiled writers and readers, one per schema object: the walk of the schema is done once, not per call. */
const writers = new WeakMap<Schema, (d: Any, v: Any) => void>();
const readers = new WeakMap<Schema, (w: Any) => unknown>();

function writerOf(schema: Schema): (d: Any, v: Any) => void {
  let f = writers.get(schema);
  if (f === undefined) writers.set(schema, (f = makeWriter(schema)));
  return f;
}

function readerOf(schema: Schema): (w: Any) => unknown {
  let f = readers.get(schema);
  if (f === undefined) readers.set(schema, (f = makeReader(schema)));
  return f;
}

function makeWriter(schema: Schema): (d: Any, v: Any) => void {
  switch (schema.kind) {
    case 'record': {
      const fields = Object.entries(schema.fields).map(([k, f]) => ({ k, sub: isLeaf(f) ? null : writerOf(f) }));
      return (d, v) => {
        for (let i = 0; i < fields.length; i++) {
          const { k, sub } = fields[i]!;
          if (sub === null) d[k] = v[k];
          else sub(d[k], v[k]);
        }
      };
    }
    case 'array': {
      const n = schema.length;
      if (isLeaf(schema.of)) {
        return (d, v) => {
          for (let i = 0; i < n; i++) d.set(i, v[i]);
        };
      }
      const sub = writerOf(schema.of);
      return (d, v) => {
        for (let i = 0; i < n; i++) sub(d.get(i), v[i]);
      };
    }
    case 'map': {
      const keys = keysOf((schema as MapSchema).keys);
      const sub = isLeaf(schema.of) ? null : writerOf(schema.of);
      return (d, v) => {
        for (const k of keys) {
          if (sub === null) d.set(k, v[String(k)]);
          else sub(d.get(k), v[String(k)]);
        }
      };
    }
    case 'set':
    case 'multiset':
      return (d, v) => {
        d.clear();
        for (const e of v) d.add(e);
      };
    case 'seq':
      return (d, v) => {
        d.clear();
        for (const e of v) d.push(e);
      };
    default:
      return () => {
        throw new TypeError(`assign: a ${schema.kind} is a scalar; assign it through its parent`);
      };
  }
}

function makeReader(schema: Schema): (w: Any) => unknown {
  switch (schema.kind) {
    case 'record': {
      const fields = Object.entries(schema.fields).map(([k, f]) => ({ k, sub: isLeaf(f) ? null : readerOf(f) }));
      return (w) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) {
          const { k, sub } = fields[i]!;
          out[k] = sub === null ? w[k] : sub(w[k]);
        }
        return out;
      };
    }
    case 'array': {
      if (isLeaf(schema.of)) return (w) => w.toArray();
      const sub = readerOf(schema.of);
      const n = schema.length;
      return (w) => Array.from({ length: n }, (_, i) => sub(w.get(i)));
    }
    case 'map': {
      const keys = keysOf((schema as MapSchema).keys);
      const sub = isLeaf(schema.of) ? null : readerOf(schema.of);
      return (w) => {
        const out: Record<string, unknown> = {};
        for (const k of keys) out[String(k)] = sub === null ? w.get(k) : sub(w.get(k));
        return out;
      };
    }
    case 'set':
      return (w) => w.values();
    case 'seq':
    case 'multiset':
      return (w) => w.toArray();
    default:
      return () => {
        throw new TypeError(`read: a ${schema.kind} is a scalar; read it through its parent`);
      };
  }
}

/** Writes the plain `value` of `schema` into the composite draft `draft` (which must be of that schema). */
export function assign(schema: Schema, draft: unknown, value: unknown): void {
  writerOf(schema)(draft, value);
}

/** Reads the plain value of the composite view `view` of `schema`. */
export function read(schema: Schema, view: unknown): unknown {
  return readerOf(schema)(view);
}
