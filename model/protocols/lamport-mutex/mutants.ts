/**
 * The mutants of Lamport's mutex: each overrides one of the rules of {@link LamportMutexRules}, and the correct
 * handlers stay as the paper writes them.
 *
 * @module
 */
import type { LamportMutexRules } from './rules.js';

/** Each mutant's overrides of Lamport's rules, by variant name. */
export const lamportMutexMutants = {
  /** A process enters once its request is the earliest it knows of, without waiting for acknowledgements. */
  'no-acks': {
    /** Every process counts as having acknowledged. */
    acknowledged: () => true,
  },
  /**
   * A process leaving its critical section sends `Release` only to the processes whose request it has
   * queued (an "optimisation"): still mutually exclusive, but a process idle at that time keeps the
   * released request in its queue, and once it requests, it waits until the releaser requests again.
   */
  'release-to-waiting': {
    /** `Release` goes only to the others with a pending request in the leaver's queue. */
    releaseTo: (st, others) => others.filter((q) => st.req.get(q) !== 0),
  },
} satisfies Record<string, Partial<LamportMutexRules>>;

/** The name of a mutant of Lamport's mutex. */
export type LamportMutexVariant = keyof typeof lamportMutexMutants;
