/**
 * Readers and codes of scalar fields, shared by the hand-written accessors (sets, sequences, multisets);
 * record fields and scalar arrays have generated ones (`compiled.ts`).
 *
 * @module
 */
import { SchemaError } from './codec.js';
import type { Layout, ScalarCodec } from './layout.js';
import { clip } from '../clip.js';

/** Reads a scalar field at word offset `b` of `w`. */
export type Reader = (w: Int32Array, b: number) => unknown;

/** A reader of one scalar field, specialised by kind so that V8 inlines it. */
export function scalarReader(layout: Layout & { kind: 'scalar' }): Reader {
  const { word, shift, width } = layout.field;
  const mask = width === 32 ? -1 : (1 << width) - 1;
  const schema = layout.schema;
  switch (schema.kind) {
    case 'enum': {
      const values = schema.values;
      return (w, b) => values[(w[b + word]! >>> shift) & mask];
    }
    case 'boolean':
      return (w, b) => ((w[b + word]! >>> shift) & 1) !== 0;
    case 'int': {
      const min = schema.min;
      return width === 32 ? (w, b) => (w[b + word]! >>> 0) + min : (w, b) => ((w[b + word]! >>> shift) & mask) + min;
    }
    default:
      throw new Error('unreachable');
  }
}

/** The code of a scalar value, or a {@link SchemaError} naming what was expected. */
export function codeOf(codec: ScalarCodec, v: unknown, what: string): number {
  const code = codec.toCode(v);
  if (code < 0) throw new SchemaError(what, `expected ${codec.expected}, got ${clip(JSON.stringify(v) ?? String(v))}`);
  return code;
}
