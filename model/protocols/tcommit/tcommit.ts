/**
 * The abstract transaction-commit specification, after Gray and Lamport, "Consensus on Transaction Commit"
 * (ACM TODS 31(1), 2006), and `TCommit.tla` of the TLA+ Examples: N resource managers, each of which
 * prepares and then decides, with no transaction manager and no messages. TwoPhase implements it.
 *
 * With 3 RMs TLC reports 34 distinct states, 94 generated, depth 7. A state where every RM has decided is a
 * legal end, not a deadlock.
 *
 * Liveness (termination: every RM eventually decides) needs fairness, which `TCommit.tla` leaves out:
 * without it a behaviour may stop with every RM still working. The model assumes weak fairness per RM,
 * `\A r \in RM : WF_vars(Prepare(r) \/ Decide(r))`. Weak is enough: a working RM can always prepare or
 * abort, and a prepared one can always decide — abort while no RM has committed, commit once one has
 * (then every RM is prepared or committed).
 *
 * @module
 */
import { defineModel, s, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';
import { variantId } from '../protocol.js';
import { tcommitMutants } from './mutants.js';
import type { TCommitVariant } from './mutants.js';
import { tcommitRules } from './rules.js';
import type { TCommitRules } from './rules.js';

export type { TCommitVariant } from './mutants.js';

/** The state of a resource manager (as in TwoPhase; each protocol folder stands alone). */
export const RMState = s.enum(['working', 'prepared', 'committed', 'aborted']);

/** The state schema of TCommit with `rms` resource managers. */
export function tcommitState(rms: number) {
  return s.record({ rmState: s.array(RMState, rms) });
}

/** A TCommit state schema. */
export type TCommitState = ReturnType<typeof tcommitState>;

/** A TCommit action: each disjunct of `Decide(r)` is its own action, as TLC counts them. */
export type TCommitAction =
  | { readonly type: 'Prepare'; readonly rm: number }
  | { readonly type: 'DecideCommit'; readonly rm: number }
  | { readonly type: 'DecideAbort'; readonly rm: number }
  /** Only in the mutant `withdraw-vote`: a prepared RM goes back to working. */
  | { readonly type: 'Withdraw'; readonly rm: number };

/** Options of {@link tcommit}. */
export interface TCommitOptions {
  /** The number of resource managers, 1 to 16. */
  readonly rms: number;
  /**
   * The variant (a mutant of `mutants.ts`): `'hasty-commit'`: an RM commits as soon as it is prepared,
   * whatever the others; `'withdraw-vote'`: a prepared RM may withdraw its vote.
   * @defaultValue null, the correct protocol
   */
  readonly variant?: TCommitVariant | null;
}

function some(st: ViewOf<TCommitState>, pred: (x: string) => boolean): boolean {
  for (let r = 0; r < st.rmState.length; r++) if (pred(st.rmState.get(r))) return true;
  return false;
}

/** TCConsistent: no RM has committed while another has aborted. */
export function tcConsistent(st: ViewOf<TCommitState>): boolean {
  return !(some(st, (x) => x === 'committed') && some(st, (x) => x === 'aborted'));
}

/** Every RM has decided: each is committed or aborted. */
export function allDecided(st: ViewOf<TCommitState>): boolean {
  return !some(st, (x) => x === 'working' || x === 'prepared');
}

/** The TCommit model, each RM weakly fair. */
export function tcommit(options: TCommitOptions): Model<TCommitState, TCommitAction> {
  const { rms } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(rms) || rms < 1 || rms > 16) throw new RangeError(`tcommit: rms must be an integer in [1, 16], got ${rms}`);
  // The variant's rules, chosen once.
  const rules: TCommitRules = { ...tcommitRules, ...(variant ? tcommitMutants[variant] : {}) };
  const { canCommit, mayWithdraw } = rules;
  const actions: TCommitAction[] = [];
  for (let rm = 0; rm < rms; rm++) {
    actions.push({ type: 'Prepare', rm }, { type: 'DecideCommit', rm }, { type: 'DecideAbort', rm });
    if (mayWithdraw()) actions.push({ type: 'Withdraw', rm });
  }
  return defineModel({
    name: variantId('tcommit', variant),
    state: tcommitState(rms),
    initialStates: () => [{ rmState: Array<'working'>(rms).fill('working') }],
    actions: () => actions,
    next(st, a, out) {
      const mine = st.rmState.get(a.rm);
      switch (a.type) {
        case 'Prepare':
          if (mine !== 'working') return false;
          out.rmState.set(a.rm, 'prepared');
          return true;
        case 'DecideCommit':
          if (mine !== 'prepared' || !canCommit(st.rmState)) return false;
          out.rmState.set(a.rm, 'committed');
          return true;
        case 'DecideAbort':
          if ((mine !== 'working' && mine !== 'prepared') || some(st, (x) => x === 'committed')) return false;
          out.rmState.set(a.rm, 'aborted');
          return true;
        case 'Withdraw':
          if (mine !== 'prepared') return false;
          out.rmState.set(a.rm, 'working');
          return true;
      }
    },
    properties: [],
    // \A r \in RM : WF_vars(Prepare(r) \/ Decide(r)), and the mutant's Withdraw(r) in r's class
    fairness: [weakFairness<TCommitAction>('each RM', (a) => `RM(${a.rm})`)],
    isLegalEnd: allDecided,
    formatAction: (a) => `${a.type}(${a.rm})`,
  });
}
