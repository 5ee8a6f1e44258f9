/**
 * Two-phase commit with stable-storage logs and recovery, as an actor system: a coordinator `C` and
 * participants `P1..Pn` over an unordered, lossy network, with crashes and recovery from the logs (course
 * notes, ../shared/reference/ipc-and-coordination-notes.md, "Two-Phase Commit Protocol" and "2PC Protocol
 * - Recovery"; Gray, "Notes on Data Base Operating Systems", 1978; Bernstein, Hadzilacos and Goodman,
 * "Concurrency Control and Recovery in Database Systems", ch. 7).
 *
 * The safety properties, `agreement`, `validity` and `stability`, are those of `properties.ts`, shared
 * by the checking instance ({@link twoPhaseLog}) and the deployed one ({@link twoPhaseLogRuntime}); the
 * checking instance adds its liveness witnesses (`allCommitted`, and `recoveredAndCommitted` with crashes).
 *
 * The deployed instance hosts the very same actors built for `txs` transactions (every message carries
 * its transaction id and every piece of state is per transaction, so the handlers are the same whatever
 * the count), its participants with their `decision` timer, over an unordered lossy network sized by the
 * run's budget: a run of a thousand transactions needs neither the checking instance's bounds nor its
 * capacity formula.
 *
 * @example
 * ```ts
 * checkSync(twoPhaseLog({ participants: 3, txs: 1, drops: 1, crashes: 1, duplicates: 0 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { sometimes } from '../../core/index.js';
import { actorSystem } from '../../actors/index.js';
import type { ActorSystem, Roles, RunBudget, SystemView } from '../../actors/index.js';
import { inFlightCount } from '../coordination/inFlight.js';
import { variantId } from '../protocol.js';
import { coordinator } from './coordinator.js';
import { twoPhaseLogMutants } from './mutants.js';
import type { TwoPhaseLogVariant } from './mutants.js';
import { participant } from './participant.js';
import { twoPhaseLogLiveness, twoPhaseLogSafety } from './properties.js';
import { twoPhaseLogRules } from './rules.js';
import type { TwoPhaseLogRules } from './rules.js';
import { observation, twoPhaseLogMessages } from './vocabulary.js';

/** Options of {@link twoPhaseLog}. */
export interface TwoPhaseLogOptions {
  /** Participants, 1 to 5. */
  readonly participants: number;
  /** Transactions, 1 or 2. */
  readonly txs: number;
  /** Fault budgets. */
  readonly drops: number;
  readonly duplicates: number;
  readonly crashes: number;
  /** A mutant of `mutants.ts`, or the correct protocol. @defaultValue the correct one */
  readonly variant?: TwoPhaseLogVariant | null;
  /** Whether a crashed node recovers (crash-recover) or stays down (crash-stop). @defaultValue true */
  readonly recovery?: boolean;
  /**
   * Whether an uncertain participant queries again on its `decision` timeout, as the deployed one does. Its
   * queries repeat without bound, so the instance then explores only states with at most `maxInFlight`
   * messages in flight (a state constraint), and `participantsDecide` no longer excuses a lost message.
   * @defaultValue false
   */
  readonly decisionTimer?: boolean;
  /** With `decisionTimer`: the state constraint's bound on the messages in flight. @defaultValue 5 */
  readonly maxInFlight?: number;
}

function roles(n: number, txs: number, variant: TwoPhaseLogVariant | null, decisionTimer: boolean) {
  const Msg = twoPhaseLogMessages(txs);
  const rules: TwoPhaseLogRules = { ...twoPhaseLogRules, ...(variant ? twoPhaseLogMutants[variant] : {}) };
  return {
    C: { actor: coordinator(n, txs, Msg, rules), count: 1 },
    P: { actor: participant(txs, Msg, { rules, decisionTimer }), count: n },
  };
}

/** A 2PC-with-logs state. */
export type TwoPhaseLogView = SystemView<ReturnType<typeof roles>>;

/**
 * A bound on the messages in flight: per transaction, the vote requests and votes (each participant may
 * answer a duplicated request again), two rounds of decisions (a decision and its resending after a
 * coordinator's recovery, per crash), and the queries with their answers (one round per participant on
 * timeout and one per crash).
 */
function capacity(o: TwoPhaseLogOptions): number {
  const n = o.participants;
  const perTx = 2 * n + n * (1 + o.crashes) + 2 * n * (n + o.crashes) + o.duplicates;
  return o.txs * perTx;
}

/** 2PC with logs and recovery, with its properties: the checking instance. */
export function twoPhaseLog(o: TwoPhaseLogOptions): ActorSystem<ReturnType<typeof roles>> {
  const { participants: n, txs } = o;
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new RangeError(`twoPhaseLog: participants must be an integer in [1, 5], got ${n}`);
  if (txs !== 1 && txs !== 2) throw new RangeError(`twoPhaseLog: txs must be 1 or 2, got ${txs}`);
  const commit = Array.from({ length: txs }, (_, tx) => observation(txs, 'commit', tx));
  const allCommitted = (st: TwoPhaseLogView) => {
    for (let tx = 0; tx < txs; tx++) for (let p = 0; p < n; p++) if (!st.nodes.P.get(p).seen.has(commit[tx]!)) return false;
    return true;
  };
  const variant = o.variant ?? null;
  const retry = o.decisionTimer ?? false;
  const maxInFlight = o.maxInFlight ?? 5;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`twoPhaseLog: maxInFlight must be a positive integer, got ${maxInFlight}`);
  return actorSystem({
    name: variantId('twophase-log', variant),
    roles: roles(n, txs, variant, retry),
    // With the timer, a stored state has at most maxInFlight messages and one step adds at most a round of
    // queries or decisions.
    network: { kind: 'unordered', lossy: o.drops > 0, capacity: retry ? maxInFlight + 2 * n : capacity(o) },
    ...(retry ? { within: (st: TwoPhaseLogView) => inFlightCount(st) <= maxInFlight } : {}),
    faults: { drops: o.drops, duplicates: o.duplicates, crashes: o.crashes, recovery: o.recovery ?? true },
    properties: [
      ...twoPhaseLogSafety<TwoPhaseLogView>(n, txs),
      ...twoPhaseLogLiveness<TwoPhaseLogView>(n, txs, !retry),
      sometimes<TwoPhaseLogView>('allCommitted', allCommitted),
      // With crashes in the budget, commit must stay possible after one: recovery is not vacuous.
      ...(o.crashes > 0 ? [sometimes<TwoPhaseLogView>('recoveredAndCommitted', (st) => st.faults.crashes > 0 && allCommitted(st))] : []),
    ],
  });
}

/** The deployed instance of 2PC with logs: `n` participants, `txs` transactions, sized by `budget`. */
export function twoPhaseLogRuntime(n: number, txs: number, variant: TwoPhaseLogVariant | null, budget: RunBudget): ActorSystem<Roles> {
  const system = actorSystem({
    name: variantId('twophase-log', variant),
    roles: roles(n, txs, variant, true),
    network: { kind: 'unordered', lossy: true, capacity: Math.max(1, budget.inFlight) },
    faults: { crashes: budget.crashes, drops: budget.drops, duplicates: budget.duplicates },
    properties: twoPhaseLogSafety<SystemView<ReturnType<typeof roles>>>(n, txs),
  });
  return system as unknown as ActorSystem<Roles>;
}
