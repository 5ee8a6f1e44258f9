/**
 * The seam of Lamport's mutex: the rules where a variant may differ from the paper, with the paper's own.
 * The handlers (`lamportMutex.ts`) call them; a mutant (`mutants.ts`) overrides one.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';
import { Phase } from '../coordination/mutexClient.js';

/** The local state of a process with `n` processes and clocks up to `maxClock + 1`. */
export function lamportMutexLocal(n: number, maxClock: number) {
  const Ts = s.int(0, maxClock + 1);
  return s.record({ phase: Phase, clock: Ts, req: s.array(Ts, n), acks: s.set(s.int(0, n - 1)) });
}

/** The rules where a variant of the protocol may differ from Lamport's; `mutants.ts` overrides them. */
export interface LamportMutexRules {
  /** Rule 5 (ii): every other process has acknowledged the waiting process's request. */
  acknowledged(st: DraftOf<ReturnType<typeof lamportMutexLocal>>, n: number): boolean;
  /** Rule 3: the processes, of the `others`, that a process in state `st` leaving its critical section sends `Release` to. */
  releaseTo(st: DraftOf<ReturnType<typeof lamportMutexLocal>>, others: readonly number[]): readonly number[];
}

/** The rules as Lamport states them: wait for every acknowledgement; release to everyone else. */
export const lamportRules: LamportMutexRules = {
  acknowledged: (st, n) => st.acks.size >= n - 1,
  releaseTo: (_st, others) => others,
};

