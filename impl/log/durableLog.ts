/**
 * An append-only durable log with group commit and crash recovery.
 *
 * A node's durable store is a log of records: a step's durable writes are appended and fsync'd before any
 * message of that step leaves the process (the write-ahead rule), and on start the node replays the log
 * through its recovery handler. {@link DurableLog.open} is that start: it reads every complete record, cuts
 * a torn tail left by a crash (reporting how many bytes it dropped, and why), and returns a log open for
 * appends. The record layout is described in `logFormat.ts`.
 *
 * Durability costs one fsync (here `fdatasync`, which suffices for appends: it also flushes the file
 * size) per {@link DurableLog.append} call, and appends that arrive while an fsync is in flight are
 * committed together by the next one — *group commit*, as in database write-ahead logs (Gray and Reuter,
 * "Transaction Processing", §9.4.7; DeWitt et al. 1984). `stats.fsyncs` counts them, for the benchmark's
 * "fsyncs per transaction" figure.
 *
 * After a failed write or fsync the state of the file is unknown (a later fsync may report success for
 * pages the kernel already dropped), so the log refuses every later append with the original error: the
 * node must crash and recover, which is exactly what the model allows it to do.
 *
 * @example
 * ```ts
 * const { log, recovery } = await DurableLog.open('/var/lib/node0.log');
 * for (const r of recovery.records) state = replay(state, wireDecode(Durable, r));
 * if (recovery.droppedBytes > 0) logger.warn(`log: ${recovery.reason}; dropped ${recovery.droppedBytes} bytes`);
 * await log.append(wireEncode(Durable, rec));   // durable when this resolves
 * await log.close();
 * ```
 *
 * @module
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LOG_HEADER, RECORD_OVERHEAD, frameRecord } from './logFormat.js';
import { DEFAULT_MAX_RECORD_SIZE, LogCorruptError, damageMessage, parseLog } from './readLog.js';

/** Options of {@link DurableLog.open}. */
export interface DurableLogOptions {
  /**
   * The largest payload accepted by `append`; a length field above it found during recovery is damage.
   * @defaultValue 16 MiB
   */
  readonly maxRecordSize?: number;
  /**
   * What recovery does when a bad record is followed by a good one (corruption in place rather than a
   * torn tail): `'throw'` refuses to open the log with a {@link LogCorruptError} and leaves the file as it
   * is; `'truncate'` keeps the records before the bad one and drops everything from it on.
   * @defaultValue 'throw'
   */
  readonly onMidLogCorruption?: 'throw' | 'truncate';
}

/** What {@link DurableLog.open} found in the file. */
export interface Recovery {
  /** The payloads of every complete record, in append order. */
  readonly records: Uint8Array[];
  /** The number of bytes cut from the end of the file (0 if the log was intact). */
  readonly droppedBytes: number;
  /** One line saying why bytes were dropped (`torn record at byte 812: 3 of 40 payload bytes`), or null. */
  readonly reason: string | null;
  /** True if the file did not exist, or held only part of the header (a crash during creation). */
  readonly created: boolean;
}

/** Counters of a log's I/O since it was opened. */
export interface LogStats {
  /** fsync (fdatasync) calls, including those of creation and tail truncation during open. */
  fsyncs: number;
  /** Commits of appended records: one write and one fsync each. */
  commits: number;
  /** Records appended. */
  records: number;
  /** Bytes appended, record frames included. */
  bytes: number;
}

interface Waiter {
  readonly records: readonly Uint8Array[];
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** An open, append-only log file. Create one with {@link DurableLog.open}. */
export class DurableLog {
  /** I/O counters (see {@link LogStats}). */
  readonly stats: LogStats;
  private pending: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private failed: unknown = null;
  private closed = false;

  private constructor(
    /** The path of the log file. */
    readonly path: string,
    private readonly file: FileHandle,
    private end: number,
    private readonly maxRecordSize: number,
    stats: LogStats,
  ) {
    this.stats = stats;
  }

