/**
 * The fingerprint of a node's state as traces record it: its armed timers, its volatile state and its
 * durable record, in the canonical wire format (`impl/wire`), hashed. The runtime computes it after every
 * step from the state it holds; validation computes it from the model's state of the same node, so equal
 * fingerprints mean equal states (up to a 2^-64 chance). Observations are left out: they are ghost data,
 * not something a node holds.
 *
 * @example
 * ```ts
 * nodeDigest(actor, { timers: ['vote'], local, durable });   // '3f0c…' (16 hex digits)
 * ```
 *
 * @module
 */
import { s } from '../../model/core/index.js';
import type { Schema } from '../../model/core/index.js';
import type { AnyActor } from '../../model/actors/index.js';
import { crc32 } from '../log/index.js';
import { wireEncode } from '../wire/index.js';

/** What a node holds, as plain values. */
export interface NodeValue {
  readonly timers: readonly string[];
  readonly local: unknown;
  readonly durable: unknown;
}

const schemas = new WeakMap<AnyActor, Schema>();

/** The schema of what `actor` holds (timers as a set over its timer names). */
export function nodeValueSchema(actor: AnyActor): Schema {
  let sc = schemas.get(actor);
  if (!sc) {
    sc = s.record({ timers: s.set(s.enum(actor.timers.length > 0 ? actor.timers : ['(none)'])), local: actor.state, durable: actor.durable });
    schemas.set(actor, sc);
  }
  return sc;
}

/** FNV-1a, 32 bits: a second, independent lane beside the CRC. */
function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** 16 hex digits: two independent 32-bit hashes of `bytes`. */
export function bytesDigest(bytes: Uint8Array): string {
  return crc32(bytes).toString(16).padStart(8, '0') + fnv1a(bytes).toString(16).padStart(8, '0');
}

/** The fingerprint of node state `v` of `actor`. */
export function nodeDigest(actor: AnyActor, v: NodeValue): string {
  return bytesDigest(wireEncode(nodeValueSchema(actor), v as never));
}
