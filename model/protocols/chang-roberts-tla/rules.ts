/**
 * The seam of the ChangRoberts port: its state schema, and the rules where a variant may differ from
 * `ChangRoberts.tla`, with the spec's own. The model (`changRobertsTla.ts`) calls them; a mutant
 * (`mutants.ts`) overrides one.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';

/** The state schema of a ring of `n` nodes. */
export function changRobertsState(n: number) {
  const Node = s.int(1, n);
  return s.record({
    msgs: s.map(Node, s.set(Node)),
    pc: s.map(Node, s.enum(['n0', 'n1', 'Done'])),
    initiator: s.map(Node, s.boolean()),
    state: s.map(Node, s.enum(['cand', 'lost', 'won'])),
  });
}

/** A ChangRoberts state schema. */
export type ChangRobertsState = ReturnType<typeof changRobertsState>;

/** The rules where a variant of the port may differ from `ChangRoberts.tla`; `mutants.ts` overrides them. */
export interface ChangRobertsTlaRules {
  /** A candidate `self` takes a smaller identity (which it then forwards): it records that it lost. */
  seesSmaller(out: DraftOf<ChangRobertsState>, self: number): void;
  /** A candidate `self` takes its own identity back: it has gone round unbeaten, so it wins. */
  seesOwn(out: DraftOf<ChangRobertsState>, self: number): void;
}

/** The rules as `ChangRoberts.tla` states them. */
export const changRobertsTlaRules: ChangRobertsTlaRules = {
  seesSmaller: (out, self) => void out.state.set(self, 'lost'),
  seesOwn: (out, self) => void out.state.set(self, 'won'),
};
