/**
 * The mutant of Peterson's algorithm: it overrides the rules of {@link PetersonRules}, and the correct
 * program stays as Peterson.tla writes it.
 *
 * @module
 */
import { giveTurn, raiseFlag } from './rules.js';
import type { PetersonRules } from './rules.js';

/** Each mutant's overrides of the rules, by variant name. */
export const petersonMutants = {
  /** A process gives the turn away (a1) before it raises its flag (a2); `Inv`, written for the right order, is not checked. */
  'turn-first': { a1: giveTurn, a2: raiseFlag, inv: false },
  /**
   * A process waits for its turn only, whatever the other's flag (strict alternation): still mutually
   * exclusive, but a process starves while the other stays in its non-critical section.
   */
  'turn-only': {
    /** Enters on its turn only. */
    enter: (_otherFlag, turn, self) => turn === self,
  },
} satisfies Record<string, Partial<PetersonRules>>;

/** The name of a mutant of Peterson's algorithm. */
export type PetersonVariant = keyof typeof petersonMutants;
