/**
 * Schemas: describe data once; derive its packed form, views, drafts and plain-object codec.
 *
 * @module
 */
export { s, universeSize } from './combinators.js';
export type {
  ArrayDraft,
  ArraySchema,
  ArrayView,
  BooleanSchema,
  DraftOf,
  EnumSchema,
  IntSchema,
  KeyOf,
  MapGet,
  MapSchema,
  MapSet,
  MultisetDraft,
  MultisetSchema,
  MultisetView,
  RecordSchema,
  Schema,
  SeqDraft,
  SeqSchema,
  SeqView,
  SetDraft,
  SetSchema,
  SetView,
  SlotsRaw,
  UniverseSchema,
  ValueOf,
  ViewOf,
} from './types.js';
export { CapacityError } from './types.js';
export { SchemaError, decode, encode, validate } from './codec.js';
export { pack } from './layout.js';
export type { Packed } from './layout.js';
export { draftOf, viewOf } from './view.js';
export type { Bound } from './view.js';
