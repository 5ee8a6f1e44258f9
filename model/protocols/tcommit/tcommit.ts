/**
 * The abstract transaction-commit specification, after Gray and Lamport, "Consensus on Transaction Commit"
 * (ACM TODS 31(1), 2006), and `TCommit.tla` of the TLA+ Examples: N resource managers, each of which
 * prepares and then decides, with no transaction manager and no messages. TwoPhase implements it.
 *
 * With 3 RMs TLC reports 34 distinct states, 94 generated, depth 7. A state where every RM has decided is a
 * legal end, not a deadlock.
 *
 * @module
 */
import { defineModel, s } from '../../core/index.js';
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
  | { readonly type: 'DecideAbort'; readonly rm: number };

/** Options of {@link tcommit}. */
export interface TCommitOptions {
  /** The number of resource managers, 1 to 16. */
  readonly rms: number;
  /** The variant (a mutant of `mutants.ts`): `'hasty-commit'`: an RM commits as soon as it is prepared, whatever the others. @defaultValue null, the correct protocol */
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

/** The TCommit model. */
export function tcommit(options: TCommitOptions): Model<TCommitState, TCommitAction> {
  const { rms } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(rms) || rms < 1 || rms > 16) throw new RangeError(`tcommit: rms must be an integer in [1, 16], got ${rms}`);
  // The variant's rules, chosen once.
  const rules: TCommitRules = { ...tcommitRules, ...(variant ? tcommitMutants[variant] : {}) };
  const { canCommit } = rules;
  const actions: TCommitAction[] = [];
  for (let rm = 0; rm < rms; rm++) actions.push({ type: 'Prepare', rm }, { type: 'DecideCommit', rm }, { type: 'DecideAbort', rm });
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
      }
    },
    properties: [],
    isLegalEnd: (st) => !some(st, (x) => x === 'working' || x === 'prepared'),
    formatAction: (a) => `${a.type}(${a.rm})`,
  });
}
