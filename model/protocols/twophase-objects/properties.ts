/**
 * The properties of the object-tier TwoPhase, the one definition the catalogue's instance and the tests share.
 *
 * @module
 */
import { always, eventually, sometimes } from '../../core/index.js';
import { allDecidedObjects, consistentObjects } from './twophaseObjects.js';
import type { TwoPhaseObjectState } from './twophaseObjects.js';

/**
 * The properties of the object-tier TwoPhase, as in the packed model: TCConsistent, two goals that show it
 * can commit and abort, and termination, `AllDecide == <>(\A r \in RM : rmState[r] \in {"committed",
 * "aborted"})`, under the model's weak fairness per process.
 */
export const twoPhaseObjectProperties = [
  always<TwoPhaseObjectState>('TCConsistent', consistentObjects),
  sometimes<TwoPhaseObjectState>('AllCommitted', (st) => st.rmState.every((x) => x === 'committed')),
  sometimes<TwoPhaseObjectState>('AllAborted', (st) => st.rmState.every((x) => x === 'aborted')),
  eventually<TwoPhaseObjectState>('AllDecide', allDecidedObjects),
];
