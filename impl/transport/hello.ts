/**
 * The first frame of every connection: who is calling.
 *
 * Links are one-way: a node sends on the connections it dials and receives on the ones it accepts. A
 * received frame must be attributed to a peer, and the remote socket address cannot say which (ports are
 * ephemeral, and a node may restart), so the dialer's first frame names it:
 *
 * ```
 * 'I' 'L' 'V' 'T' | version u8 (1) | id length u8 (1..255) | id (UTF-8)
 * ```
 *
 * On its own the hello proves nothing. Over `tlsNetwork` the connection has already proved, with a
 * certificate from the cluster's CA, which node it comes from, and the transport accepts the hello only if
 * it names that node; over plain TCP (`--insecure`) and Unix sockets the id is taken on trust.
 *
 * @module
 */

const MAGIC = [0x49, 0x4c, 0x56, 0x54];
const VERSION = 1;

/** The payload of the hello frame of node `id`; throws `RangeError` for an empty or too long id. */
export function encodeHello(id: string): Uint8Array {
  const bytes = new TextEncoder().encode(id);
  if (bytes.length < 1 || bytes.length > 255) throw new RangeError(`transport: node id must be 1..255 bytes of UTF-8, got ${JSON.stringify(id)}`);
  return Uint8Array.from([...MAGIC, VERSION, bytes.length, ...bytes]);
}

/** The id in a hello payload, or a one-line reason why the payload is not a hello. */
export function decodeHello(payload: Uint8Array): { id: string } | { error: string } {
  if (payload.length < MAGIC.length + 2 || MAGIC.some((b, i) => payload[i] !== b)) return { error: 'bad hello: not an interleave transport' };
  if (payload[4] !== VERSION) return { error: `bad hello: unsupported version ${payload[4]}` };
  const n = payload[5]!;
  if (n === 0 || payload.length !== 6 + n) return { error: `bad hello: id length ${n} does not match the ${payload.length - 6} bytes sent` };
  try {
    return { id: new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(6)) };
  } catch {
    return { error: 'bad hello: id is not UTF-8' };
  }
}
