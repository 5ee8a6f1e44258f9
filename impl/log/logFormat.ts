/**
 * The on-disk layout of a durable log, and the scan that recovery runs over it.
 *
 * A log file is an 8-byte header, the ASCII `ILVLOG` then a zero byte and the format version 1, followed by
 * records, each framed as
 *
 * ```
 * u32 length (big-endian) | u32 CRC-32 of (the 4 length bytes + the payload) | payload (length bytes)
 * ```
 *
 * The checksum covers the length too, so a corrupted length is caught instead of making the scan
 * skip to a wrong place. The payload is opaque here; the runtime stores wire-encoded durable records
 * (`impl/wire`), whose own version byte travels inside.
 *
 * A crash (SIGKILL, power loss) while appending leaves a *torn tail*: a record cut short, or one whose bytes
 * did not all reach the disk and so fail their checksum. Recovery keeps every record before the first bad
 * one and drops the rest. One case is told apart: a bad record followed by a record that checks out means
 * that the damage is not at the tail — bytes the log once acknowledged were corrupted in place — and the
 * scan reports it as {@link ScanResult}`.midLog` rather than quietly discarding acknowledged records after it.
 *
 * @module
 */
import { crc32 } from './crc32.js';

/** The 8 bytes every log file starts with. */
export const LOG_HEADER = Uint8Array.from([0x49, 0x4c, 0x56, 0x4c, 0x4f, 0x47, 0x00, 0x01]);

/** The bytes of a record's frame before its payload: the length and the checksum. */
export const RECORD_OVERHEAD = 8;

/** Writes the frame of `payload` into `out` at `at`; returns the offset after it. */
export function frameRecord(payload: Uint8Array, out: Uint8Array, at: number): number {
  const n = payload.length;
  out[at] = n >>> 24;
  out[at + 1] = (n >>> 16) & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = n & 0xff;
  const crc = crc32(payload, crc32(out, 0, at, at + 4));
  out[at + 4] = crc >>> 24;
  out[at + 5] = (crc >>> 16) & 0xff;
  out[at + 6] = (crc >>> 8) & 0xff;
  out[at + 7] = crc & 0xff;
  out.set(payload, at + RECORD_OVERHEAD);
  return at + RECORD_OVERHEAD + n;
}

/** The outcome of {@link scanRecords}. */
export interface ScanResult {
  /** The payloads of the complete, intact records, in order (views into the scanned buffer). */
  readonly records: Uint8Array[];
  /** The offset just after the last good record: where the file should be cut and appends resume. */
  readonly goodEnd: number;
  /** Why the scan stopped before the end of the buffer (one line), or null if every byte was a good record. */
  readonly reason: string | null;
  /** True if a bad record is followed by a good one: corruption in place, not a torn tail. */
  readonly midLog: boolean;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Checks the record at `at`: its end if intact, else a reason and (if its length is plausible) its end. */
function check(b: Uint8Array, at: number, maxRecordSize: number): { ok: true; end: number } | { ok: false; reason: string; end: number | null } {
  const left = b.length - at;
  if (left < RECORD_OVERHEAD) return { ok: false, reason: `torn record at byte ${at}: ${left} of the ${RECORD_OVERHEAD} header bytes`, end: null };
  const n = u32(b, at);
  if (n > maxRecordSize) return { ok: false, reason: `bad record at byte ${at}: length ${n} exceeds the limit ${maxRecordSize}`, end: null };
  const end = at + RECORD_OVERHEAD + n;
  if (end > b.length) return { ok: false, reason: `torn record at byte ${at}: ${b.length - at - RECORD_OVERHEAD} of ${n} payload bytes`, end: null };
  const crc = crc32(b, crc32(b, 0, at, at + 4), at + RECORD_OVERHEAD, end);
  if (crc !== u32(b, at + 4)) return { ok: false, reason: `bad record at byte ${at}: checksum mismatch`, end };
  return { ok: true, end };
}

/**
 * Reads the records of `b` from offset `start` (just after the header) and finds where the good part ends.
 *
 * @param maxRecordSize - a length field above this is treated as damage, not as a huge record
 */
export function scanRecords(b: Uint8Array, start: number, maxRecordSize: number): ScanResult {
  const records: Uint8Array[] = [];
  let at = start;
  while (at < b.length) {
    const c = check(b, at, maxRecordSize);
    if (c.ok) {
      records.push(b.subarray(at + RECORD_OVERHEAD, c.end));
      at = c.end;
      continue;
    }
    const midLog = c.end !== null && c.end < b.length && check(b, c.end, maxRecordSize).ok;
    return { records, goodEnd: at, reason: c.reason, midLog };
  }
  return { records, goodEnd: at, reason: null, midLog: false };
}
