/**
 * The invariants of the LamportMutex port, as `LamportMutex.tla` names them; the model checks them.
 *
 * @module
 */
import { always } from '../../core/index.js';
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

/** The invariants `MCLamportMutex.cfg` checks, for `n` processes: `BoundedNetwork` and `Mutex`. */
export function lamportMutexTlaProperties(n: number): Property<ViewOf<LamportMutexState>>[] {
  return [always<ViewOf<LamportMutexState>>('BoundedNetwork', (st) => boundedNetwork(st, n)), always<ViewOf<LamportMutexState>>('Mutex', mutex)];
}
