/**
 * The mutants of the semaphore-protected critical section: each overrides one of the rules of
 * {@link SemaphoreCsRules}, and the correct program stays as Dijkstra writes it.
 *
 * @module
 */
import type { SemaphoreCsRules } from './rules.js';

/** Each mutant's overrides of the rules, by variant name. */
export const semaphoreCsMutants = {
  /** The semaphore starts at 2: two processes get in. */
  'init-2': { initial: 2 },
  /** A process leaves without signalling: everyone then blocks, a deadlock. */
  'no-signal': {
    /** The exit section forgets `signal(mutex)`. */
    exit: (k) => k.go('ncs', 'forget'),
  },
  /** Busy waiting: a process spins on the semaphore, served only when it happens to find it free. */
  'busy-wait': { fairness: 'weak' },
} satisfies Record<string, Partial<SemaphoreCsRules>>;

/** The name of a mutant of the semaphore-protected critical section. */
export type SemaphoreCsVariant = keyof typeof semaphoreCsMutants;
