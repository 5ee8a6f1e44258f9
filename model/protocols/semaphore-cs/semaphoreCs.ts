/**
 * The critical-section problem solved with a semaphore (Dijkstra, "Cooperating sequential processes", 1965;
 * Silberschatz, Galvin and Gagne, "Operating System Concepts", ch. 6): N processes each loop
 *
 * ```
 * ncs:  wait(mutex)      -- entry section
 * cs:   skip             -- critical section
 * exit: signal(mutex)    -- exit section
 * ```
 *
 * with `mutex` initially 1. The semaphore is the layer's primitive, so its `wait` is one atomic
 * test-and-decrement both in the model and on real threads (a compare-and-swap loop there).
 *
 * @example
 * ```ts
 * checkSync(semaphoreCs({ n: 3 })).verdict;                       // 'holds'
 * checkSync(semaphoreCs({ n: 3, mutation: 'init-2' })).verdict;   // 'violated'
 * ```
 *
 * @module
 */
import { mutualExclusion, reachable, threads } from '../../threads/index.js';
import type { ThreadsModel } from '../../threads/index.js';

/** Options of {@link semaphoreCs}. */
export interface SemaphoreCsOptions {
  /** The number of processes, at least 1. */
  readonly n: number;
  /**
   * A mutant: `'init-2'` initialises the semaphore to 2 (two processes get in); `'no-signal'` has a
   * process that leaves without signalling (everyone then blocks: a deadlock). @defaultValue none
   */
  readonly mutation?: 'init-2' | 'no-signal';
}

/** The semaphore-protected critical section as a threads model, with its properties. */
export function semaphoreCs(options: SemaphoreCsOptions): ThreadsModel {
  const { n, mutation } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`semaphoreCs: n must be a positive integer, got ${n}`);
  const initial = mutation === 'init-2' ? 2 : 1;
  return threads({ name: mutation ? `semaphore-cs-${mutation}` : 'semaphore-cs', semaphores: { mutex: { initial } } })
    .process({
      name: 'P',
      count: n,
      labels: ['ncs', 'cs', 'exit'],
      steps: (k) => ({
        ncs: k.wait('mutex', 'cs'),
        cs: k.go('exit'),
        exit: mutation === 'no-signal' ? k.go('ncs', 'forget') : k.signal('mutex', 'ncs'),
      }),
    })
    .build({
      properties: [mutualExclusion('cs'), reachable('cs')],
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'semaphoreCs', options },
    });
}
