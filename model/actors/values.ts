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

/** Writes the plain `value` of `schema` into the composite draft `draft` (which must be of that schema). */
export function assign(schema: Schema, draft: unknown, value: unknown): void {
  const d = draft as Any;
  const v = value as Any;
  switch (schema.kind) {
    case 'record':
      for (const [k, f] of Object.entries(schema.fields)) {
        if (isLeaf(f)) d[k] = v[k];
        else assign(f, d[k], v[k]);
      }
      return;
    case 'array':
      for (let i = 0; i < schema.length; i++) {
        if (isLeaf(schema.of)) d.set(i, v[i]);
        else assign(schema.of, d.get(i), v[i]);
      }
      return;
    case 'map':
      for (const k of keysOf((schema as MapSchema).keys)) {
        if (isLeaf(schema.of)) d.set(k, v[String(k)]);
        else assign(schema.of, d.get(k), v[String(k)]);
      }
      return;
    case 'set':
      d.clear();
      for (const e of v) d.add(e);
      return;
    case 'seq':
      d.clear();
      for (const e of v) d.push(e);
      return;
    case 'multiset':
      d.clear();
      for (const e of v) d.add(e);
      return;
    default:
      throw new TypeError(`assign: a ${schema.kind} is a scalar; assign it through its parent`);
  }
}

/** Reads the plain value of the composite view `view` of `schema`. */
export function read(schema: Schema, view: unknown): unknown {
  const w = view as Any;
  switch (schema.kind) {
    case 'record': {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(schema.fields)) out[k] = isLeaf(f) ? w[k] : read(f, w[k]);
      return out;
    }
    case 'array':
      return isLeaf(schema.of) ? w.toArray() : Array.from({ length: schema.length }, (_, i) => read(schema.of, w.get(i)));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const k of keysOf((schema as MapSchema).keys)) out[String(k)] = isLeaf(schema.of) ? w.get(k) : read(schema.of, w.get(k));
      return out;
    }
    case 'set':
      return w.values();
    case 'seq':
    case 'multiset':
      return w.toArray();
    default:
      throw new TypeError(`read: a ${schema.kind} is a scalar; read it through its parent`);
  }
}
