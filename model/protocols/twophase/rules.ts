/**
 * The seam of TwoPhase: the rules where a variant may differ from Gray and Lamport's `TwoPhase.tla`, with
 * theirs. The model (`twophase.ts`) picks each rule once, at construction; a mutant (`mutants.ts`)
 * overrides one.
 *
 * @module
 */

/** The rules where a variant of TwoPhase may differ from the paper's; `mutants.ts` overrides them. */
export interface TwoPhaseRules {
  /** TMCommit's guard: the TM, having received `prepared` Prepared messages of `rms` RMs, may decide commit. */
  tmMayCommit(prepared: number, rms: number): boolean;
  /** TMAbort's guard beyond `tmState = "init"`: whether the TM may decide abort on its own (a vote timeout). */
  tmMayAbort(): boolean;
  /** TMCommit's message: the TM, having decided commit, sends Commit (sets `msgs.commit`). */
  tmSendCommit(msgs: { commit: boolean }): void;
}

/** The rules as `TwoPhase.tla` states them. */
export const twoPhaseRules: TwoPhaseRules = {
  // TMCommit: tmState = "init" /\ tmPrepared = RM
  tmMayCommit: (prepared, rms) => prepared === rms,
  // TMAbort: tmState = "init", at any time
  tmMayAbort: () => true,
  // msgs' = msgs \cup {[type |-> "Commit"]}
  tmSendCommit: (msgs) => {
    msgs.commit = true;
  },
};
