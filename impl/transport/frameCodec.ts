/**
 * How a transport turns messages into frame payloads and back.
 *
 * A transport moves frames; what a frame holds is the codec's business. The runtime sends protocol
 * messages in the canonical wire format of their schema ({@link schemaFrames}); tests of the transport
 * itself can move raw bytes ({@link rawFrames}). Whatever `decode` throws marks the frame as malformed: the
 * transport closes the connection it came on and logs the error's message as the reason.
 *
 * @module
 */
import type { Schema, ValueOf } from '../../model/core/index.js';
import { wireCodec } from '../wire/index.js';

/** Encodes messages to frame payloads and decodes (validating) payloads to messages. */
export interface FrameCodec<M> {
  /** The payload of `message`; throws for a value that is not a message (misuse, reported to the sender). */
  encode(message: M): Uint8Array;
  /** The message of `payload`; throws (with a one-line message) if the payload is malformed. */
  decode(payload: Uint8Array): M;
}

/** Frames that are just bytes: no encoding, and every payload is accepted. */
export const rawFrames: FrameCodec<Uint8Array> = {
  encode: (m) => m,
  decode: (b) => b,
};

/** Frames holding one value of `schema` in the wire format (`impl/wire`), decoded with full validation. */
export function schemaFrames<S extends Schema>(schema: S): FrameCodec<ValueOf<S>> {
  const codec = wireCodec(schema);
  return { encode: (m) => codec.encode(m), decode: (b) => codec.decode(b) };
}
