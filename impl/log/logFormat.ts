/**
 * The on-disk layout of a durable log, and the scan that recovery runs over it.
 *
 * A log file is an 8-byte header, the ASCII `ILVLOG` then a zero byte and the format version
 * ({@link LOG_VERSION}), followed by records, each framed as
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
 * did not all reach the disk and so fail their checksum. A torn tail is only ever the last thing in the
 * file, so recovery may drop it. Anything else is damage to bytes the log once acknowledged: a bad record
 * (bad checksum, or a length that is absurd or runs past the end) followed *anywhere* later by bytes that
 * check out as a record. The scan tells the two apart by searching forward, byte by byte, from the bad record
 * for an intact one ({@link ScanResult}`.intactAt`); it does not trust the bad record's length to find the
 * next one, because a damaged length is exactly what made a scan that did take 305 intact records for a torn
 * tail. A false alarm needs random bytes to match a CRC-32 over a plausible length (about 2^-32 per offset),
 * and costs a refusal to start, never a lost record.
 *
 * @module
 */
import { crc32 } from './crc32.js';

/**
 * The format version this code reads and writes. Version 2: node records are tagged (state or mark, see
 * `impl/node/logRecords.ts`); version 1 logs held untagged state records and are refused, not misread.
 */
export const LOG_VERSION = 2;

/** The 8 bytes every log file starts with: the magic {@link LOG_MAGIC} and {@link LOG_VERSION}. */
export const LOG_HEADER = Uint8Array.from([0x49, 0x4c, 0x56, 0x4c, 0x4f, 0x47, 0x00, LOG_VERSION]);

/** The first 7 bytes of every log file, whatever its version: `ILVLOG` and a zero byte. */
export const LOG_MAGIC = LOG_HEADER.subarray(0, 7);

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
  /** With `midLog`, the offset of the first intact record after the bad one; otherwise null. */
  readonly intactAt: number | null;
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
    const intactAt = findIntact(b, at + 1, maxRecordSize);
    return { records, goodEnd: at, reason: c.reason, midLog: intactAt !== null, intactAt };
  }
  return { records, goodEnd: at, reason: null, midLog: false, intactAt: null };
}

/** The first offset at or after `from` where an intact record starts, or null. */
export function findIntact(b: Uint8Array, from: number, maxRecordSize: number): number | null {
  for (let p = from; p + RECORD_OVERHEAD <= b.length; p++) {
    // Cheap filter first: most offsets in damaged or random bytes have a length that cannot fit.
    const n = u32(b, p);
    if (n > maxRecordSize || p + RECORD_OVERHEAD + n > b.length) continue;
    if (check(b, p, maxRecordSize).ok) return p;
  }
  return null;
}
