/**
 * TwoPhase commit in the object tier: the same state machine as `twoPhase`, written over plain
 * immutable objects with immer recipes, `Set`s included. It must give exactly the same state counts as the
 * packed model for every number of RMs: the two tiers check each other.
 *
 * @module
 */
import { enableMapSet } from 'immer';
import { defineObjectModel } from '../../core/index.js';
import type { ObjectModel } from '../../core/index.js';

enableMapSet();

/** A TwoPhase state as a plain object. */
export interface TwoPhaseObjectState {
  readonly rmState: readonly ('working' | 'prepared' | 'committed' | 'aborted')[];
  readonly tmState: 'init' | 'committed' | 'aborted';
  readonly tmPrepared: ReadonlySet<number>;
  /** Messages ever sent: `Prepared(r)`, `Commit`, `Abort`. */
  readonly msgs: ReadonlySet<string>;
}

/** A TwoPhase action, as in the packed model. */
export type TwoPhaseObjectAction = { readonly type: 'TMCommit' | 'TMAbort' } | { readonly type: 'TMRcvPrepared' | 'RMPrepare' | 'RMChooseToAbort' | 'RMRcvCommitMsg' | 'RMRcvAbortMsg'; readonly rm: number };

/** Options of {@link twoPhaseObjects}. */
export interface TwoPhaseObjectsOptions {
  /** The number of resource managers, at least 1. */
  readonly rms: number;
  /** As in the packed model: `'eager-commit'` commits once any RM is prepared. @defaultValue none */
  readonly mutation?: 'eager-commit';
}

/** No RM committed while another aborted. */
export function consistentObjects(st: TwoPhaseObjectState): boolean {
  return !(st.rmState.includes('committed') && st.rmState.includes('aborted'));
}

/** TwoPhase in the object tier. */
export function twoPhaseObjects(options: TwoPhaseObjectsOptions): ObjectModel<TwoPhaseObjectState, TwoPhaseObjectAction> {
  const { rms, mutation } = options;
  if (!Number.isInteger(rms) || rms < 1 || rms > 16) throw new RangeError(`twoPhaseObjects: rms must be an integer in [1, 16], got ${rms}`);
  const actions: TwoPhaseObjectAction[] = [{ type: 'TMCommit' }, { type: 'TMAbort' }];
  for (let rm = 0; rm < rms; rm++) {
    for (const type of ['TMRcvPrepared', 'RMPrepare', 'RMChooseToAbort', 'RMRcvCommitMsg', 'RMRcvAbortMsg'] as const) actions.push({ type, rm });
  }
  return defineObjectModel<TwoPhaseObjectState, TwoPhaseObjectAction>({
    name: mutation ? `twophase-objects-${mutation}` : 'twophase-objects',
    initialStates: () => [{ rmState: Array(rms).fill('working'), tmState: 'init', tmPrepared: new Set(), msgs: new Set() }],
    actions: () => actions,
    next(d, a) {
      switch (a.type) {
        case 'TMRcvPrepared':
          if (d.tmState !== 'init' || !d.msgs.has(`Prepared(${a.rm})`)) return false;
          d.tmPrepared.add(a.rm);
          return;
        case 'TMCommit':
          if (d.tmState !== 'init' || (mutation === 'eager-commit' ? d.tmPrepared.size === 0 : d.tmPrepared.size !== rms)) return false;
          d.tmState = 'committed';
          d.msgs.add('Commit');
          return;
        case 'TMAbort':
          if (d.tmState !== 'init') return false;
          d.tmState = 'aborted';
          d.msgs.add('Abort');
          return;
        case 'RMPrepare':
          if (d.rmState[a.rm] !== 'working') return false;
          d.rmState[a.rm] = 'prepared';
          d.msgs.add(`Prepared(${a.rm})`);
          return;
        case 'RMChooseToAbort':
          if (d.rmState[a.rm] !== 'working') return false;
          d.rmState[a.rm] = 'aborted';
          return;
        case 'RMRcvCommitMsg':
          if (!d.msgs.has('Commit')) return false;
          d.rmState[a.rm] = 'committed';
          return;
        case 'RMRcvAbortMsg':
          if (!d.msgs.has('Abort')) return false;
          d.rmState[a.rm] = 'aborted';
          return;
      }
    },
    properties: [],
    formatAction: (a) => ('rm' in a ? `${a.type}(${a.rm})` : a.type),
  });
}
