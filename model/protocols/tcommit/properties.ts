/**
 * The properties of TCommit, the one definition the catalogue's instance and the tests share.
 *
 * @module
 */
import { always, eventually, sometimes } from '../../core/index.js';
import type { ViewOf } from '../../core/index.js';
import { RMState, allDecided, tcConsistent } from './tcommit.js';
import type { TCommitState } from './tcommit.js';

type View = ViewOf<TCommitState>;

/**
 * The properties of TCommit. `TCTypeOK` is TLA+'s type invariant; a packed state cannot hold a value outside
 * its schema, so it is checked on the decoded values, which is where a codec bug would show. `AllDecide`
 * is termination, `<>(\A r \in RM : rmState[r] \in {"committed", "aborted"})`, under the model's weak
 * fairness per RM.
 */
export const tcommitProperties = [
  always<View>('TCTypeOK', (st) => st.rmState.toArray().every((x) => RMState.values.includes(x))),
  always<View>('TCConsistent', tcConsistent),
  sometimes<View>('AllCommitted', (st) => st.rmState.toArray().every((x) => x === 'committed')),
  eventually<View>('AllDecide', allDecided),
];
