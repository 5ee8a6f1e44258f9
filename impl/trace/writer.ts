/**
 * Writing a node's trace, and picking it up again after a crash.
 *
 * Each step is one `write(2)` of one sealed line, made *before* any message of the step leaves the process:
 * a step whose messages someone received is always in its sender's trace, even if the sender is killed
 * with SIGKILL a moment later (the line is in the kernel's page cache by then). The file is not fsync'd —
 * the trace is for validation, and it survives process crashes, not power failures; the durable log is
 * what survives both.
 *
 * A kill can still land inside that `write`. {@link TraceWriter.open} therefore cuts an incomplete last
 * line (a step none of whose messages left), and returns where the node stood: its step count, incarnation,
 * vector clock, the last send sequence number and log size, so that the next incarnation continues them.
 *
 * @example
 * ```ts
 * const { writer, resume } = TraceWriter.open('run/P1.trace.jsonl', header);
 * writer.append({ n: resume ? resume.steps : 0, ... });
 * ```
 *
 * @module
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { openLine, sealLine } from './format.js';
import type { TraceHeader, TraceStep } from './format.js';

/** Where a node stood at the end of its trace. */
export interface TraceResume {
  /** Steps recorded (the next step's `n`). */
  readonly steps: number;
  /** The last incarnation recorded. */
  readonly inc: number;
  readonly vc: readonly number[];
  /** The highest send sequence number used, or -1. */
  readonly seq: number;
  /** The log size recorded by the last step. */
  readonly log: number;
}

/** An open trace file. */
export class TraceWriter {
  private constructor(
    private fd: number | null,
    /** The path of the trace file. */
    readonly path: string,
  ) {}

  /**
   * Opens the trace at `path`, creating it with `header` if absent. An existing trace is resumed: a torn
   * last line is cut, and `resume` says where the node stood (null if it recorded no step yet).
   * Throws if the existing header is of another protocol or node.
   */
  static open(path: string, header: TraceHeader): { writer: TraceWriter; resume: TraceResume | null; cut: number } {
    const fresh = (cut: number) => {
      const fd = openSync(path, 'w');
      writeSync(fd, sealLine(header));
      return { writer: new TraceWriter(fd, path), resume: null, cut };
    };
    if (!existsSync(path)) return fresh(0);
    const text = readFileSync(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    const cut = Buffer.byteLength(text.slice(end));
    const lines = text.slice(0, end).split('\n').slice(0, -1);
    if (lines.length === 0) return fresh(cut);
    const h = openLine(lines[0]!);
    if (h['protocol'] !== header.protocol || h['node'] !== header.node || JSON.stringify(h['params']) !== JSON.stringify(header.params)) {
      throw new Error(`trace ${path} belongs to another run (${String(h['protocol'])}, node ${String(h['node'])}); use a fresh directory`);
    }
    let seq = -1;
    let last: TraceStep | null = null;
    for (let i = 1; i < lines.length; i++) {
      const st = openLine(lines[i]!) as unknown as TraceStep;
      last = st;
      for (const e of st.effects) if (e.kind === 'send' && e.seq > seq) seq = e.seq;
    }
    if (cut > 0) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
    const writer = new TraceWriter(openSync(path, 'a'), path);
    if (last === null) return { writer, resume: null, cut };
    return { writer, resume: { steps: last.n + 1, inc: last.inc, vc: last.vc, seq, log: last.log }, cut };
  }

  /** Records `step` (one `write` of one line). */
  append(step: TraceStep): void {
    if (this.fd === null) throw new Error(`TraceWriter.append: trace ${this.path} is closed`);
    writeSync(this.fd, sealLine(step));
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
