/**
 * Runs a threads system on real threads: one `worker_threads` worker per process, sharing a
 * `SharedArrayBuffer` accessed with `Atomics` (sequentially consistent), each executing the step functions
 * the checker verified (see `runProcess`). The report gives the section entries, the overlaps
 * observed (two processes where the model says one may be), the shared counter against its expected value,
 * the throughput, the steps whose atomicity is the model's and not the hardware's, and whether the run
 * stalled (every thread blocked: a deadlock, on hardware).
 *
 * The runner knows no checker and no catalogue: it takes a compiled {@link ThreadsModel} whose system names
 * its origin, so each worker can rebuild it.
 *
 * @example
 * ```ts
 * const report = await runThreads(peterson(), { iterations: 100_000 });
 * report.overlaps; // 0
 * ```
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { ThreadsModel } from '../../model/threads/index.js';
import { compiledUrl } from './compiled.js';
import { CTL, STAT, initialiseMemory, memoryPlan } from './process.js';
import type { AtomicityNote, BoundsNote, ProcessOutcome } from './process.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

/** Options of {@link runThreads}. */
export interface RunThreadsOptions {
  /** Section entries per thread. */
  readonly iterations: number;
  /** Stop and report a stall when no thread enters a section for this long. @defaultValue 2000 */
  readonly stallMs?: number;
  /** Stop after this long whatever the progress. @defaultValue no limit */
  readonly timeLimitMs?: number;
  /** Where compiled JavaScript lives when running from TypeScript sources. @defaultValue `dist/` */
  readonly jsRoot?: string;
}

/** Where a stopped process was. */
export interface StoppedAt {
  readonly process: string;
  readonly label: string;
}

/** The outcome of a run. */
export interface ThreadsRunReport {
  readonly system: string;
  readonly threads: number;
  /** Section entries asked of each thread. */
  readonly iterations: number;
  readonly seconds: number;
  /** Section entries made, by all threads. */
  readonly passes: number;
  /** Section entries per second. */
  readonly throughput: number;
  /** Entries that found an incompatible process inside. */
  readonly overlaps: number;
  /** The shared, non-atomically incremented counter, and what it would be without lost updates. */
  readonly counter: number;
  readonly expectedCounter: number;
  /** Why the run was cut short, if it was, and where each process was then. */
  readonly stoppedBy: 'stall' | 'time-limit' | 'error' | null;
  readonly stoppedAt: readonly StoppedAt[];
  readonly errors: readonly string[];
  /** Steps atomic in the model but not on hardware (one entry per program and step). */
  readonly atomicity: readonly AtomicityNote[];
  /** Variables that left the bounds the checker explored. */
  readonly bounds: readonly BoundsNote[];
  readonly processes: readonly ProcessOutcome[];
}

/** Whether a run shows a violation: an overlap, a lost update, or a stall (everyone blocked). */
export function bugObserved(r: ThreadsRunReport): boolean {
  return r.overlaps > 0 || r.counter !== r.expectedCounter || r.stoppedBy === 'stall';
}

