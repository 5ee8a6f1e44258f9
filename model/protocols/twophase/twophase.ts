/**
 * TwoPhase commit, after Gray and Lamport, "Consensus on Transaction Commit" (ACM TODS 31(1), 2006), and
 * the TLA+ specification `TwoPhase.tla` of the TLA+ Examples. One transaction manager (TM) and N resource
 * managers (RMs); messages are modelled as the set of all messages ever sent, which only grows, so
 * loss, duplication and reordering are all covered by "a message may be received any number of times".
 *
 * Every action is atomic and corresponds to one TLA+ action instance, so the state counts match TLC's:
 * with 3 RMs, 288 distinct states, 1,146 generated, depth 11 (in general 6^N + 4^N + 2^N distinct).
 *
 * Liveness (termination: every RM eventually decides) needs fairness, which `TwoPhase.tla` leaves out:
 * without it a behaviour may stop anywhere, say with every RM still working. The model assumes weak
 * fairness per process, `\A p : WF_vars(Next(p))`: one class for the TM's actions (TMCommit, TMAbort,
 * TMRcvPrepared(r)) and one for each RM's four. The TM's class makes it decide (TMAbort is enabled as long
 * as it has not), each RM's makes it prepare or abort and then receive the decision. Weak is enough: once
 * enabled, each of these actions stays enabled until its process moves. A state where every RM has decided
 * is the protocol's legal end (`isLegalEnd`), not a deadlock; that changes no count.
 *
 * @module
 */
import { defineModel, s, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';
import { variantId } from '../protocol.js';
import { twoPhaseMutants } from './mutants.js';
import type { TwoPhaseVariant } from './mutants.js';
import { twoPhaseRules } from './rules.js';
import type { TwoPhaseRules } from './rules.js';

export type { TwoPhaseVariant } from './mutants.js';

/** The state of a resource manager. */
export const RMState = s.enum(['working', 'prepared', 'committed', 'aborted']);

/** The state schema of TwoPhase with `rms` resource managers. */
export function twoPhaseState(rms: number) {
  const RM = s.int(0, rms - 1);
  return s.record({
    rmState: s.array(RMState, rms),
    tmState: s.enum(['init', 'committed', 'aborted']),
    tmPrepared: s.set(RM),
    msgs: s.record({ prepared: s.set(RM), commit: s.boolean(), abort: s.boolean() }),
  });
}

/** A TwoPhase state schema. */
export type TwoPhaseState = ReturnType<typeof twoPhaseState>;

/** A TwoPhase action: one TLA+ action instance. */
export type TwoPhaseAction =
  | { readonly type: 'TMCommit' }
  | { readonly type: 'TMAbort' }
  | { readonly type: 'TMRcvPrepared'; readonly rm: number }
  | { readonly type: 'RMPrepare'; readonly rm: number }
  | { readonly type: 'RMChooseToAbort'; readonly rm: number }
  | { readonly type: 'RMRcvCommitMsg'; readonly rm: number }
  | { readonly type: 'RMRcvAbortMsg'; readonly rm: number };

/** Options of {@link twoPhase}. */
export interface TwoPhaseOptions {
  /** The number of resource managers, 1 to 16. */
  readonly rms: number;
  /**
   * The variant (a mutant of `mutants.ts`): `'eager-commit'` lets the TM commit as soon as any RM is
   * prepared, instead of all; `'lost-commit'`: the TM decides commit but never sends the Commit message;
   * `'no-abort'`: the TM never aborts on its own.
   * @defaultValue null, the correct protocol
   */
  readonly variant?: TwoPhaseVariant | null;
}

/** TCConsistent: no RM has committed while another has aborted. */
export function consistent(st: ViewOf<TwoPhaseState>): boolean {
  let committed = false;
  let aborted = false;
  for (let r = 0; r < st.rmState.length; r++) {
    const x = st.rmState.get(r);
    if (x === 'committed') committed = true;
    else if (x === 'aborted') aborted = true;
  }
  return !(committed && aborted);
}

/** Every RM has decided: each is committed or aborted. */
export function allDecided(st: ViewOf<TwoPhaseState>): boolean {
  for (let r = 0; r < st.rmState.length; r++) {
    const x = st.rmState.get(r);
    if (x !== 'committed' && x !== 'aborted') return false;
  }
  return true;
}

/** The process an action belongs to, its fairness class: `TM`, or `RM(r)`. */
function processOf(a: TwoPhaseAction): string {
  return a.type === 'TMCommit' || a.type === 'TMAbort' || a.type === 'TMRcvPrepared' ? 'TM' : `RM(${a.rm})`;
}

/** The TwoPhase model with `rms` resource managers, each process weakly fair. */
export function twoPhase(options: TwoPhaseOptions): Model<TwoPhaseState, TwoPhaseAction> {
  const { rms } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(rms) || rms < 1 || rms > 16) throw new RangeError(`twoPhase: rms must be an integer in [1, 16], got ${rms}`);
  const state = twoPhaseState(rms);
  // The variant's rules, chosen once: the hot loop calls plain functions.
  const rules: TwoPhaseRules = { ...twoPhaseRules, ...(variant ? twoPhaseMutants[variant] : {}) };
  const { tmMayCommit, tmSendCommit, tmMayAbort } = rules;
  const actions: TwoPhaseAction[] = [{ type: 'TMCommit' }, { type: 'TMAbort' }];
  for (let rm = 0; rm < rms; rm++) {
    actions.push(
      { type: 'TMRcvPrepared', rm },
      { type: 'RMPrepare', rm },
      { type: 'RMChooseToAbort', rm },
      { type: 'RMRcvCommitMsg', rm },
      { type: 'RMRcvAbortMsg', rm },
    );
  }
  return defineModel({
    name: variantId('twophase', variant),
    state,
    initialStates: () => [
      {
        rmState: Array<'working'>(rms).fill('working'),
        tmState: 'init',
        tmPrepared: [],
        msgs: { prepared: [], commit: false, abort: false },
      },
    ],
    actions: () => actions,
    next(st, a, out) {
      switch (a.type) {
        case 'TMRcvPrepared':
          if (st.tmState !== 'init' || !st.msgs.prepared.has(a.rm)) return false;
          out.tmPrepared.add(a.rm);
          return true;
        case 'TMCommit':
          if (st.tmState !== 'init') return false;
          if (!tmMayCommit(st.tmPrepared.size, rms)) return false;
          out.tmState = 'committed';
          tmSendCommit(out.msgs);
          return true;
        case 'TMAbort':
          if (st.tmState !== 'init' || !tmMayAbort()) return false;
          out.tmState = 'aborted';
          out.msgs.abort = true;
          return true;
        case 'RMPrepare':
          if (st.rmState.get(a.rm) !== 'working') return false;
          out.rmState.set(a.rm, 'prepared');
          out.msgs.prepared.add(a.rm);
          return true;
        case 'RMChooseToAbort':
          if (st.rmState.get(a.rm) !== 'working') return false;
          out.rmState.set(a.rm, 'aborted');
          return true;
        case 'RMRcvCommitMsg':
          if (!st.msgs.commit) return false;
          out.rmState.set(a.rm, 'committed');
          return true;
        case 'RMRcvAbortMsg':
          if (!st.msgs.abort) return false;
          out.rmState.set(a.rm, 'aborted');
          return true;
      }
    },
    properties: [],
    // \A p \in {TM} \cup RM : WF_vars(Next(p))
    fairness: [weakFairness<TwoPhaseAction>('each process', processOf)],
    isLegalEnd: allDecided,
    formatAction: (a) => ('rm' in a ? `${a.type}(${a.rm})` : a.type),
  });
}
