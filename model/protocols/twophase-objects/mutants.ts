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
} satisfies Record<string, Partial<TwoPhaseObjectsRules>>;

/** The name of a mutant of the object-tier TwoPhase. */
export type TwoPhaseObjectsVariant = keyof typeof twoPhaseObjectsMutants;
