/**
 * A growable byte writer and a bounds-checked byte reader, big-endian, for the wire codec.
 *
 * The reader never reads past its end: each read first checks that enough bytes are left and otherwise
 * throws a {@link WireError} saying how many were needed, so a truncated frame fails with a precise reason
 * rather than with a `RangeError` or, worse, an `undefined` read as a zero.
 *
 * @module
 */
import { WireError } from './wireError.js';

/** Appends big-endian unsigned integers and raw bytes to a buffer that doubles when full. */
export class ByteWriter {
  private buf: Uint8Array;
  /** The number of bytes written so far. */
  length = 0;

  /** @param initial - the initial capacity in bytes (the buffer grows as needed). */
  constructor(initial = 64) {
    this.buf = new Uint8Array(Math.max(8, initial));
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Writes `x` (an integer in `[0, 2^(8·width))`) as `width` bytes, most significant first. */
  uint(x: number, width: 1 | 2 | 4): void {
    this.room(width);
    const b = this.buf;
    let at = this.length;
    if (width === 4) {
      b[at++] = (x >>> 24) & 0xff;
      b[at++] = (x >>> 16) & 0xff;
    }
    if (width >= 2) b[at++] = (x >>> 8) & 0xff;
    b[at++] = x & 0xff;
    this.length = at;
  }

  /** Appends raw bytes. */
  bytes(src: Uint8Array): void {
    this.room(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }

  /** Reserves `n` zero bytes and returns their offset, for bitmaps filled in afterwards with {@link orAt}. */
  zeros(n: number): number {
    this.room(n);
    const at = this.length;
    this.buf.fill(0, at, at + n);
    this.length += n;
    return at;
  }

  /** ORs `mask` into the byte at `at` (which must have been written already). */
  orAt(at: number, mask: number): void {
    this.buf[at] = this.buf[at]! | mask;
  }

  /** A copy of the bytes written, exactly `length` long. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Reads big-endian unsigned integers from a byte array, failing with a {@link WireError} when input runs out. */
export class ByteReader {
  /** The offset of the next byte to read. */
  offset: number;

  /**
   * @param bytes - the input
   * @param offset - where to start reading
   */
  constructor(
    readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.offset = offset;
  }

  /** The number of bytes not read yet. */
  get left(): number {
    return this.bytes.length - this.offset;
  }

  /** Fails unless at least `n` bytes are left. */
  need(n: number): void {
    if (this.left < n) {
      throw new WireError(`truncated: ${n} more byte${n === 1 ? '' : 's'} needed, ${this.left} left`, this.offset);
    }
  }

  /** Reads a `width`-byte big-endian unsigned integer. */
  uint(width: 1 | 2 | 4): number {
    this.need(width);
    const b = this.bytes;
    let at = this.offset;
    let x = b[at++]!;
    if (width >= 2) x = (x << 8) | b[at++]!;
    if (width === 4) x = ((x << 16) | (b[at++]! << 8) | b[at++]!) >>> 0;
    this.offset = at;
    return x;
  }
}
