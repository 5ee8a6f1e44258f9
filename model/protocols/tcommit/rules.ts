/**
 * The seam of TCommit: the rule where a variant may differ from `TCommit.tla`, with the spec's. The model
 * (`tcommit.ts`) picks it once, at construction; a mutant (`mutants.ts`) overrides it.
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
};
