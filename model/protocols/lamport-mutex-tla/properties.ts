/**
 * The properties of the LamportMutex port: the invariants `LamportMutex.tla` names, and starvation freedom,
 * which the TLA+ Examples do not state; the model checks them all.
 *
 * @module
 */
import { always, leadsTo } from '../../core/index.js';
import type { Property, ViewOf } from '../../core/index.js';
import type { LamportMutexState } from './rules.js';

/** Mutex: at most one process in its critical section. */
export function mutex(st: ViewOf<LamportMutexState>): boolean {
  return st.crit.size <= 1;
}

/** BoundedNetwork: no channel holds more than three messages. */
export function boundedNetwork(st: ViewOf<LamportMutexState>, n: number): boolean {
  for (let p = 1; p <= n; p++) for (let q = 1; q <= n; q++) if (st.network.get(p).get(q).length > 3) return false;
  return true;
}

/**
 * The invariants `MCLamportMutex.cfg` checks, for `n` processes, `BoundedNetwork` and `Mutex`, then
 * `starvationFree(p)` for each p: `try(p) ~> crit(p)`, a process that has requested (`req[p][p] # 0`)
 * eventually enters (`p \in crit`).
 */
export function lamportMutexTlaProperties(n: number): Property<ViewOf<LamportMutexState>>[] {
  const starvationFree = Array.from({ length: n }, (_, i) => i + 1).map((p) =>
    leadsTo<ViewOf<LamportMutexState>>(
      `starvationFree(${p})`,
      (st) => st.req.get(p).get(p) !== 0 && !st.crit.has(p),
      (st) => st.crit.has(p),
    ),
  );
  return [always<ViewOf<LamportMutexState>>('BoundedNetwork', (st) => boundedNetwork(st, n)), always<ViewOf<LamportMutexState>>('Mutex', mutex), ...starvationFree];
}
