/**
 * Where a node starts an incarnation: recovered from its durable log (the only truth at recovery) and its
 * trace (evidence of where its numbering stood and of what the trace is missing), before anything is
 * written. The log is read whole and checked (`recoverLog.ts`); a log holding fewer state records than the
 * trace saw has lost fsync'd records, and the start is refused with both files as they were. Numbers resume
 * past everything an earlier incarnation may have used: the log's last mark (a durable reservation of clock
 * values and sequence numbers) survives a power loss that the trace's tail may not have. A log holding
 * state records or incarnations the trace does not account for is a gap, which the new incarnation's
 * `recover` step records.
 *
 * @example
 * ```ts
 * const r = await recoverNode({ logPath, tracePath, header, durable: wireCodec(actor.durable), node: 1, nodes: 4, name: 'P1', logger });
 * r.start.inc;     // 0 for a new node, +1 per restart
 * r.start.gap;     // what the trace is missing, if anything
 * ```
 *
 * @module
 */
import { DurableLog } from '../log/index.js';
import type { Logger } from '../transport/index.js';
import type { WireCodec } from '../wire/index.js';
import { TraceWriter } from '../trace/index.js';
import type { TraceGap, TraceHeader, TraceResume } from '../trace/index.js';
import { recoverLog } from './recoverLog.js';
import type { RecoveredLog } from './recoverLog.js';

/** Where an incarnation starts: its durable state, its numbering, and what its trace is missing. */
export interface StartPoint {
  /** The durable record to start from: the log's last state record, or null for a log with none. */
  readonly durable: unknown;
  /** The vector clock before the incarnation's first step (this node's entry past every number used). */
  readonly vc: number[];
  /** The index of the next trace step. */
  readonly steps: number;
  /** The next message sequence number. */
  readonly seq: number;
  /** The number of state records in the log. */
  readonly log: number;
  /** The incarnation: 0 for the first start, +1 per restart. */
  readonly inc: number;
  /** What the log holds that the trace does not account for; null if nothing. */
  readonly gap: TraceGap | null;
}

/** What {@link recoverNode} needs. */
export interface RecoverNodeOptions {
  readonly logPath: string;
  readonly tracePath: string;
  /** The trace header this incarnation writes (a trace of another run is refused). */
  readonly header: TraceHeader;
  /** The codec of the protocol's durable record, which every state record must decode with. */
  readonly durable: WireCodec<unknown>;
  /** This node's id, the number of nodes, and its name (for messages). */
  readonly node: number;
  readonly nodes: number;
  readonly name: string;
  readonly logger: Logger;
}

/** A recovered node: its log and trace, open, and where its incarnation starts. */
export interface RecoveredNode {
  readonly log: DurableLog;
  readonly trace: TraceWriter;
  readonly start: StartPoint;
}

/**
 * Where the incarnation after `recovered` (the log) and `resume` (the trace's last step, null if none)
 * starts, for node `node` of `nodes`. Pure: the arithmetic of resuming, apart from the files.
 */
export function startPoint(recovered: RecoveredLog, resume: TraceResume | null, node: number, nodes: number): StartPoint {
  const mark = recovered.mark;
  const traced = resume?.log ?? 0;
  const inc = Math.max(mark?.inc ?? -1, resume?.inc ?? -1) + 1;
  const clock = Math.max(mark?.stepLimit ?? 0, resume?.vc[node] ?? 0);
  const seq = Math.max(mark?.seqLimit ?? 0, resume ? resume.seq + 1 : 0);
  const gap: TraceGap = { records: recovered.states - traced, incarnations: Math.max(0, (mark?.inc ?? -1) - (resume?.inc ?? -1)) };
  const vc = resume ? [...resume.vc] : new Array<number>(nodes).fill(0);
  vc[node] = clock;
  return { durable: recovered.durable, vc, steps: resume?.steps ?? 0, seq, log: recovered.states, inc, gap: gap.records > 0 || gap.incarnations > 0 ? gap : null };
}

/** Recovers node `o.name` from its log and trace; see the module documentation. */
export async function recoverNode(o: RecoverNodeOptions): Promise<RecoveredNode> {
  const { name, logger } = o;
  const recovered = await recoverLog(o.logPath, o.durable, name);
  const opened = TraceWriter.open(o.tracePath, o.header);
  const { writer, resume } = opened;
  if (opened.cut > 0) logger.warn(`${name}: trace: cut a torn last line of ${opened.cut} bytes`);
  if (opened.damaged) logger.warn(`${name}: trace: line ${opened.damaged.line} is damaged (${opened.damaged.reason}); moved ${opened.damaged.bytes} bytes from there to ${o.tracePath}.damaged`);
  const traced = resume?.log ?? 0;
  if (recovered.states < traced) {
    writer.close();
    throw new Error(`${name}: log ${o.logPath} holds ${recovered.states} state records but the trace's last step saw ${traced}: records that were fsync'd are missing; the log is left as it is`);
  }
  const opening = await DurableLog.open(o.logPath);
  if (opening.recovery.droppedBytes > 0) logger.warn(`${name}: log: ${opening.recovery.reason}; cut ${opening.recovery.droppedBytes} bytes of a torn last record`);
  const start = startPoint(recovered, resume, o.node, o.nodes);
  if (start.gap !== null) {
    logger.warn(
      `${name}: trace: incomplete after step ${(resume?.steps ?? 0) - 1}: the log holds ${start.gap.records} more state record(s) and ${start.gap.incarnations} more incarnation(s) than the trace recorded (recovering from the whole log)`,
    );
  }
  return { log: opening.log, trace: writer, start };
}
