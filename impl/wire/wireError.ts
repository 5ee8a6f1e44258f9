/**
 * The one error the wire decoder throws for malformed input.
 *
 * Bytes arriving from a socket or read back from a disk are untrusted: a decoder must reject every byte
 * string that is not the encoding of a value, and say why in one line that an operator can read in a log
 * (`wire: enum index 9 out of range (4 values) at byte 3 in rm[2]`). Anything else thrown by the decoder
 * would be a bug, which is what the property tests check.
 *
 * @module
 */

/**
 * Malformed wire input. `reason` says what was wrong, `offset` is the byte where decoding stopped (0 is the
 * version byte) and `path` locates the part of the value being read (`rm[2]`, `msgs.commit`; empty at the top).
 * The message is one line: `wire: <reason> at byte <offset>[ in <path>]`.
 */
export class WireError extends Error {
  override readonly name = 'WireError';
  constructor(
    /** What was wrong, e.g. `truncated: 2 more bytes needed, 1 left`. */
    readonly reason: string,
    /** The byte offset at which the problem was found. */
    readonly offset: number,
    /** The path of the value being decoded, in the notation of `SchemaError`. */
    readonly path: string = '',
  ) {
    super(`wire: ${reason} at byte ${offset}${path ? ` in ${path}` : ''}`);
  }

  /** The same error one level further out: `inner` is prefixed by the segment of the enclosing composite. */
  within(segment: string): WireError {
    const path = this.path === '' ? segment : this.path.startsWith('[') ? segment + this.path : `${segment}.${this.path}`;
    return new WireError(this.reason, this.offset, path);
  }
}
