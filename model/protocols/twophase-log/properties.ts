/**
 * The safety properties of 2PC with logs, stated once for the checking instance and the deployed one
 * (hence for `validate`), over what nodes were seen to do (observations are ghost data that survive
 * crashes), per transaction:
 * - `agreement`: no participant commits while another aborts, including after crashes and recovery;
 * - `validity`: a transaction commits (anywhere) only if every participant voted yes;
 * - `stability`: no node, coordinator included, both commits and aborts a transaction — a decision once
 *   taken survives crashes.
 *
 * And the liveness of the checking instance, over its fair behaviours (message delivery, timers and
 * recovery weakly fair):
 * - `coordinatorDecides`: always eventually, every transaction the coordinator has begun (logged) is decided
 *   by it (or it is down) — it never waits for votes forever, crashes or not;
 * - `participantsDecide`: always eventually, every live participant that voted yes has heard the decision.
 *   The default checking instance excuses a lost message: its participant asks for the decision only after
 *   its own recovery, so a lost `Decision` leaves it waiting. With the `decision` timer (the deployed
 *   participant, and the variant `twophase-log-retry`) nothing is excused: an uncertain participant asks
 *   again on each timeout until it hears. With crash-stop nodes (`twophase-log-blocking`) it fails: the coordinator
 *   crashes for good after the votes, and the participants, all prepared, block — 2PC's classic flaw.
 *
 * The observation names are computed once per instance, so that a check costs a few set lookups per
 * transaction and allocates nothing: a run of a thousand transactions checks them after every step.
 *
 * @module
 */
import { alwaysEventually, always } from '../../core/index.js';
import type { Property } from '../../core/index.js';
import { observation } from './vocabulary.js';

/** What a node was seen to do: the set of its observations. */
interface Seen {
  has(observation: string): boolean;
}

/** The nodes of one role, as the properties read them. */
export interface ObservedRole {
  /** The node of the role at `index`: what it was seen to do. */
  get(index: number): { readonly seen: Seen };
}

/** The part of a 2PC-with-logs state the properties read: the observations of `C` and of each `P`. */
export interface TwoPhaseLogObserved {
  /** The nodes by role. */
  readonly nodes: { readonly C: ObservedRole; readonly P: ObservedRole };
}

/** `agreement`, `validity` and `stability` of `n` participants and `txs` transactions. */
export function twoPhaseLogSafety<V extends TwoPhaseLogObserved>(n: number, txs: number): Property<V>[] {
  const yes = Array.from({ length: txs }, (_, tx) => observation(txs, 'yes', tx));
  const commit = Array.from({ length: txs }, (_, tx) => observation(txs, 'commit', tx));
  const abort = Array.from({ length: txs }, (_, tx) => observation(txs, 'abort', tx));
  const anyP = (st: V, names: readonly string[], tx: number) => {
    for (let p = 0; p < n; p++) if (st.nodes.P.get(p).seen.has(names[tx]!)) return true;
    return false;
  };
  const both = (seen: Seen) => {
    for (let tx = 0; tx < txs; tx++) if (seen.has(commit[tx]!) && seen.has(abort[tx]!)) return true;
    return false;
  };
  return [
    always<V>('agreement', (st) => {
      for (let tx = 0; tx < txs; tx++) if (anyP(st, commit, tx) && anyP(st, abort, tx)) return false;
      return true;
    }),
    always<V>('validity', (st) => {
      for (let tx = 0; tx < txs; tx++) {
        if (!anyP(st, commit, tx) && !st.nodes.C.get(0).seen.has(commit[tx]!)) continue;
        for (let p = 0; p < n; p++) if (!st.nodes.P.get(p).seen.has(yes[tx]!)) return false;
      }
      return true;
    }),
    always<V>('stability', (st) => {
      if (both(st.nodes.C.get(0).seen)) return false;
      for (let p = 0; p < n; p++) if (both(st.nodes.P.get(p).seen)) return false;
      return true;
    }),
  ];
}

/** The coordinator as the liveness property reads it: what it was seen to do, and its log. */
export interface TwoPhaseLogCoordinator {
  /** The nodes by role; the liveness properties read both roles. */
  readonly nodes: { readonly C: CoordinatorRole; readonly P: LiveRole };
  /** The faults so far (the liveness of participants is claimed when no message was lost). */
  readonly faults: { readonly drops: number };
}

/** A role whose nodes may be down, as the liveness properties read it. */
export interface LiveRole {
  /** The node at `index`: whether it is up, and what it was seen to do. */
  get(index: number): { readonly up: boolean; readonly seen: Seen };
}

/** The coordinator role, as the liveness property reads it. */
export interface CoordinatorRole {
  /** The coordinator: what it was seen to do, and its durable log. */
  get(index: 0): { readonly up: boolean; readonly seen: Seen; readonly durable: { readonly log: DurableLogView } };
}

/** A durable log, as the liveness property reads it. */
export interface DurableLogView {
  /** Transaction `tx`'s record. */
  get(tx: number): string;
}

/**
 * `coordinatorDecides` and `participantsDecide` of `n` participants and `txs` transactions (see the module
 * documentation); `lossExcused`: whether `participantsDecide` holds trivially once a message was lost.
 */
export function twoPhaseLogLiveness<V extends TwoPhaseLogCoordinator>(n: number, txs: number, lossExcused = true): Property<V>[] {
  const yes = Array.from({ length: txs }, (_, tx) => observation(txs, 'yes', tx));
  const commit = Array.from({ length: txs }, (_, tx) => observation(txs, 'commit', tx));
  const abort = Array.from({ length: txs }, (_, tx) => observation(txs, 'abort', tx));
  const decided = (seen: Seen, tx: number) => seen.has(commit[tx]!) || seen.has(abort[tx]!);
  return [
    alwaysEventually<V>('coordinatorDecides', (st) => {
      const c = st.nodes.C.get(0);
      if (!c.up) return true;
      for (let tx = 0; tx < txs; tx++) if (c.durable.log.get(tx) !== 'none' && !decided(c.seen, tx)) return false;
      return true;
    }),
    alwaysEventually<V>('participantsDecide', (st) => {
      if (lossExcused && st.faults.drops > 0) return true;
      for (let p = 0; p < n; p++) {
        const node = st.nodes.P.get(p);
        if (!node.up) continue;
        for (let tx = 0; tx < txs; tx++) if (node.seen.has(yes[tx]!) && !decided(node.seen, tx)) return false;
      }
      return true;
    }),
  ];
}
