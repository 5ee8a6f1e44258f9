/**
 * The properties of TwoPhase, the one definition the catalogue's instance and the tests share.
 *
 * @module
 */
import { always, eventually, sometimes } from '../../core/index.js';
import type { ViewOf } from '../../core/index.js';
import { allDecided, consistent } from './twophase.js';
import type { TwoPhaseState } from './twophase.js';

type View = ViewOf<TwoPhaseState>;
const all = (st: View, x: string): boolean => st.rmState.toArray().every((y) => y === x);

/**
 * The properties of the packed TwoPhase: TCConsistent, two goals that show it can commit and abort, and
 * termination, `AllDecide == <>(\A r \in RM : rmState[r] \in {"committed", "aborted"})`, under the
 * model's weak fairness per process.
 */
export const twoPhaseProperties = [
  always<View>('TCConsistent', consistent),
  sometimes<View>('AllCommitted', (st) => all(st, 'committed')),
  sometimes<View>('AllAborted', (st) => all(st, 'aborted')),
  eventually<View>('AllDecide', allDecided),
];
