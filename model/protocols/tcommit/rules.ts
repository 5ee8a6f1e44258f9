/**
 * The seam of TCommit: the rules where a variant may differ from `TCommit.tla`, with the spec's. The model
 * (`tcommit.ts`) picks each rule once, at construction; a mutant (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The RM states of a TCommit state, as the rules read them: `length` RMs, the state of RM `r` by `get(r)`. */
export interface RMStates {
  /** The number of RMs. */
  readonly length: number;
  /** The state of RM `r`. */
  get(r: number): string;
}

/** The rules where a variant of TCommit may differ from the spec's; `mutants.ts` overrides them. */
export interface TCommitRules {
  /** `canCommit`: a prepared RM may decide commit in a state whose RMs are in `rmState`. */
  canCommit(rmState: RMStates): boolean;
  /** Whether a prepared RM may withdraw its vote (prepared → working): an action the spec does not have. */
  mayWithdraw(): boolean;
}

/** The rules as `TCommit.tla` states them. */
export const tcommitRules: TCommitRules = {
  // canCommit == \A r \in RM : rmState[r] \in {"prepared", "committed"}
  canCommit: (rmState) => {
    for (let r = 0; r < rmState.length; r++) {
      const x = rmState.get(r);
      if (x !== 'prepared' && x !== 'committed') return false;
    }
    return true;
  },
  // TCNext has no such action: a prepared RM stays prepared until it decides
  mayWithdraw: () => false,
};