/** Runs `model` with one thread per process. Throws `RangeError` if the system cannot run on threads. */
export async function runThreads(model: ThreadsModel, options: RunThreadsOptions): Promise<ThreadsRunReport> {
  const system = model.system;
  const origin = system.origin;
  if (origin === undefined) throw new RangeError(`${system.name}: the system names no origin, so worker threads cannot rebuild it`);
  if (!Number.isInteger(options.iterations) || options.iterations < 1) throw new RangeError(`runThreads: iterations must be a positive integer, got ${options.iterations}`);
  const plan = memoryPlan(system);
  const buffer = new SharedArrayBuffer(plan.words * 4);
  const words = new Int32Array(buffer);
  initialiseMemory(system, plan, words);
  const here = import.meta.url;
  const workerUrl = here.endsWith('.ts') ? compiledUrl(new URL('./worker.ts', here).href, options.jsRoot) : new URL('./worker.js', here).href;
  const moduleUrl = compiledUrl(origin.module, options.jsRoot);
  const n = system.processes.length;
  const errors: string[] = [];
  let ready = 0;
  let started = 0;
  let release: () => void = () => {};
  const allReady = new Promise<void>((resolve) => (release = resolve));
  const settle = (): void => {
    if (ready === n || errors.length > 0) release();
  };
  const results = system.processes.map(({ pid, name }) => {
    const input: WorkerInput = { module: moduleUrl, factory: origin.factory, options: origin.options, pid, iterations: options.iterations, buffer };
    const worker = new Worker(new URL(workerUrl), { workerData: input });
    return new Promise<ProcessOutcome | null>((resolve) => {
      let outcome: ProcessOutcome | null = null;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          ready++;
          settle();
        } else if (m.type === 'done') outcome = m.outcome;
        else {
          errors.push(`${name}: ${m.message}`);
          Atomics.store(words, CTL.STOP, 1);
          settle();
        }
      });
      worker.on('error', (e) => {
        errors.push(`${name}: ${e.name}: ${e.message}`);
        Atomics.store(words, CTL.STOP, 1);
        settle();
      });
      worker.on('exit', () => resolve(outcome));
    });
  });
  await allReady;
  const passesNow = (): number => {
    let p = 0;
    for (let pid = 0; pid < n; pid++) p += Atomics.load(words, plan.stats + pid * STAT.STAT_WORDS + STAT.PASSES);
    return p;
  };
  let stoppedBy: ThreadsRunReport['stoppedBy'] = errors.length > 0 ? 'error' : null;
  started = performance.now();
  Atomics.store(words, CTL.START, 1);
  Atomics.notify(words, CTL.START);
  const stallMs = options.stallMs ?? 2000;
  let last = -1;
  let lastChange = started;
  const watchdog = setInterval(() => {
    const now = performance.now();
    const p = passesNow();
    if (p !== last) {
      last = p;
      lastChange = now;
    }
    if (stoppedBy !== null) return;
    if (errors.length > 0) stoppedBy = 'error';
    else if (now - lastChange > stallMs) stoppedBy = 'stall';
    else if (options.timeLimitMs !== undefined && now - started > options.timeLimitMs) stoppedBy = 'time-limit';
    if (stoppedBy !== null) Atomics.store(words, CTL.STOP, 1);
  }, 50);
  const outcomes = await Promise.all(results);
  clearInterval(watchdog);
  const seconds = (performance.now() - started) / 1000;
  const done = outcomes.filter((o): o is ProcessOutcome => o !== null);
  if (stoppedBy === null && errors.length > 0) stoppedBy = 'error';
  // A process stopped at the very moment everyone finished did finish: only report stops that cut work short.
  if (stoppedBy !== null && stoppedBy !== 'error' && done.every((o) => !o.stopped)) stoppedBy = null;
  const passes = done.reduce((a, o) => a + o.passes, 0);
  const atomicity = new Map<string, AtomicityNote>();
  for (const o of done) for (const a of o.atomicity) if (!atomicity.has(`${a.program}:${a.step}`)) atomicity.set(`${a.program}:${a.step}`, a);
  const bounds = new Map<string, BoundsNote>();
  for (const o of done) {
    for (const b of o.bounds) {
      const prev = bounds.get(b.variable);
      bounds.set(b.variable, prev ? { ...b, observed: [Math.min(prev.observed[0], b.observed[0]), Math.max(prev.observed[1], b.observed[1])] } : b);
    }
  }
  return {
    system: system.name,
    threads: n,
    iterations: options.iterations,
    seconds,
    passes,
    throughput: passes / Math.max(seconds, 1e-9),
    overlaps: Atomics.load(words, CTL.OVERLAPS),
    counter: Atomics.load(words, CTL.COUNTER),
    expectedCounter: done.reduce((a, o) => a + o.exclusivePasses, 0),
    stoppedBy,
    stoppedAt: stoppedBy === null ? [] : done.map((o) => ({ process: system.processes[o.pid]!.name, label: o.label })),
    errors,
    atomicity: [...atomicity.values()],
    bounds: [...bounds.values()],
    processes: done,
  };
}
