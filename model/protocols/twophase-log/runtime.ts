/**
 * Two-phase commit with logs, deployed: a coordinator and `participants` participants running a stream of
 * `txs` transactions, some of which a participant's client refuses.
 *
 * The runtime hosts the very actors of {@link coordinator} and {@link participant}, built for `txs`
 * transactions (every message carries its transaction id and every piece of state is per transaction, so
 * the handlers are the same whatever the count). The system a recorded run is validated against is that
 * instance over an unordered lossy network sized by the run's {@link RunBudget}. It restates the safety
 * properties of `twophaseLog.ts` — `agreement`, `validity`, `stability`, over the same observations — in
 * a form that costs nothing per transaction but a few bit tests: `twoPhaseLog()` is the checking instance
 * (one or two transactions, a network sized for exhaustive search), and a run of a thousand transactions
 * needs neither its bounds nor its capacity formula.
 *
 * The client: transaction k is begun at the coordinator (input `k`, operation k); with probability
 * `refuse`/1000 one participant, chosen at random, is first told to refuse it. An operation completes
 * when the coordinator is seen to commit or abort it. A `begin` sent to a coordinator just before it was
 * killed may die with it, unread; so when the coordinator restarts, the client offers the `begin` of
 * every transaction still open again. One the coordinator had begun is decided by its recovery (and
 * observed there), and it refuses the second `begin`; one it had not begins now.
 *
 * @example
 * ```ts
 * const d = twoPhaseLogDeployments[0]!;             // 'twophase-log'
 * const sys = d.system({ ...defaults, txs: 200 }, { crashes: 2, drops: 5, duplicates: 0, inFlight: 64 });
 * ```
 *
 * @module
 */
import { always } from '../../core/index.js';
import type { IntParam } from '../../core/index.js';
import { NO_FAULTS, actorSystem, systemForRun, workloadRandom } from '../../actors/index.js';
import type { ActorSystem, Deployment, DeploymentParams, Effect, Reaction, Roles, RunBudget, SystemView, Workload, WorkloadInput } from '../../actors/index.js';
import { coordinator } from './coordinator.js';
import type { CoordinatorMutation } from './coordinator.js';
import { participant } from './participant.js';
import type { ParticipantMutation } from './participant.js';
import { observation, twoPhaseLogMessages } from './vocabulary.js';

type Mutation = CoordinatorMutation | ParticipantMutation;

function runtimeRoles(n: number, txs: number, m: Mutation | undefined) {
  const Msg = twoPhaseLogMessages(txs);
  return {
    C: { actor: coordinator(n, txs, Msg, m === 'vote-before-log' ? undefined : m), count: 1 },
    P: { actor: participant(txs, Msg, { ...(m === 'vote-before-log' ? { mutation: m } : {}), decisionTimer: true }), count: n },
  };
}

type View = SystemView<ReturnType<typeof runtimeRoles>>;

/** The runtime instance of 2PC with logs: `n` participants, `txs` transactions, sized by `budget`. */
export function twoPhaseLogRuntime(n: number, txs: number, mutation: Mutation | undefined, budget: RunBudget): ActorSystem<Roles> {
  const name = (what: 'yes' | 'commit' | 'abort', tx: number) => observation(txs, what, tx);
  const yes = Array.from({ length: txs }, (_, tx) => name('yes', tx));
  const commit = Array.from({ length: txs }, (_, tx) => name('commit', tx));
  const abort = Array.from({ length: txs }, (_, tx) => name('abort', tx));
  const anyP = (st: View, names: readonly string[], tx: number) => {
    for (let p = 0; p < n; p++) if (st.nodes.P.get(p).seen.has(names[tx]!)) return true;
    return false;
  };
  const system = actorSystem({
    name: mutation ? `twophase-log-${mutation}` : 'twophase-log',
    roles: runtimeRoles(n, txs, mutation),
    network: { kind: 'unordered', lossy: true, capacity: Math.max(1, budget.inFlight) },
    faults: { crashes: budget.crashes, drops: budget.drops, duplicates: budget.duplicates },
    properties: [
      always<View>('agreement', (st) => {
        for (let tx = 0; tx < txs; tx++) if (anyP(st, commit, tx) && anyP(st, abort, tx)) return false;
        return true;
      }),
      always<View>('validity', (st) => {
        for (let tx = 0; tx < txs; tx++) {
          if (!anyP(st, commit, tx) && !st.nodes.C.get(0).seen.has(commit[tx]!)) continue;
          for (let p = 0; p < n; p++) if (!st.nodes.P.get(p).seen.has(yes[tx]!)) return false;
        }
        return true;
      }),
      always<View>('stability', (st) => {
        const both = (seen: { has(x: string): boolean }) => {
          for (let tx = 0; tx < txs; tx++) if (seen.has(commit[tx]!) && seen.has(abort[tx]!)) return true;
          return false;
        };
        if (both(st.nodes.C.get(0).seen)) return false;
        for (let p = 0; p < n; p++) if (both(st.nodes.P.get(p).seen)) return false;
        return true;
      }),
    ],
  });
  return system as unknown as ActorSystem<Roles>;
}

