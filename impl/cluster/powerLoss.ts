/**
 * A simulated power loss of a node that was just killed: what the operating system had not yet written to
 * the disk is gone. The runtime fsyncs its log before anything of a step leaves the node, and never fsyncs
 * its trace, so a power loss can take
 *
 * - any tail of the trace (here: up to 8 of its last complete lines, never the header, and sometimes the
 *   start of the next one, left torn), and
 * - the log's last append if its fsync had not returned — a torn record at the end (here: a frame header
 *   that announces more bytes than follow).
 *
 * It never removes a complete log record: a complete record may have been fsync'd and acknowledged, and
 * a power loss cannot take what an fsync made durable. The decisions are drawn from `random`, so a soak
 * is reproducible from its seed.
 *
 * @example
 * ```ts
 * simulatePowerLoss(nodeFiles(dir, 'C'), prng(7, 'powerloss:C'));   // { traceLines: 3, tornTrace: true, tornLog: false }
 * ```
 *
 * @module
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** What {@link simulatePowerLoss} took. */
export interface PowerLossDamage {
  /** Complete trace lines removed from the end. */
  readonly traceLines: number;
  /** Whether a torn start of the next line was left at the end of the trace. */
  readonly tornTrace: boolean;
  /** Whether a torn record was left at the end of the log. */
  readonly tornLog: boolean;
}

/** Damages the files of a killed node as a power loss would (see the module documentation). */
export function simulatePowerLoss(files: { readonly log: string; readonly trace: string }, random: () => number): PowerLossDamage {
  let traceLines = 0;
  let tornTrace = false;
  if (existsSync(files.trace)) {
    const text = readFileSync(files.trace, 'utf8');
    const lines = text.split('\n');
    lines.pop(); // the part after the last newline: a line already torn by the kill, or ''
    traceLines = Math.min(lines.length - 1, Math.floor(random() * 9));
    const kept = lines.slice(0, lines.length - traceLines);
    const lost = lines[kept.length];
    tornTrace = lost !== undefined && random() < 0.5;
    const torn = tornTrace ? lost!.slice(0, Math.max(1, Math.floor(random() * lost!.length))) : '';
    writeFileSync(files.trace, `${kept.map((l) => `${l}\n`).join('')}${torn}`);
  }
  const tornLog = existsSync(files.log) && random() < 0.5;
  if (tornLog) {
    const announced = 16 + Math.floor(random() * 48);
    const frame = new Uint8Array(8 + Math.floor(random() * announced));
    new DataView(frame.buffer).setUint32(0, announced);
    for (let i = 4; i < frame.length; i++) frame[i] = Math.floor(random() * 256);
    appendFileSync(files.log, frame);
  }
  return { traceLines, tornTrace, tornLog };
}
