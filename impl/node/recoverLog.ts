/**
 * What a node recovers from its durable log, read without changing the file: its durable state (the last
 * state record), how many state records the log holds, and its last mark (the step and sequence numbers the
 * previous incarnations may have used). Every record is checked before the node decides to start: a record
 * that is not a node record, or whose durable value does not decode with the protocol's schema, refuses the
 * start with one line naming the file, the record and its byte offset — and leaves the file as it was.
 *
 * @example
 * ```ts
 * const r = await recoverLog('run/P1.log', wireCodec(actor.durable), 'P1');
 * r.durable;   // the last persisted record, or null for a log with none
 * ```
 *
 * @module
 */
import { damageMessage, readLog } from '../log/index.js';
import type { LogContents } from '../log/index.js';
import type { WireCodec } from '../wire/index.js';
import { decodeNodeLogRecord } from './logRecords.js';
import type { Mark } from './logRecords.js';

/** What {@link recoverLog} found. */
export interface RecoveredLog {
  /** The last state record, decoded; null if there is none. */
  readonly durable: unknown;
  /** The number of state records. */
  readonly states: number;
  /** The last mark, or null (a new node). */
  readonly mark: Mark | null;
}

/** A log a node must not start from (damaged, of another format, or not its protocol's). */
export class LogRecoveryError extends Error {
  override readonly name = 'LogRecoveryError';
}

/** Reads the log at `path` (absent: empty) and decodes every record with `durable`; see the module documentation. */
export async function recoverLog(path: string, durable: WireCodec<unknown>, node: string): Promise<RecoveredLog> {
  let inspected: LogContents;
  try {
    inspected = await readLog(path);
  } catch (e) {
    throw new LogRecoveryError(`${node}: cannot start: ${(e as Error).message}`);
  }
  if (inspected.damage) throw new LogRecoveryError(`${node}: cannot start: ${damageMessage(inspected)}`);
  let value: unknown = null;
  let states = 0;
  let mark: Mark | null = null;
  inspected.records.forEach((r, i) => {
    const where = `log ${path} record ${i + 1} at byte ${r.offset}`;
    let rec;
    try {
      rec = decodeNodeLogRecord(r.payload);
    } catch (e) {
      throw new LogRecoveryError(`${node}: cannot start: ${where}: ${(e as Error).message}; the log is left as it is`);
    }
    if (rec.kind === 'mark') {
      mark = { inc: rec.inc, stepLimit: rec.stepLimit, seqLimit: rec.seqLimit };
      return;
    }
    states++;
    // Decode every record, not just the last: a log whose middle does not decode is not one to trust.
    try {
      value = durable.decode(rec.body);
    } catch (e) {
      throw new LogRecoveryError(`${node}: cannot start: ${where} is not a durable record of this protocol: ${(e as Error).message}; the log is left as it is`);
    }
  });
  return { durable: states > 0 ? value : null, states, mark };
}
