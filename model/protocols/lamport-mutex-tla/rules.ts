/**
 * The seam of the LamportMutex port: its state schema, and the rules where a variant may differ from
 * `LamportMutex.tla`, with the spec's own. The model (`lamportMutexTla.ts`) calls them; a mutant
 * (`mutants.ts`) overrides one.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { ViewOf } from '../../core/index.js';

/** The state schema for `n` processes and clocks bounded by `maxClock` (+1, the first clock outside the constraint). */
export function lamportMutexState(n: number, maxClock: number) {
  const Proc = s.int(1, n);
  const Msg = s.record({ type: s.enum(['req', 'ack', 'rel']), clock: s.int(0, maxClock + 1) });
  return s.record({
    clock: s.map(Proc, s.int(1, maxClock + 1)),
    req: s.map(Proc, s.map(Proc, s.int(0, maxClock + 1))),
    ack: s.map(Proc, s.set(Proc)),
    // BoundedNetwork (an invariant of the spec) says no channel holds more than 3 messages: room for a
    // fourth, so that a state breaking it can exist and be reported as a violation, not a capacity error.
    network: s.map(Proc, s.map(Proc, s.seq(Msg, 4))),
    crit: s.set(Proc),
  });
}

/** A LamportMutex state schema. */
export type LamportMutexState = ReturnType<typeof lamportMutexState>;

/** The rules where a variant of the port may differ from `LamportMutex.tla`; `mutants.ts` overrides them. */
export interface LamportMutexTlaRules {
  /** `Enter`'s first conjunct: every process (p included) has acknowledged p's request, `ack[p] = Proc`. */
  acknowledged(st: ViewOf<LamportMutexState>, p: number, n: number): boolean;
  /** Whether `Exit` sends `release` to every other process: it does, `\A r # p : Send(rel, p, r)`. */
  releases(): boolean;
}

/** The rules as `LamportMutex.tla` states them. */
export const lamportMutexTlaRules: LamportMutexTlaRules = {
  acknowledged: (st, p, n) => st.ack.get(p).size === n,
  releases: () => true,
};
