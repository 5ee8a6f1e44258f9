/**
 * The seam of the central-coordinator mutex: the rule where a variant may differ from the course notes'
 * coordinator, with the notes' own. The coordinator (`centralMutex.ts`) calls it; a mutant (`mutants.ts`)
 * overrides it.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';

/** The local state of the coordinator with `n` processes: the grant's holder (0: nobody) and the queue. */
export function coordinatorLocal(n: number) {
  return s.record({ holder: s.int(0, n), queue: s.seq(s.int(1, n), n) });
}

/** The rules where a variant of the coordinator may differ from the notes'; `mutants.ts` overrides them. */
export interface CentralMutexRules {
  /** Whether the coordinator grants a request on its arrival (otherwise it queues it). */
  grantsAtOnce(st: DraftOf<ReturnType<typeof coordinatorLocal>>): boolean;
  /** Which waiting process is granted next, taken off the (non-empty) queue: the first in, as the notes say. */
  next(queue: DraftOf<ReturnType<typeof coordinatorLocal>>['queue']): number;
}

/** The rules as the notes state them: grant only while nobody holds the grant. */
export const centralMutexRules: CentralMutexRules = {
  grantsAtOnce: (st) => st.holder === 0,
  next: (queue) => queue.shift(),
};