  /**
   * Opens (creating it if absent) the log at `path`, recovers its records and cuts a torn tail.
   * Rejects with {@link LogCorruptError} if the file is not a log, or (by default) is corrupted before its tail.
   */
  static async open(path: string, options: DurableLogOptions = {}): Promise<{ log: DurableLog; recovery: Recovery }> {
    const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
    const stats: LogStats = { fsyncs: 0, commits: 0, records: 0, bytes: 0 };
    // Read-write, created if absent; not O_APPEND, under which Linux ignores the positions we write at.
    const file = await open(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    try {
      // Classified before anything is written: a refusal leaves the file exactly as it was.
      const contents = parseLog(new Uint8Array(await file.readFile()), path, maxRecordSize);
      if (!contents.exists) {
        // Absent, or torn during creation: write the header and make the file's existence durable.
        await file.truncate(0);
        await file.write(LOG_HEADER, 0, LOG_HEADER.length, 0);
        await file.datasync();
        await syncDirectory(dirname(path));
        stats.fsyncs += 2;
        const log = new DurableLog(path, file, LOG_HEADER.length, maxRecordSize, stats);
        return { log, recovery: { records: [], droppedBytes: 0, reason: null, created: true } };
      }
      if (contents.damage && (options.onMidLogCorruption ?? 'throw') === 'throw') throw new LogCorruptError(damageMessage(contents));
      const cut = contents.damage?.offset ?? contents.tail?.offset ?? contents.size;
      const droppedBytes = contents.size - cut;
      if (droppedBytes > 0) {
        await file.truncate(cut);
        await file.datasync();
        stats.fsyncs++;
      }
      const records = contents.records.map((r) => r.payload);
      const reason = contents.damage?.reason ?? contents.tail?.reason ?? null;
      const log = new DurableLog(path, file, cut, maxRecordSize, stats);
      return { log, recovery: { records, droppedBytes, reason, created: false } };
    } catch (e) {
      await file.close();
      throw e;
    }
  }

  /**
   * Appends `records` and resolves once they are on disk (written and fsync'd), in call order. Records of
   * calls made while a commit is in flight share the next commit's single fsync. Throws `RangeError` at
   * once for a record above `maxRecordSize`; rejects with the I/O error if writing fails, and from then
   * on rejects every append (see the module documentation).
   */
  append(...records: Uint8Array[]): Promise<void> {
    if (this.closed) throw new Error(`DurableLog.append: log ${this.path} is closed`);
    for (const r of records) {
      if (r.length > this.maxRecordSize) {
        throw new RangeError(`DurableLog.append: record of ${r.length} bytes exceeds maxRecordSize ${this.maxRecordSize}`);
      }
    }
    if (this.failed !== null) return Promise.reject(this.failed);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** The number of bytes in the file, header included, once every commit so far has completed. */
  get size(): number {
    return this.end;
  }

  /** Commits pending appends, one write and one fsync per batch, until none are left. */
  private async flush(): Promise<void> {
    // Yield once, so that `this.flushing` is assigned this promise before the loop can end and clear it.
    await Promise.resolve();
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      let total = 0;
      let count = 0;
      for (const w of batch) {
        for (const r of w.records) total += RECORD_OVERHEAD + r.length;
        count += w.records.length;
      }
      if (total === 0) {
        // Nothing to write: earlier commits are already durable, so the waiters need no fsync.
        for (const w of batch) this.failed === null ? w.resolve() : w.reject(this.failed);
        continue;
      }
      const buf = new Uint8Array(total);
      let at = 0;
      for (const w of batch) for (const r of w.records) at = frameRecord(r, buf, at);
      try {
        if (this.failed !== null) throw this.failed;
        let written = 0;
        while (written < total) {
          const { bytesWritten } = await this.file.write(buf, written, total - written, this.end + written);
          written += bytesWritten;
        }
        await this.file.datasync();
        this.end += total;
        this.stats.fsyncs++;
        this.stats.commits++;
        this.stats.records += count;
        this.stats.bytes += total;
        for (const w of batch) w.resolve();
      } catch (e) {
        this.failed ??= e;
        for (const w of batch) w.reject(e);
      }
    }
    this.flushing = null;
  }

  /** Waits for pending appends to commit, then closes the file. Appending afterwards throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.file.close();
  }
}

/** fsyncs a directory, so that a file just created in it survives a power failure. */
async function syncDirectory(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
