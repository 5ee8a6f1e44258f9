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
 * with `mutex` initially 1. Every process that waits gets in (`starvationFree`), because `wait` blocks on
 * the semaphore and a `signal` wakes a waiter: strong fairness; a busy-waiting semaphore (the mutant
 * `busy-wait`: only weak fairness) lets one process be overtaken forever.
 * The semaphore is the layer's primitive, so its `wait` is one atomic
 * test-and-decrement both in the model and on real threads (a compare-and-swap loop there).
 *
 * @example
 * ```ts
 * checkSync(semaphoreCs({ n: 3 })).verdict;                       // 'holds'
 * checkSync(semaphoreCs({ n: 3, variant: 'init-2' })).verdict;    // 'violated'
 * ```
 *
 * @module
 */
import { mutualExclusion, reachable, starvationFree, threads } from '../../threads/index.js';
import type { ThreadsModel } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { semaphoreCsMutants } from './mutants.js';
import type { SemaphoreCsVariant } from './mutants.js';
import { semaphoreCsRules } from './rules.js';

/** Options of {@link semaphoreCs}. */
export interface SemaphoreCsOptions {
  /** The number of processes, at least 1. */
  readonly n: number;
  /** The variant: a mutant of `mutants.ts`, or null for the correct program. @defaultValue null */
  readonly variant?: SemaphoreCsVariant | null;
}

/** The semaphore-protected critical section as a threads model, with its properties. */
export function semaphoreCs(options: SemaphoreCsOptions): ThreadsModel {
  const { n } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`semaphoreCs: n must be a positive integer, got ${n}`);
  const rules = { ...semaphoreCsRules, ...(variant === null ? {} : semaphoreCsMutants[variant]) };
  return threads({ name: variantId('semaphore-cs', variant), semaphores: { mutex: { initial: rules.initial } } })
    .process({
      name: 'P',
      count: n,
      labels: ['ncs', 'cs', 'exit'],
      steps: (k) => ({
        ncs: k.wait('mutex', 'cs'),
        cs: k.go('exit'),
        exit: rules.exit(k),
      }),
    })
    .build({
      properties: [mutualExclusion('cs'), reachable('cs'), ...starvationFree(n, ['ncs'], 'cs')],
      // A waiting process is woken by a signal: strong fairness, which a blocking semaphore gives.
      fairness: rules.fairness,
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'semaphoreCs', options },
    });
}
