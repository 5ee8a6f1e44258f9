/**
 * The mutants of the object-tier TwoPhase: each overrides one of the rules of {@link TwoPhaseObjectsRules},
 * and the correct model stays as `TwoPhase.tla` writes it.
 *
 * @module
 */
import type { TwoPhaseObjectsRules } from './rules.js';

/** Each mutant's overrides of the object-tier TwoPhase's rules, by variant name. */
export const twoPhaseObjectsMutants = {
  /** As in the packed model: the TM commits as soon as any RM is prepared, instead of all of them. */
  'eager-commit': {
    /** Any Prepared message will do. */
    tmMayCommit: (prepared) => prepared > 0,
  },
  /**
   * As in the packed model: the TM never aborts on its own (a TM without a vote timeout): an RM that chose
   * to abort sends nothing, so the TM waits forever for its Prepared, and the prepared RMs with it. Only
   * `AllDecide` catches it.
   */
  'no-abort': {
    /** Never. */
    tmMayAbort: () => false,
  },
} satisfies Record<string, Partial<TwoPhaseObjectsRules>>;

/** The name of a mutant of the object-tier TwoPhase. */
export type TwoPhaseObjectsVariant = keyof typeof twoPhaseObjectsMutants;
