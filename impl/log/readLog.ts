/**
 * Reading a durable log without changing it: what recovery, `interleave log` and `DurableLog.open`
 * all start from.
 *
 * The file is classified before anyone acts on it: intact, intact but for a torn tail (a crash while
 * appending; the next open cuts it), damaged before its tail (refused: bytes the log once acknowledged are
 * gone or changed, and the records after the damage are listed so that an operator can see what is at
 * stake), or not a log of this version at all (refused). Reading never writes, so a node that refuses to
 * start leaves its log exactly as it found it.
 *
 * @example
 * ```ts
 * const log = await readLog('run/P1.log');
 * if (log.damage) console.error(damageMessage(log));
 * for (const r of log.records) console.log(r.offset, r.payload.length);
 * ```
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { LOG_HEADER, LOG_MAGIC, LOG_VERSION, RECORD_OVERHEAD, findIntact, scanRecords } from './logFormat.js';

/** The largest record payload, unless a log is opened with another limit: 16 MiB. */
export const DEFAULT_MAX_RECORD_SIZE = 16 * 1024 * 1024;

/** One intact record and where its frame starts in the file. */
export interface LogRecordAt {
  /** The byte offset of the record's frame (its length field). */
  readonly offset: number;
  /** The payload (a copy: it does not keep the file's buffer alive). */
  readonly payload: Uint8Array;
}

/** What {@link parseLog} and {@link readLog} found. */
export interface LogContents {
  /** The file's path. */
  readonly path: string;
  /** False if the file is absent or holds only part of a header (a crash during creation). */
  readonly exists: boolean;
  /** The file's size in bytes. */
  readonly size: number;
  /** The intact records before any damage or torn tail, in order. */
  readonly records: readonly LogRecordAt[];
  /** A torn last record: where it starts, how many bytes it has, and why it is not a record. */
  readonly tail: { readonly offset: number; readonly bytes: number; readonly reason: string } | null;
  /**
   * Damage before the tail: the first bad record's offset and reason, where the next intact record starts,
   * and every intact record found from there on (the scan resynchronises after further damage).
   */
  readonly damage: { readonly offset: number; readonly reason: string; readonly intactAt: number; readonly after: readonly LogRecordAt[] } | null;
}

/** Raised when a file is not a log this version can read, or (when asked to refuse) is damaged before its tail. */
export class LogCorruptError extends Error {
  override readonly name = 'LogCorruptError';
}

/**
 * Classifies the bytes of the log at `path` (see the module documentation). Throws {@link LogCorruptError}
 * if they do not start with a log header of {@link LOG_VERSION}.
 */
export function parseLog(bytes: Uint8Array, path: string, maxRecordSize = DEFAULT_MAX_RECORD_SIZE): LogContents {
  const head = bytes.subarray(0, Math.min(bytes.length, LOG_MAGIC.length));
  if (!head.every((b, i) => b === LOG_MAGIC[i])) throw new LogCorruptError(`log ${path}: not an interleave log (bad header); the file is left as it is`);
  const empty = { path, size: bytes.length, records: [], tail: null, damage: null };
  if (bytes.length < LOG_HEADER.length) return { ...empty, exists: false };
  const version = bytes[LOG_MAGIC.length]!;
  if (version !== LOG_VERSION) {
    throw new LogCorruptError(
      `log ${path}: format version ${version}, but this interleave reads version ${LOG_VERSION} only${version < LOG_VERSION ? ' (version 1 logs hold untagged records; start that node in a new run folder)' : ''}; the file is left as it is`,
    );
  }
  const scan = scanRecords(bytes, LOG_HEADER.length, maxRecordSize);
  const copy = (r: Uint8Array): LogRecordAt => ({ offset: r.byteOffset - bytes.byteOffset - RECORD_OVERHEAD, payload: r.slice() });
  const records = scan.records.map(copy);
  if (scan.reason === null) return { ...empty, exists: true, records };
  if (scan.intactAt === null) return { ...empty, exists: true, records, tail: { offset: scan.goodEnd, bytes: bytes.length - scan.goodEnd, reason: scan.reason } };
  const after: LogRecordAt[] = [];
  for (let at: number | null = scan.intactAt; at !== null; ) {
    const rest = scanRecords(bytes, at, maxRecordSize);
    after.push(...rest.records.map(copy));
    at = rest.reason === null ? null : findIntact(bytes, rest.goodEnd + 1, maxRecordSize);
  }
  return { ...empty, exists: true, records, damage: { offset: scan.goodEnd, reason: scan.reason, intactAt: scan.intactAt, after } };
}

/** Reads and classifies the log at `path` without changing it; an absent file is an empty log. */
export async function readLog(path: string, maxRecordSize = DEFAULT_MAX_RECORD_SIZE): Promise<LogContents> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, size: 0, records: [], tail: null, damage: null };
    throw e;
  }
  return parseLog(bytes, path, maxRecordSize);
}

/** What is wrong with the first bad record, without the "bad record at byte N: " its offset already says. */
export function damageReason(damage: { readonly reason: string }): string {
  return damage.reason.replace(/^\w+ record at byte \d+: /, '');
}

/** The one-line refusal for a log damaged before its tail. */
export function damageMessage(log: LogContents): string {
  const d = log.damage;
  if (!d) return `log ${log.path}: intact`;
  const why = damageReason(d);
  return `log ${log.path}: damaged at byte ${d.offset} (${why}), followed by intact records from byte ${d.intactAt} (${d.after.length} of them): corruption before the tail, not a torn tail; the file is left as it is`;
}
