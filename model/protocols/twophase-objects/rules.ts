/**
 * The seam of TwoPhase in the object tier: the rule where a variant may differ from `TwoPhase.tla`, with
 * the paper's. The model (`twophaseObjects.ts`) picks it once, at construction; a mutant (`mutants.ts`)
 * overrides it.
 *
 * @module
 */

/** The rules where a variant of the object-tier TwoPhase may differ from the paper's; `mutants.ts` overrides them. */
export interface TwoPhaseObjectsRules {
  /** TMCommit's guard: the TM, having received `prepared` Prepared messages of `rms` RMs, may decide commit. */
  tmMayCommit(prepared: number, rms: number): boolean;
}

/** The rules as `TwoPhase.tla` states them. */
export const twoPhaseObjectsRules: TwoPhaseObjectsRules = {
  // TMCommit: tmState = "init" /\ tmPrepared = RM
  tmMayCommit: (prepared, rms) => prepared === rms,
};
