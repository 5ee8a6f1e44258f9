/**
 * The invariants of the ChangRoberts port, as `ChangRoberts.tla` names them; the model checks them.
 *
 * @module
 */
import { always, leadsTo } from '../../core/index.js';
import type { Property, ViewOf } from '../../core/index.js';
import type { ChangRobertsState } from './rules.js';

/** Correctness: a winner is the smallest initiator, and every other node knows it lost. */
export function correctness(st: ViewOf<ChangRobertsState>, n: number): boolean {
  for (let w = 1; w <= n; w++) {
    if (st.state.get(w) !== 'won') continue;
    if (!st.initiator.get(w)) return false;
    for (let m = 1; m <= n; m++) {
      if (m === w) continue;
      if (st.state.get(m) !== 'lost') return false;
      if (st.initiator.get(m) && !(m > w)) return false;
    }
  }
  return true;
}

/** Never two leaders. */
export function atMostOneLeader(st: ViewOf<ChangRobertsState>, n: number): boolean {
  let leaders = 0;
  for (let i = 1; i <= n; i++) if (st.state.get(i) === 'won') leaders++;
  return leaders <= 1;
}

/** Whether some node is in `state`. */
function some(st: ViewOf<ChangRobertsState>, n: number, state: 'cand' | 'won'): boolean {
  for (let i = 1; i <= n; i++) if (st.state.get(i) === state) return true;
  return false;
}

/**
 * The properties `MCChangRoberts.cfg` checks, on a ring of `n` nodes: the invariants `Correctness` and
 * `AtMostOneLeader`, and `Liveness == (\E n : state[n] = "cand") => <>(\E n : state[n] = "won")`, stated as
 * candidates ~> a winner (a candidate remains until someone wins, so the two agree).
 */
export function changRobertsTlaProperties(n: number): Property<ViewOf<ChangRobertsState>>[] {
  return [
    always<ViewOf<ChangRobertsState>>('Correctness', (st) => correctness(st, n)),
    always<ViewOf<ChangRobertsState>>('AtMostOneLeader', (st) => atMostOneLeader(st, n)),
    leadsTo<ViewOf<ChangRobertsState>>('Liveness', (st) => some(st, n, 'cand'), (st) => some(st, n, 'won')),
  ];
}
