/**
 * The properties of the object-tier TwoPhase, the one definition the catalogue's instance and the tests share.
 *
 * @module
 */
import { always, sometimes } from '../../core/index.js';
import { consistentObjects } from './twophaseObjects.js';
import type { TwoPhaseObjectState } from './twophaseObjects.js';

/** The properties of the object-tier TwoPhase. */
export const twoPhaseObjectProperties = [
  always<TwoPhaseObjectState>('TCConsistent', consistentObjects),
  sometimes<TwoPhaseObjectState>('AllCommitted', (st) => st.rmState.every((x) => x === 'committed')),
  sometimes<TwoPhaseObjectState>('AllAborted', (st) => st.rmState.every((x) => x === 'aborted')),
];
