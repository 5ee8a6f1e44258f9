/**
 * Length-prefixed framing of a byte stream: each frame is a 4-byte big-endian length, then that many bytes.
 *
 * TCP and Unix sockets deliver a stream of bytes in arbitrary chunks; a {@link FrameDecoder} reassembles
 * them into frames. It refuses a length above its limit as soon as the 4 length bytes arrive — before
 * buffering anything — so that a peer cannot make a node allocate gigabytes by announcing a huge frame.
 *
 * @example
 * ```ts
 * const d = new FrameDecoder(1024);
 * const bytes = encodeFrame(Uint8Array.of(1, 2, 3));     // 00 00 00 03 01 02 03
 * d.push(bytes.subarray(0, 5));  // []
 * d.push(bytes.subarray(5));     // [Uint8Array [1, 2, 3]]
 * ```
 *
 * @module
 */

/** The bytes of the length prefix. */
export const FRAME_HEADER = 4;

/** Why a decoder refused its stream (a length above the limit). The message is one line. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
}

/** The frame of `payload`: its length as a big-endian u32, then the payload. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER + payload.length);
  const n = payload.length;
  out[0] = n >>> 24;
  out[1] = (n >>> 16) & 0xff;
  out[2] = (n >>> 8) & 0xff;
  out[3] = n & 0xff;
  out.set(payload, FRAME_HEADER);
  return out;
}

/** The buffer a decoder starts with, and goes back to once a big frame is done. */
const INITIAL_BUFFER = 256;
/** The largest buffer a decoder keeps with nothing in it: a big frame's buffer is freed once the frame is out. */
const KEEP_BUFFER = 64 << 10;

/**
 * Reassembles frames from the chunks of a byte stream. Its buffer grows by doubling, but never beyond the
 * frame being received (so an incomplete frame holds at most its own size, and under twice what arrived),
 * and a buffer grown past 64 KiB is given back as soon as it is empty.
 */
export class FrameDecoder {
  private buf = new Uint8Array(INITIAL_BUFFER);
  private start = 0;
  private end = 0;

  /** @param maxFrameSize - the largest payload accepted, in bytes */
  constructor(readonly maxFrameSize: number) {}

  /** The number of bytes received that do not yet form a complete frame. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** What the incomplete frame has so far, for a log line (`3 of the 4 length bytes`, `10 of 200 payload bytes`). */
  describePartial(): string {
    const n = this.buffered;
    if (n < FRAME_HEADER) return `${n} of the ${FRAME_HEADER} length bytes`;
    return `${n - FRAME_HEADER} of ${this.length()} payload bytes`;
  }

  private length(): number {
    const b = this.buf;
    const s = this.start;
    return ((b[s]! << 24) | (b[s + 1]! << 16) | (b[s + 2]! << 8) | b[s + 3]!) >>> 0;
  }

  /**
   * Why the stream was refused (a length prefix above `maxFrameSize`), or null. Once set, the stream is out
   * of sync and {@link FrameDecoder.push} returns nothing more.
   */
  failure: FrameError | null = null;

  /**
   * Adds a chunk and returns the frames it completes (copies, in order). When a length prefix exceeds
   * `maxFrameSize`, returns the frames completed before it and sets {@link FrameDecoder.failure}, so that the
   * caller can still attribute the refusal (e.g. to the peer named by a hello in the same chunk).
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) return [];
    this.append(chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.buffered < FRAME_HEADER) break;
      const n = this.length();
      if (n > this.maxFrameSize) {
        this.failure = new FrameError(`frame of ${n} bytes exceeds the limit of ${this.maxFrameSize}`);
        break;
      }
      if (this.buffered < FRAME_HEADER + n) break;
      const from = this.start + FRAME_HEADER;
      frames.push(this.buf.slice(from, from + n));
      this.start = from + n;
    }
    if (this.start === this.end) {
      this.start = this.end = 0;
      if (this.buf.length > KEEP_BUFFER) this.buf = new Uint8Array(INITIAL_BUFFER);
    }
    return frames;
  }

  /** Drops every byte buffered and gives the buffer back (for a connection that is closed). */
  reset(): void {
    this.buf = new Uint8Array(0);
    this.start = this.end = 0;
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      const need = live + chunk.length;
      let size = Math.max(INITIAL_BUFFER, this.buf.length);
      while (size < need) size *= 2;
      // Doubling past the frame being received would only hold memory for bytes that belong to no frame yet.
      if (live >= FRAME_HEADER) size = Math.max(need, Math.min(size, FRAME_HEADER + this.length()));
      if (size <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }
}
