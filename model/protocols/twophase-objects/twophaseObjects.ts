/**
 * TwoPhase commit in the object tier: the same state machine as `twoPhase`, written over plain
 * immutable objects with immer recipes, `Set`s included. It must give exactly the same state counts as the
 * packed model for every number of RMs: the two tiers check each other.
 *
 * Liveness (termination: every RM eventually decides) needs fairness, which `TwoPhase.tla` leaves out:
 * without it a behaviour may stop anywhere, say with every RM still working. As in the packed model, each
 * process is weakly fair, `\A p : WF_vars(Next(p))`: one class for the TM's actions (TMCommit, TMAbort,
 * TMRcvPrepared(r)) and one for each RM's four. The TM's class makes it decide (TMAbort is enabled as long
 * as it has not), each RM's makes it prepare or abort and then receive the decision. Weak is enough: once
 * enabled, each of these actions stays enabled until its process moves. A state where every RM has decided
 * is the protocol's legal end (`isLegalEnd`), not a deadlock; that changes no count.
 *
 * @module
 */
import { enableMapSet } from 'immer';
import { defineObjectModel, weakFairness } from '../../core/index.js';
import type { ObjectModel } from '../../core/index.js';
import { variantId } from '../protocol.js';
import { twoPhaseObjectsMutants } from './mutants.js';
import type { TwoPhaseObjectsVariant } from './mutants.js';
import { twoPhaseObjectsRules } from './rules.js';
import type { TwoPhaseObjectsRules } from './rules.js';

export type { TwoPhaseObjectsVariant } from './mutants.js';

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
  /**
   * The variant (a mutant of `mutants.ts`): `'eager-commit'` commits once any RM is prepared; `'no-abort'`:
   * the TM never aborts on its own.
   * @defaultValue null, the correct protocol
   */
  readonly variant?: TwoPhaseObjectsVariant | null;
}

/** No RM committed while another aborted. */
export function consistentObjects(st: TwoPhaseObjectState): boolean {
  return !(st.rmState.includes('committed') && st.rmState.includes('aborted'));
}

/** Every RM has decided: each is committed or aborted. */
export function allDecidedObjects(st: TwoPhaseObjectState): boolean {
  return st.rmState.every((x) => x === 'committed' || x === 'aborted');
}

/** The process an action belongs to, its fairness class: `TM`, or `RM(r)`. */
function processOf(a: TwoPhaseObjectAction): string {
  return 'rm' in a && a.type !== 'TMRcvPrepared' ? `RM(${a.rm})` : 'TM';
}

/** TwoPhase in the object tier, each process weakly fair. */
export function twoPhaseObjects(options: TwoPhaseObjectsOptions): ObjectModel<TwoPhaseObjectState, TwoPhaseObjectAction> {
  const { rms } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(rms) || rms < 1 || rms > 16) throw new RangeError(`twoPhaseObjects: rms must be an integer in [1, 16], got ${rms}`);
  // The variant's rules, chosen once.
  const rules: TwoPhaseObjectsRules = { ...twoPhaseObjectsRules, ...(variant ? twoPhaseObjectsMutants[variant] : {}) };
  const { tmMayCommit, tmMayAbort } = rules;
  const actions: TwoPhaseObjectAction[] = [{ type: 'TMCommit' }, { type: 'TMAbort' }];
  for (let rm = 0; rm < rms; rm++) {
    for (const type of ['TMRcvPrepared', 'RMPrepare', 'RMChooseToAbort', 'RMRcvCommitMsg', 'RMRcvAbortMsg'] as const) actions.push({ type, rm });
  }
  return defineObjectModel<TwoPhaseObjectState, TwoPhaseObjectAction>({
    name: variantId('twophase-objects', variant),
    initialStates: () => [{ rmState: Array(rms).fill('working'), tmState: 'init', tmPrepared: new Set(), msgs: new Set() }],
    actions: () => actions,
    next(d, a) {
      switch (a.type) {
        case 'TMRcvPrepared':
          if (d.tmState !== 'init' || !d.msgs.has(`Prepared(${a.rm})`)) return false;
          d.tmPrepared.add(a.rm);
          return;
        case 'TMCommit':
          if (d.tmState !== 'init' || !tmMayCommit(d.tmPrepared.size, rms)) return false;
          d.tmState = 'committed';
          d.msgs.add('Commit');
          return;
        case 'TMAbort':
          if (d.tmState !== 'init' || !tmMayAbort()) return false;
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
    // \A p \in {TM} \cup RM : WF_vars(Next(p))
    fairness: [weakFairness<TwoPhaseObjectAction>('each process', processOf)],
    isLegalEnd: allDecidedObjects,
    formatAction: (a) => ('rm' in a ? `${a.type}(${a.rm})` : a.type),
  });
}
