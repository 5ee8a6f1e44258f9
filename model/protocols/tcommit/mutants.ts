/**
 * The mutants of TCommit: each overrides one of the rules of {@link TCommitRules}, and the correct model
 * stays as `TCommit.tla` writes it.
 *
 * @module
 */
import type { TCommitRules } from './rules.js';

/** Each mutant's overrides of TCommit's rules, by variant name. */
export const tcommitMutants = {
  /** An RM commits as soon as it is prepared, whatever the others. */
  'hasty-commit': {
    /** Always, whatever the other RMs' states. */
    canCommit: () => true,
  },
  /**
   * A prepared RM may withdraw its vote and go back to working. No decision becomes inconsistent, but an
   * RM may prepare and withdraw forever and never decide: only `AllDecide` catches it.
   */
  'withdraw-vote': {
    /** Always. */
    mayWithdraw: () => true,
  },
} satisfies Record<string, Partial<TCommitRules>>;

/** The name of a mutant of TCommit. */
export type TCommitVariant = keyof typeof tcommitMutants;