/** The client of a run: begins transactions, has some refused, completes them on the coordinator's decision. */
function twoPhaseLogWorkload(p: DeploymentParams, seed: number): Workload {
  const n = p['participants']!;
  const txs = p['txs']!;
  const refuse = p['refuse']! / 1000;
  const random = workloadRandom(seed);
  const outcomes = new Map<string, { tx: number; outcome: string }>();
  for (let tx = 0; tx < txs; tx++) {
    outcomes.set(observation(txs, 'commit', tx), { tx, outcome: 'committed' });
    outcomes.set(observation(txs, 'abort', tx), { tx, outcome: 'aborted' });
  }
  let next = 0;
  const coordinatorId = 0;
  /** Transactions begun and not yet seen decided. */
  const open = new Set<number>();
  return {
    operations: txs,
    concurrency: p['concurrency']!,
    start(max) {
      const out: WorkloadInput[] = [];
      for (; max > 0 && next < txs; max--, next++) {
        if (random() < refuse) out.push({ node: 1 + Math.floor(random() * n), input: next });
        out.push({ node: coordinatorId, input: next, op: next });
        open.add(next);
      }
      return out;
    },
    react(node: number, e: Effect): Reaction {
      if (node !== coordinatorId || e.kind !== 'observe') return {};
      const o = outcomes.get(e.observation);
      if (!o) return {};
      open.delete(o.tx);
      return { completes: [{ op: o.tx, outcome: o.outcome }] };
    },
    // The coordinator refuses a `begin` only for a transaction it has already begun: the one offered again
    // after its restart, whose outcome its recovery observed. A participant refuses a `refuse` for a
    // transaction it has already voted on. Neither needs anything more from the client.
    refused: () => ({}),
    restarted(node) {
      return node === coordinatorId ? { inputs: [...open].map((tx) => ({ node: coordinatorId, input: tx })) } : {};
    },
  };
}

const params: IntParam[] = [
  { type: 'int', name: 'participants', description: 'number of participants', default: 3, min: 1, max: 5 },
  { type: 'int', name: 'txs', description: 'transactions in the run (each node keeps state per transaction)', default: 1000, min: 2, max: 1024 },
  { type: 'int', name: 'refuse', description: 'per mille of transactions a participant refuses', default: 100, min: 0, max: 1000 },
  { type: 'int', name: 'concurrency', description: 'transactions open at once', default: 8, min: 1, max: 64 },
  { type: 'int', name: 'vote', description: "the coordinator's vote timeout, ms", default: 1000, min: 1, max: 60_000 },
  { type: 'int', name: 'decision', description: "a participant's decision timeout before it queries, ms", default: 500, min: 1, max: 60_000 },
];

function deployment(mutation: Mutation | undefined, description: string): Deployment {
  return {
    id: mutation ? `twophase-log-${mutation}` : 'twophase-log',
    description,
    params,
    system: (p, budget = NO_FAULTS) => systemForRun(twoPhaseLogRuntime(p['participants']!, p['txs']!, mutation, budget), budget),
    // `flush` is the mutants' deferred log write: short, so that the window it opens is small but real.
    timeouts: (p) => ({ vote: p['vote']!, decision: p['decision']!, flush: 20 }),
    workload: twoPhaseLogWorkload,
  };
}

/** 2PC with logs and its mutants, deployed. */
export const twoPhaseLogDeployments: readonly Deployment[] = [
  deployment(undefined, 'Two-phase commit with stable-storage logs and recovery: a stream of transactions'),
  deployment('vote-before-log', 'twophase-log whose participants vote yes before logging precommit'),
  deployment('decide-before-log', 'twophase-log whose coordinator sends its decision before logging it'),
  deployment('commit-on-timeout', 'twophase-log whose coordinator commits when its vote timer fires'),
];
