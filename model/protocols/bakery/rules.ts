/**
 * The seam of the bakery: the shared variables, and the steps where a variant may differ from Lamport's,
 * with Lamport's own. The program (`bakery.ts`) uses them; a mutant (`mutants.ts`) overrides them.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';
import type { StepDef } from '../../threads/index.js';

/** The shared variables of the bakery for `n` processes and tickets up to `bound` (plus one, cut by the constraint). */
export function bakeryShared(n: number, bound: number) {
  return s.record({ choosing: s.array(s.boolean(), n), number: s.array(s.int(0, bound + 1), n) });
}

/** The local variables of a process the choosing steps read: `j`, the process it waits for. */
export interface BakeryLocal {
  readonly j: number;
  /** The process's own ticket, as it last chose it (0: none). */
  my: number;
}

/** The shared variables as a step sees them. */
export type BakeryDraft = DraftOf<ReturnType<typeof bakeryShared>>;

/** The labels of a bakery process. */
export type BakeryLabel = 'ncs' | 'max' | 'ticket' | 'unchoose' | 'wait1' | 'wait2' | 'cs' | 'exit';

/** The step constructors the choosing steps may use. */
export interface BakeryKit {
  /** An unconditional move. */
  go(to: BakeryLabel): StepDef;
  /** An assignment, then a move. */
  do(effect: (shared: BakeryDraft, local: BakeryLocal, self: number) => void, to: BakeryLabel): StepDef;
  /** Blocked until `guard` holds, then a move. */
  await(guard: (shared: BakeryDraft, local: BakeryLocal, self: number) => boolean, to: BakeryLabel): StepDef;
}

/** The steps where a variant of the protocol may differ from Lamport's; `mutants.ts` overrides them. */
export interface BakeryRules {
  /** Label `ncs`, on to `max`: `choosing[i] := true`. */
  ncs(k: BakeryKit): StepDef;
  /** Label `unchoose`, on to `wait1`: `choosing[i] := false`. */
  unchoose(k: BakeryKit): StepDef;
  /** Label `wait1`, on to `wait2`: `await not choosing[j]`. */
  wait1(k: BakeryKit): StepDef;
  /** Label `exit`, back to `ncs`: `number[i] := 0` (the process gives its ticket back). */
  exit(k: BakeryKit): StepDef;
}

/** The steps as Lamport writes them, with the `choosing` flag. */
export const bakeryRules: BakeryRules = {
  ncs: (k) => k.do((sh, _me, self) => sh.choosing.set(self, true), 'max'),
  unchoose: (k) => k.do((sh, _me, self) => sh.choosing.set(self, false), 'wait1'),
  wait1: (k) => k.await((sh, me) => !sh.choosing.get(me.j), 'wait2'),
  exit: (k) =>
    k.do((sh, me, self) => {
      sh.number.set(self, 0);
      me.my = 0;
    }, 'ncs'),
};
