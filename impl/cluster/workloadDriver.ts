/**
 * The client workload of a cluster run, driven from the launcher: it offers the workload's inputs to
 * the nodes, hears their effects, and keeps the operations' timings and outcomes.
 *
 * An input the workload delays (`after`, a client inside its critical section) holds back the inputs to
 * the same node behind it. New operations begin as the concurrency limit allows and, given a pace, no
 * faster than one per `pace` ms, so that the scheduled faults meet a running workload. Each outcome is
 * also appended to `acks.jsonl`, the client's own record of what it was told. The workload hears of each
 * kill and restart (`killed`, `restarted`), as the failure detector a protocol assumes would.
 *
 * @example
 * ```ts
 * const driver = new WorkloadDriver(workload, nodes.length, { acksPath, elapsed, input: (node, x) => send(node, x) });
 * driver.start(0);   // as fast as the concurrency limit allows
 * driver.pump();     // at each turn of the run's loop
 * ```
 *
 * @module
 */
import { appendFileSync } from 'node:fs';
import type { Effect, Reaction, Workload, WorkloadInput } from '../../model/actors/index.js';

/** An operation that finished: its outcome, its latency (ms) and when, in ms since the run began. */
export interface FinishedOperation {
  readonly outcome: string;
  readonly latency: number;
  readonly at: number;
}

/** Options of {@link WorkloadDriver}. */
export interface WorkloadDriverOptions {
  /** Where each outcome is appended (`DIR/acks.jsonl`). */
  readonly acksPath: string;
  /** Milliseconds since the run began. */
  readonly elapsed: () => number;
  /** Hands a client input to a node (now, or when it is back up). */
  readonly input: (node: number, input: unknown) => void;
}

/** Inputs to one node that the client delayed (`after`), and those offered to the node behind them, in order. */
interface Later {
  readonly queue: { readonly x: WorkloadInput; readonly at: number }[];
  timer: NodeJS.Timeout | null;
}

/** The client workload of a run (see the module documentation). */
export class WorkloadDriver {
  /** When each operation began (its first input), by op. */
  readonly begun = new Map<number, number>();
  /** Operations offered, including those whose input waits behind a delayed one (for the pace and the limit). */
  readonly issued = new Set<number>();
  /** The operations that finished, by op. */
  readonly done = new Map<number, FinishedOperation>();
  /** How many messages each node delivered to its application (its `deliver` effects), by node id. */
  readonly deliveries: number[];
  private readonly later: Later[];
  private pace = 0;
  private running = false;

  /**
   * @param workload - the deployment's workload for this run
   * @param nodes - how many nodes the run has
   * @param options - see {@link WorkloadDriverOptions}
   */
  constructor(
    readonly workload: Workload,
    nodes: number,
    private readonly options: WorkloadDriverOptions,
  ) {
    this.later = Array.from({ length: nodes }, () => ({ queue: [], timer: null }));
    this.deliveries = Array<number>(nodes).fill(0);
  }

  /** Starts beginning operations, at most one per `pace` ms (0: as the concurrency limit allows). */
  start(pace: number): void {
    this.pace = pace;
    this.running = true;
  }

  /** Begins no more operations, and drops the delayed inputs. */
  stop(): void {
    this.running = false;
    for (const l of this.later) if (l.timer) clearTimeout(l.timer);
  }

  /** Begins as many operations as the concurrency limit and the pace allow. */
  pump(): void {
    if (!this.running) return;
    const { workload, issued, done, pace } = this;
    const open = issued.size - done.size;
    let allowed = Math.max(0, workload.concurrency - open);
    if (pace > 0) allowed = Math.min(allowed, Math.max(0, Math.floor(this.options.elapsed() / pace) + 1 - issued.size));
    if (allowed > 0) this.offer(workload.start(allowed));
  }

  /** A node's effect, for the client. */
  effect(node: number, effect: Effect): void {
    if (effect.kind === 'deliver') this.deliveries[node]!++;
    this.react(this.workload.react(node, effect));
  }

  /** A client input that a node refused. */
  refused(node: number, input: unknown): void {
    this.react(this.workload.refused(node, input));
  }

  /** Node `node` was killed. */
  killed(node: number): void {
    if (this.workload.killed) this.react(this.workload.killed(node));
  }

  /** Node `node` is being restarted. */
  restarted(node: number): void {
    if (this.workload.restarted) this.react(this.workload.restarted(node));
  }

  /** Hands an input to its node now; a node that is down gets it when it is back, as a client would retry. */
  private deliver(x: WorkloadInput): void {
    if (x.op !== undefined && !this.begun.has(x.op)) this.begun.set(x.op, performance.now());
    this.options.input(x.node, x.input);
  }

  private flushLater(l: Later): void {
    l.timer = null;
    const now = performance.now();
    while (l.queue.length > 0 && l.queue[0]!.at <= now) this.deliver(l.queue.shift()!.x);
    if (l.queue.length > 0) l.timer = setTimeout(() => this.flushLater(l), l.queue[0]!.at - now);
  }

  private offer(inputs: readonly WorkloadInput[]): void {
    for (const x of inputs) {
      if (x.op !== undefined) this.issued.add(x.op);
      const l = this.later[x.node]!;
      const after = x.after ?? 0;
      if (after <= 0 && l.queue.length === 0) {
        this.deliver(x);
        continue;
      }
      // Behind a delayed input, an input to the same node waits its turn: a client's inputs stay in order.
      const at = Math.max(performance.now() + after, l.queue.at(-1)?.at ?? 0);
      l.queue.push({ x, at });
      if (!l.timer) l.timer = setTimeout(() => this.flushLater(l), at - performance.now());
    }
  }

  private react(r: Reaction): void {
    const { begun, done, issued } = this;
    let finished = false;
    for (const op of r.begins ?? []) {
      issued.add(op);
      if (!begun.has(op)) begun.set(op, performance.now());
    }
    for (const c of r.completes ?? []) {
      const at = begun.get(c.op);
      if (at !== undefined && !done.has(c.op)) {
        done.set(c.op, { outcome: c.outcome, latency: performance.now() - at, at: this.options.elapsed() });
        // The client's own record of what it was told, for checkers that trust neither nodes nor traces.
        appendFileSync(this.options.acksPath, `${JSON.stringify({ op: c.op, outcome: c.outcome, t: Math.round(this.options.elapsed()) })}\n`);
        finished = true;
      }
    }
    if (r.inputs && r.inputs.length > 0) this.offer(r.inputs);
    // A finished operation frees a slot: fill it now rather than at the next turn of the loop.
    if (finished) this.pump();
  }
}
