/**
 * The mutants of the central-coordinator mutex: each overrides one of the rules of {@link CentralMutexRules},
 * and the correct coordinator stays as the notes write it.
 *
 * @module
 */
import type { CentralMutexRules } from './rules.js';

/** Each mutant's overrides of the coordinator's rules, by variant name. */
export const centralMutexMutants = {
  /** The coordinator grants every request at once, queueing nobody. */
  'grant-all': {
    /** Every request, whoever holds the grant. */
    grantsAtOnce: () => true,
  },
  /** The coordinator grants the latest request first (a stack): still exclusive, but a process can wait forever. */
  'lifo-queue': {
    /** The last in. */
    next: (queue) => queue.pop(),
  },
} satisfies Record<string, Partial<CentralMutexRules>>;

/** The name of a mutant of the central-coordinator mutex. */
export type CentralMutexVariant = keyof typeof centralMutexMutants;
