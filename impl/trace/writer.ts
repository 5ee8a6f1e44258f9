/**
 * Writing a node's trace, and picking it up again after a crash.
 *
 * Each step is one `write(2)` of one sealed line, made *before* any message of the step leaves the process:
 * after a process crash (SIGKILL) a step whose messages someone received is in its sender's trace (the line
 * is in the kernel's page cache by then). The file is not fsync'd, so a power loss may take any tail of it:
 * the trace is evidence for validation, never the truth about the node's state — that is the durable log,
 * and nothing read here may ever remove or override a log record.
 *
 * {@link TraceWriter.open} therefore repairs what it can and keeps going: it cuts an incomplete last line
 * (a kill inside a `write`), moves a damaged part aside into `PATH.damaged` (kept as evidence, never
 * silently dropped), and says where the node stood — its last step's line number, incarnation, clock,
 * highest send sequence number and log size — so the next incarnation can continue the file. A node that
 * stops cleanly ends the file with a seal ({@link TraceWriter.seal}): the step count and the SHA-256 of
 * every byte before it, so that a sealed trace cut short is told from a node that was killed.
 *
 * @example
 * ```ts
 * const { writer, resume } = TraceWriter.open('run/P1.trace.jsonl', header);
 * writer.append({ n: resume ? resume.steps : 0, ... });
 * writer.seal();     // on a clean stop
 * ```
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { openLine, sealLine } from './format.js';
import type { TraceHeader, TraceStep } from './format.js';

/** Where a node stood at the end of its trace. */
export interface TraceResume {
  /** Steps recorded (the next step's `n`). */
  readonly steps: number;
  /** The last incarnation recorded. */
  readonly inc: number;
  /** The last step's vector clock (its own entry is the node's clock). */
  readonly vc: readonly number[];
  /** The highest send sequence number used, or -1. */
  readonly seq: number;
  /** The log size (state records) recorded by the last step. */
  readonly log: number;
  /** Whether the trace ended with a seal: the node stopped cleanly. */
  readonly sealed: boolean;
}

/** What {@link TraceWriter.open} found and repaired. */
export interface TraceOpened {
  readonly writer: TraceWriter;
  /** Null if the trace records no step yet. */
  readonly resume: TraceResume | null;
  /** Bytes of an incomplete last line that were cut (a step that never took effect). */
  readonly cut: number;
  /** If part of the file was damaged: the first bad line, why, and the bytes moved to `PATH.damaged`. */
  readonly damaged: { readonly line: number; readonly reason: string; readonly bytes: number } | null;
}

const isStep = (v: Record<string, unknown>): boolean =>
  Number.isSafeInteger(v['n']) && Number.isSafeInteger(v['inc']) && Number.isSafeInteger(v['log']) && Array.isArray(v['vc']) && Array.isArray(v['effects']);

/** An open trace file. */
export class TraceWriter {
  private constructor(
    private fd: number | null,
    /** The path of the trace file. */
    readonly path: string,
    private readonly hash: Hash,
    private steps: number,
  ) {}

  /**
   * Opens the trace at `path`, creating it with `header` if absent, empty, or with a damaged header. An
   * existing trace is resumed: a torn last line is cut, a damaged part is moved to `PATH.damaged`, and
   * `resume` says where the node stood. Throws only if the header is intact but of another protocol, node
   * or parameters (a misconfiguration: the folder belongs to another run).
   */
  static open(path: string, header: TraceHeader): TraceOpened {
    const fresh = (cut: number, damaged: TraceOpened['damaged']): TraceOpened => {
      const fd = openSync(path, 'w');
      const line = sealLine(header);
      writeSync(fd, line);
      const hash = createHash('sha256').update(line);
      return { writer: new TraceWriter(fd, path, hash, 0), resume: null, cut, damaged };
    };
    if (!existsSync(path)) return fresh(0, null);
    const text = readFileSync(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    const cut = Buffer.byteLength(text.slice(end));
    const lines = text.slice(0, end).split('\n').slice(0, -1);
    const setAside = (from: number, reason: string) => {
      const rest = lines.slice(from).map((l) => `${l}\n`).join('');
      appendFileSync(`${path}.damaged`, rest);
      return { line: from + 1, reason, bytes: Buffer.byteLength(rest) };
    };
    if (lines.length === 0) return fresh(cut, null);
    let h: Record<string, unknown>;
    try {
      h = openLine(lines[0]!);
    } catch (e) {
      return fresh(cut, setAside(0, `the header is damaged: ${(e as Error).message}`));
    }
    if (h['protocol'] !== header.protocol || h['node'] !== header.node || JSON.stringify(h['params']) !== JSON.stringify(header.params)) {
      throw new Error(`trace ${path} belongs to another run (${String(h['protocol']).slice(0, 60)}, node ${String(h['node']).slice(0, 20)}); use a fresh directory`);
    }
    let seq = -1;
    let last: TraceStep | null = null;
    let sealed = false;
    let steps = 0;
    let damaged: TraceOpened['damaged'] = null;
    let keep = lines.length;
    for (let i = 1; i < lines.length; i++) {
      let v: Record<string, unknown>;
      try {
        v = openLine(lines[i]!);
        if (v['kind'] !== 'seal' && !isStep(v)) throw new Error('not a step');
      } catch (e) {
        damaged = setAside(i, (e as Error).message);
        keep = i;
        break;
      }
      if (v['kind'] === 'seal') {
        sealed = true;
        continue;
      }
      sealed = false;
      steps++;
      const st = v as unknown as TraceStep;
      last = st;
      for (const e of st.effects) if (e.kind === 'send' && e.seq > seq) seq = e.seq;
    }
    const kept = lines.slice(0, keep).map((l) => `${l}\n`).join('');
    if (cut > 0 || damaged) truncateSync(path, Buffer.byteLength(kept));
    const hash = createHash('sha256').update(kept);
    const writer = new TraceWriter(openSync(path, 'a'), path, hash, steps);
    if (last === null) return { writer, resume: null, cut, damaged };
    return { writer, resume: { steps, inc: last.inc, vc: last.vc, seq, log: last.log, sealed }, cut, damaged };
  }

  /** Records `step` (one `write` of one line). */
  append(step: TraceStep): void {
    this.write(sealLine(step));
    this.steps++;
  }

  /** Ends the file with a seal (see the module documentation); call once, on a clean stop, before {@link close}. */
  seal(): void {
    const digest = this.hash.copy().digest('hex');
    this.write(sealLine({ kind: 'seal', steps: this.steps, digest }));
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private write(line: string): void {
    if (this.fd === null) throw new Error(`TraceWriter: trace ${this.path} is closed`);
    writeSync(this.fd, line);
    this.hash.update(line);
  }
}
