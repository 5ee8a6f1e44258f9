/**
 * What a node puts in a frame: the protocol's message, wrapped with the sender's sequence number and
 * vector clock. The message itself is in the packed layout of its schema (`MessageSchema.flat`), so the
 * whole envelope is one schema and goes through the canonical wire codec (`impl/wire`) like any value:
 * a frame that does not decode to an envelope of this protocol is rejected by the transport.
 *
 * The sequence number (unique per sender, across restarts) lets a receiver's trace name the send a
 * delivery consumed; the vector clock carries happens-before from the sender to the receiver, so that the
 * traces of a run can be merged in a causally consistent order.
 *
 * @example
 * ```ts
 * const Env = envelopeSchema(Msg, 4);
 * const codec = schemaFrames(Env);   // for createTransport
 * ```
 *
 * @module
 */
import { s } from '../../model/core/index.js';
import type { ArraySchema, IntSchema, RecordSchema, Schema } from '../../model/core/index.js';
import type { MessageSchema } from '../../model/actors/index.js';

/** The largest sequence number or clock entry an envelope carries (2^31 - 1). */
export const ENVELOPE_MAX = 0x7fffffff;

/** The schema of an envelope. */
export type EnvelopeSchema = RecordSchema<{ readonly seq: IntSchema; readonly vc: ArraySchema<IntSchema>; readonly msg: Schema }>;

/** The value of an envelope: `msg` in the flat layout of the message schema. */
export interface Envelope {
  readonly seq: number;
  readonly vc: readonly number[];
  readonly msg: Record<string, unknown>;
}

/** The envelope schema of a system of `nodes` nodes exchanging `msgs`. */
export function envelopeSchema(msgs: MessageSchema, nodes: number): EnvelopeSchema {
  return s.record({ seq: s.int(0, ENVELOPE_MAX), vc: s.array(s.int(0, ENVELOPE_MAX), nodes), msg: msgs.flat });
}
