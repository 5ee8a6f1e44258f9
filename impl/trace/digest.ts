/**
 * The fingerprint of a node's state as traces record it: its armed timers, its volatile state and its
 * durable record, each in the packed form of its schema (`model/core/schema`, which is canonical: equal
 * values pack to equal words), hashed. The runtime holds the volatile state packed already, so the
 * fingerprint of a step costs a hash of a few words, not an encoding of the state; validation packs the
 * model's state of the same node and compares. Equal fingerprints mean equal states (up to a 2^-64
 * chance). Observations are left out: they are ghost data, not something a node holds.
 *
 * @example
 * ```ts
 * nodeDigest(actor, ['vote'], encode(actor.state, local), encode(actor.durable, durable));   // '3f0c…' (16 hex digits)
 * ```
 *
 * @module
 */
import type { AnyActor } from '../../model/actors/index.js';
import { crc32 } from '../log/index.js';

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

/**
 * The fingerprint of a node of `actor` whose armed timer slots are labelled `timers`, and whose volatile and durable
 * states pack to `local` and `durable` (words of `actor.state` and `actor.durable`).
 */
export function nodeDigest(actor: AnyActor, timers: readonly string[], local: Int32Array, durable: Int32Array): string {
  const table = actor.timerTable;
  const t = Math.ceil(table.slots.length / 32);
  const words = new Int32Array(t + local.length + durable.length);
  for (const label of timers) {
    const slot = table.byLabel(label);
    if (slot === undefined) throw new TypeError(`nodeDigest: ${actor.kind} has no timer slot '${label}'`);
    const i = slot.index;
    words[i >>> 5] = words[i >>> 5]! | (1 << (i & 31));
  }
  words.set(local, t);
  words.set(durable, t + local.length);
  return bytesDigest(new Uint8Array(words.buffer));
}
