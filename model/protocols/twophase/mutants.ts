/**
 * The mutants of TwoPhase: each overrides one of the rules of {@link TwoPhaseRules}, and the correct model
 * stays as `TwoPhase.tla` writes it.
 *
 * @module
 */
import type { TwoPhaseRules } from './rules.js';

/** Each mutant's overrides of TwoPhase's rules, by variant name. */
export const twoPhaseMutants = {
  /** The TM commits as soon as any RM is prepared, instead of all of them. */
  'eager-commit': {
    /** Any Prepared message will do. */
    tmMayCommit: (prepared) => prepared > 0,
  },
  /** The TM decides commit but never sends the Commit message. */
  'lost-commit': {
    /** Sends nothing. */
    tmSendCommit: () => {},
  },
  /**
   * The TM never aborts on its own (a TM without a vote timeout): an RM that chose to abort sends nothing,
   * so the TM waits forever for its Prepared, and the prepared RMs with it. Only `AllDecide` catches it.
   */
  'no-abort': {
    /** Never. */
    tmMayAbort: () => false,
  },
} satisfies Record<string, Partial<TwoPhaseRules>>;

/** The name of a mutant of TwoPhase. */
export type TwoPhaseVariant = keyof typeof twoPhaseMutants;
