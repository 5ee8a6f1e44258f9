/**
 * Length-prefixed framing of a byte stream: each frame is a 4-byte big-endian length, then that many bytes.
 *
 * TCP and Unix sockets deliver a stream of bytes in arbitrary chunks; a `FrameDecoder` reassembles
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

/** The buffer a decoder starts with, and goes back to once a frame too big to keep its buffer is done. */
const INITIAL_BUFFER = 256;
/** The largest buffer a decoder keeps between frames. */
const KEEP_BUFFER = 4 << 10;
/** Beyond this, a buffer grows in steps of this size instead of doubling. */
const GROWTH_STEP = 64 << 10;

/** The big-endian u32 at `at` in `b` (which holds at least 4 bytes there). */
function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/**
 * Reassembles frames from the chunks of a byte stream.
 *
 * It holds at most one incomplete frame: whole frames are copied out of the chunk they arrive in, and only
 * the bytes of a frame still incomplete are kept. So what a peer makes it hold is close to what the peer
 * sent: the buffer grows by doubling up to 64 KiB, then in steps of 64 KiB, never beyond the frame being
 * received, and a buffer above 4 KiB is given back as soon as its frame is out. After each chunk the
 * buffer is at most 4 KiB, or at most `FrameDecoder.buffered` plus the smaller of that and 64 KiB —
 * so that a node that caps the bytes buffered caps the memory too. (Plain doubling would let a peer that
 * stops just past a power of two make the node hold twice what it sent.)
 *
 * @internal The transport's own; not part of the package's API.
 */
export class FrameDecoder {
  private buf = new Uint8Array(INITIAL_BUFFER);
  /** The bytes of the incomplete frame, at the start of `buf`. */
  private end = 0;

  /** @param maxFrameSize - the largest payload accepted, in bytes */
  constructor(readonly maxFrameSize: number) {}

  /** The number of bytes received that do not yet form a complete frame. */
  get buffered(): number {
    return this.end;
  }

  /** The size of the buffer it holds now, in bytes (for tests and diagnostics of its memory). */
  get capacity(): number {
    return this.buf.length;
  }

  /** What the incomplete frame has so far, for a log line (`3 of the 4 length bytes`, `10 of 200 payload bytes`). */
  describePartial(): string {
    const n = this.end;
    if (n < FRAME_HEADER) return `${n} of the ${FRAME_HEADER} length bytes`;
    return `${n - FRAME_HEADER} of ${u32(this.buf, 0)} payload bytes`;
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
    const frames: Uint8Array[] = [];
    if (this.failure) return frames;
    let at = 0;
    if (this.end > 0) {
      // Finish the frame in progress: its length prefix first, then as much of its payload as the chunk has.
      if (this.end < FRAME_HEADER) {
        at = Math.min(FRAME_HEADER - this.end, chunk.length);
        this.append(chunk.subarray(0, at), FRAME_HEADER);
        if (this.end < FRAME_HEADER) return frames;
      }
      const total = FRAME_HEADER + u32(this.buf, 0);
      if (!this.fits(total)) return frames;
      const take = Math.min(total - this.end, chunk.length - at);
      this.append(chunk.subarray(at, at + take), total);
      at += take;
      if (this.end < total) return frames;
      frames.push(this.buf.slice(FRAME_HEADER, total));
      this.clear();
    }
    for (;;) {
      const left = chunk.length - at;
      if (left < FRAME_HEADER) break;
      const total = FRAME_HEADER + u32(chunk, at);
      if (!this.fits(total)) return frames;
      if (left < total) break;
      frames.push(chunk.slice(at + FRAME_HEADER, at + total));
      at += total;
    }
    if (at < chunk.length) {
      const rest = chunk.subarray(at);
      this.append(rest, rest.length >= FRAME_HEADER ? FRAME_HEADER + u32(rest, 0) : FRAME_HEADER);
    }
    return frames;
  }

  /** Drops every byte buffered and gives the buffer back (for a connection that is closed). */
  reset(): void {
    this.buf = new Uint8Array(0);
    this.end = 0;
  }

  /** Whether a frame of `total` bytes (prefix included) is within the limit; sets `failure` if not. */
  private fits(total: number): boolean {
    const n = total - FRAME_HEADER;
    if (n <= this.maxFrameSize) return true;
    this.failure = new FrameError(`frame of ${n} bytes exceeds the limit of ${this.maxFrameSize}`);
    return false;
  }

  /** The frame in progress is out: start the next one, giving back a buffer grown for a big frame. */
  private clear(): void {
    this.end = 0;
    if (this.buf.length > KEEP_BUFFER) this.buf = new Uint8Array(INITIAL_BUFFER);
  }

  /** Appends bytes of the incomplete frame, whose size (prefix included, as far as known) is `total`. */
  private append(bytes: Uint8Array, total: number): void {
    const need = this.end + bytes.length;
    if (need > this.buf.length) {
      let size = Math.max(INITIAL_BUFFER, this.buf.length);
      if (need <= GROWTH_STEP) while (size < need) size *= 2;
      else size = Math.ceil(need / GROWTH_STEP) * GROWTH_STEP;
      // Doubling past the frame being received would only hold memory for bytes that belong to no frame yet.
      size = Math.max(need, Math.min(size, total));
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.end));
      this.buf = next;
    }
    this.buf.set(bytes, this.end);
    this.end = need;
  }
}
