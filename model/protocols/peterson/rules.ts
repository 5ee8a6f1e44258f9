/**
 * The seam of Peterson's algorithm: the shared variables, and the rules where a variant may differ from
 * Peterson's, with Peterson's own. The program (`peterson.ts`) uses them; a mutant (`mutants.ts`) overrides
 * them.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';

/** The shared variables: the flags `c` and `turn`. */
export const PetersonShared = s.record({ c: s.array(s.boolean(), 2), turn: s.int(0, 1) });

/** One write of the entry section by process `self`. */
export type PetersonWrite = (shared: DraftOf<typeof PetersonShared>, local: unknown, self: number) => void;

/** `c[self] := TRUE`: the process raises its flag. */
export const raiseFlag: PetersonWrite = (sh, _me, self) => sh.c.set(self, true);

/** `turn := other`: the process gives the turn away. */
export const giveTurn: PetersonWrite = (sh, _me, self) => void (sh.turn = 1 - self);

/** The rules where a variant of the protocol may differ from Peterson's; `mutants.ts` overrides them. */
export interface PetersonRules {
  /** The write of step a1. */
  readonly a1: PetersonWrite;
  /** The write of step a2. */
  readonly a2: PetersonWrite;
  /** Whether the inductive invariant `Inv` of Peterson.tla (which names the order of a1 and a2) is checked. */
  readonly inv: boolean;
  /** The guard of step a3: whether process `self` may enter, given the other's flag and the turn. */
  enter(otherFlag: boolean, turn: number, self: number): boolean;
}

/** The rules as Peterson states them: raise the flag (a1), then give the turn away (a2). */
export const petersonRules: PetersonRules = { a1: raiseFlag, a2: giveTurn, inv: true, enter: (otherFlag, turn, self) => !otherFlag || turn === self };
