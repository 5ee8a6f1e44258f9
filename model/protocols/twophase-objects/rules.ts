/**
 * The seam of TwoPhase in the object tier: the rules where a variant may differ from `TwoPhase.tla`, with
 * the paper's. The model (`twophaseObjects.ts`) picks each rule once, at construction; a mutant
 * (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The rules where a variant of the object-tier TwoPhase may differ from the paper's; `mutants.ts` overrides them. */
export interface TwoPhaseObjectsRules {
  /** TMCommit's guard: the TM, having received `prepared` Prepared messages of `rms` RMs, may decide commit. */
  tmMayCommit(prepared: number, rms: number): boolean;
  /** TMAbort's guard beyond `tmState = "init"`: whether the TM may decide abort on its own (a vote timeout). */
  tmMayAbort(): boolean;
}

/** The rules as `TwoPhase.tla` states them. */
export const twoPhaseObjectsRules: TwoPhaseObjectsRules = {
  // TMCommit: tmState = "init" /\ tmPrepared = RM
  tmMayCommit: (prepared, rms) => prepared === rms,
  // TMAbort: tmState = "init", at any time
  tmMayAbort: () => true,
};
