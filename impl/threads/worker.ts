/**
 * The entry point of a worker thread of the real-thread runner: rebuilds the threads system from its origin
 * (functions cannot cross threads, so the worker imports the protocol module and calls its factory with the
 * same options), waits for the start signal, and runs its one process with {@link runProcess}.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadsModel } from '../../model/threads/index.js';
import { CTL, memoryPlan, runProcess } from './process.js';
import type { ProcessOutcome } from './process.js';

/** What the runner hands a worker. */
export interface WorkerInput {
  /** The JavaScript URL of the module exporting the factory. */
  readonly module: string;
  readonly factory: string;
  readonly options: unknown;
  readonly pid: number;
  readonly iterations: number;
  readonly buffer: SharedArrayBuffer;
}

/** What a worker posts back. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly outcome: ProcessOutcome }
  | { readonly type: 'error'; readonly message: string };

const input = workerData as WorkerInput;
const port = parentPort!;
const words = new Int32Array(input.buffer);
try {
  const mod = (await import(input.module)) as Record<string, (o: unknown) => ThreadsModel>;
  const factory = mod[input.factory];
  if (typeof factory !== 'function') throw new Error(`${input.module} exports no factory '${input.factory}'`);
  const system = factory(input.options).system;
  const plan = memoryPlan(system);
  if (plan.words * 4 !== input.buffer.byteLength) throw new Error(`the rebuilt system ${system.name} does not match the runner's memory layout`);
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
  while (Atomics.load(words, CTL.START) === 0) Atomics.wait(words, CTL.START, 0);
  const outcome = runProcess(system, plan, words, input.pid, { iterations: input.iterations });
  port.postMessage({ type: 'done', outcome } satisfies WorkerMessage);
} catch (e) {
  Atomics.store(words, CTL.STOP, 1);
  port.postMessage({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } satisfies WorkerMessage);
}
