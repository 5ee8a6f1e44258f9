/**
 * The properties of TwoPhase, the one definition the catalogue's instance and the tests share.
 *
 * @module
 */
import { always, sometimes } from '../../core/index.js';
import type { ViewOf } from '../../core/index.js';
import { consistent } from './twophase.js';
import type { TwoPhaseState } from './twophase.js';

type View = ViewOf<TwoPhaseState>;
const all = (st: View, x: string): boolean => st.rmState.toArray().every((y) => y === x);

/** The properties of the packed TwoPhase. */
export const twoPhaseProperties = [
  always<View>('TCConsistent', consistent),
  sometimes<View>('AllCommitted', (st) => all(st, 'committed')),
  sometimes<View>('AllAborted', (st) => all(st, 'aborted')),
];
