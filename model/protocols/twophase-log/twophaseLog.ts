/**
 * Two-phase commit with stable-storage logs and recovery, as an actor system: a coordinator `C` and
 * participants `P1..Pn` over an unordered, lossy network, with crashes and recovery from the logs (course
 * notes, ../shared/reference/ipc-and-coordination-notes.md, "Two-Phase Commit Protocol" and "2PC Protocol
 * - Recovery"; Gray, "Notes on Data Base Operating Systems", 1978; Bernstein, Hadzilacos and Goodman,
 * "Concurrency Control and Recovery in Database Systems", ch. 7).
 *
 * The properties are stated over what nodes were seen to do (observations are ghost data that survive
 * crashes), per transaction:
 * - `agreement`: no participant commits while another aborts, including after crashes and recovery;
 * - `validity`: a transaction commits (anywhere) only if every participant voted yes;
 * - `stability`: no node, coordinator included, both commits and aborts a transaction — a decision once
 *   taken survives crashes.
 *
 * @example
 * ```ts
 * checkSync(twoPhaseLog({ participants: 3, txs: 1, drops: 1, crashes: 1, duplicates: 0 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { always, sometimes } from '../../core/index.js';
import { actorSystem } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { coordinator } from './coordinator.js';
import type { CoordinatorMutation } from './coordinator.js';
import { participant } from './participant.js';
import type { ParticipantMutation } from './participant.js';
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
  /** A deliberate bug, for the catalogue's mutants. @defaultValue none */
  readonly mutation?: CoordinatorMutation | ParticipantMutation;
}

function roles(o: TwoPhaseLogOptions) {
  const Msg = twoPhaseLogMessages(o.txs);
  const m = o.mutation;
  return {
    C: { actor: coordinator(o.participants, o.txs, Msg, m === 'vote-before-log' ? undefined : m), count: 1 },
    P: { actor: participant(o.txs, Msg, m === 'vote-before-log' ? { mutation: m } : {}), count: o.participants },
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

/** 2PC with logs and recovery, with its properties. */
export function twoPhaseLog(o: TwoPhaseLogOptions): ActorSystem<ReturnType<typeof roles>> {
  const { participants: n, txs } = o;
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new RangeError(`twoPhaseLog: participants must be an integer in [1, 5], got ${n}`);
  if (txs !== 1 && txs !== 2) throw new RangeError(`twoPhaseLog: txs must be 1 or 2, got ${txs}`);
  const seen = (st: TwoPhaseLogView, what: 'yes' | 'commit' | 'abort', tx: number) => {
    const name = observation(txs, what, tx);
    const out: boolean[] = [];
    for (let p = 0; p < n; p++) out.push(st.nodes.P.get(p).seen.has(name));
    return out;
  };
  const forEachTx = (pred: (tx: number) => boolean) => {
    for (let tx = 0; tx < txs; tx++) if (!pred(tx)) return false;
    return true;
  };
  return actorSystem({
    name: o.mutation ? `twophase-log-${o.mutation}` : 'twophase-log',
    roles: roles(o),
    network: { kind: 'unordered', lossy: o.drops > 0, capacity: capacity(o) },
    faults: { drops: o.drops, duplicates: o.duplicates, crashes: o.crashes },
    properties: [
      always<TwoPhaseLogView>('agreement', (st) => forEachTx((tx) => !(seen(st, 'commit', tx).some((x) => x) && seen(st, 'abort', tx).some((x) => x)))),
      always<TwoPhaseLogView>('validity', (st) =>
        forEachTx((tx) => {
          const committed = seen(st, 'commit', tx).some((x) => x) || st.nodes.C.get(0).seen.has(observation(txs, 'commit', tx));
          return !committed || seen(st, 'yes', tx).every((x) => x);
        }),
      ),
      always<TwoPhaseLogView>('stability', (st) => {
        const both = (has: (name: string) => boolean) => forEachTx((tx) => !(has(observation(txs, 'commit', tx)) && has(observation(txs, 'abort', tx))));
        const c = st.nodes.C.get(0).seen;
        if (!both((x) => c.has(x))) return false;
        for (let p = 0; p < n; p++) {
          const s = st.nodes.P.get(p).seen;
          if (!both((x) => s.has(x))) return false;
        }
        return true;
      }),
      sometimes<TwoPhaseLogView>('allCommitted', (st) => forEachTx((tx) => seen(st, 'commit', tx).every((x) => x))),
      // With crashes in the budget, commit must stay possible after one: recovery is not vacuous.
      ...(o.crashes > 0
        ? [sometimes<TwoPhaseLogView>('recoveredAndCommitted', (st) => st.faults.crashes > 0 && forEachTx((tx) => seen(st, 'commit', tx).every((x) => x)))]
        : []),
    ],
  });
}
