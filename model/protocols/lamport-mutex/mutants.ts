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
} satisfies Record<string, Partial<LamportMutexRules>>;

/** The name of a mutant of Lamport's mutex. */
export type LamportMutexVariant = keyof typeof lamportMutexMutants;
