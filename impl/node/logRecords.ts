/**
 * What a node writes to its durable log: the payloads of the records of `impl/log`, each one byte of
 * kind then its body.
 *
 * ```
 * state  00 | wire encoding of the actor's durable record (impl/wire, with its version byte)
 * mark   01 | incarnation u32 | stepLimit u32 | seqLimit u32          (big-endian)
 * ```
 *
 * A **state** record is what a handler persisted; the last one is the node's durable state.
 *
 * A **mark** is a reservation, made durable before any number it covers is used: incarnation `inc` of the
 * node may give its steps vector-clock values up to `stepLimit` and its sends sequence numbers below
 * `seqLimit`. A node starts every incarnation by writing one (numbering from the previous mark's limits),
 * and writes another whenever it runs out. Why: the trace is not fsync'd, so after a power loss it may have
 * lost steps whose messages did leave; the log — the only thing that survives for certain — still says
 * which numbers may have been used, so a restarted node never reuses a sequence number nor lets its own
 * clock entry fall below what a peer has already seen of it (which peers check, to refuse forged clocks).
 *
 * @example
 * ```ts
 * const p = encodeMarkRecord({ inc: 2, stepLimit: 3 * MARK_RESERVE, seqLimit: 3 * MARK_RESERVE });
 * decodeNodeLogRecord(p);   // { kind: 'mark', inc: 2, stepLimit: 196608, seqLimit: 196608 }
 * ```
 *
 * @module
 */

/** The kind byte of a state record. */
export const STATE_TAG = 0x00;
/** The kind byte of a mark. */
export const MARK_TAG = 0x01;

/**
 * How many step numbers (and sequence numbers) one mark reserves. Every incarnation begins a fresh
 * reservation, so a node may restart about 2^31 / 2^16 = 32,768 times before its numbers run out.
 */
export const MARK_RESERVE = 1 << 16;

/** The largest value a mark field holds (the envelope's bound on clock entries and sequence numbers). */
export const MARK_MAX = 0x7fffffff;

/** A reservation of step and sequence numbers by one incarnation. */
export interface Mark {
  readonly inc: number;
  /** Step clock values up to this one (inclusive) may be used. */
  readonly stepLimit: number;
  /** Sequence numbers below this one may be used. */
  readonly seqLimit: number;
}

/** One record of a node's log, decoded. */
export type NodeLogRecord = { readonly kind: 'state'; readonly body: Uint8Array } | ({ readonly kind: 'mark' } & Mark);

/** A log record payload that is not a node record (an unknown kind, a mark of the wrong size). */
export class LogRecordError extends Error {
  override readonly name = 'LogRecordError';
}

/** The payload of a state record holding `body` (a wire-encoded durable record). */
export function encodeStateRecord(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + body.length);
  out[0] = STATE_TAG;
  out.set(body, 1);
  return out;
}

/** The payload of a mark; throws `RangeError` for a field outside 0..{@link MARK_MAX}. */
export function encodeMarkRecord(mark: Mark): Uint8Array {
  const out = new Uint8Array(13);
  const dv = new DataView(out.buffer);
  out[0] = MARK_TAG;
  [mark.inc, mark.stepLimit, mark.seqLimit].forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x > MARK_MAX) throw new RangeError(`encodeMarkRecord: field ${i} out of range: ${x}`);
    dv.setUint32(1 + 4 * i, x);
  });
  return out;
}

/** Decodes a record payload; throws {@link LogRecordError} with a one-line reason if it is not one. */
export function decodeNodeLogRecord(payload: Uint8Array): NodeLogRecord {
  if (payload.length === 0) throw new LogRecordError('empty record');
  switch (payload[0]) {
    case STATE_TAG:
      return { kind: 'state', body: payload.subarray(1) };
    case MARK_TAG: {
      if (payload.length !== 13) throw new LogRecordError(`a mark of ${payload.length} bytes (a mark has 13)`);
      const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      const [inc, stepLimit, seqLimit] = [dv.getUint32(1), dv.getUint32(5), dv.getUint32(9)] as [number, number, number];
      if (inc > MARK_MAX || stepLimit > MARK_MAX || seqLimit > MARK_MAX) throw new LogRecordError('a mark field above 2^31 - 1');
      return { kind: 'mark', inc, stepLimit, seqLimit };
    }
    default:
      throw new LogRecordError(`unknown record kind 0x${payload[0]!.toString(16).padStart(2, '0')}`);
  }
}
