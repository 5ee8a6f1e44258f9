/**
 * A replicated log whose followers copy from any longer log, a port of `DistributedReplicatedLog.tla` with
 * the model `MCDistributedReplicatedLog` of the TLA+ Examples (FiniteMonotonic, after CCF's abstract
 * consensus spec): three servers, one value, `Lag = 3`.
 *
 * ```
 * Copy(i)   == \E j : Len(cLogs[j]) > Len(cLogs[i]) /\ LET L == Len(cLogs[j]) - Len(cLogs[i])
 *                     IN \E l \in L-1..L : cLogs'[i] = cLogs[i] \o SubSeq(cLogs[j], Len(cLogs[i]) + 1, Len(cLogs[i]) + l)
 * Extend(i) == \A j : Len(cLogs[j]) <= Len(cLogs[i]) /\ \E s \in BoundedSeq(Values, Lag - Max({Len(cLogs[i]) - Len(cLogs[j])})) : cLogs'[i] = cLogs[i] \o s
 * Spec      == Init /\ [][Next]_vars /\ \A s : WF_vars(Extend(s)) /\ WF_vars(Copy(s))
 * InSync    == \A i, j : []<>(cLogs[i] = cLogs[j])
 * ```
 *
 * The TLC model makes the state space finite with the VIEW `DropCommonPrefix` (states that differ only in
 * their logs' common prefix are one); with a single value a log is its length, so the state here is that
 * view itself: each server's log length beyond the common prefix (0..Lag). TLC reports a liveness failure,
 * of `InSync` ("followers are permitted to copy only a prefix of the missing suffix"), and so does this
 * model, with a lasso in which the leader keeps extending before the others catch up. (`AllExtending`, a
 * formula over steps `[]<><<...>>_cLogs`, is not ported: temporal properties here are over states.)
 *
 * @module
 */
import { always, alwaysEventually, defineModel, s, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';

const SERVERS = ['n1', 'n2', 'n3'] as const;
const LAG = 3;
const N = SERVERS.length;

/** Each server's log length beyond the logs' common prefix. */
export const ReplicatedLogState = s.record({ len: s.array(s.int(0, LAG), N) });

/** An action: server `i` copies `l` entries from server `j`, or extends its log by `k`. */
export type ReplicatedLogAction = { readonly type: 'Copy'; readonly i: number; readonly j: number; readonly l: number } | { readonly type: 'Extend'; readonly i: number; readonly k: number };

type V = ViewOf<typeof ReplicatedLogState>;

const actions: ReplicatedLogAction[] = SERVERS.flatMap((_, i) => [
  ...SERVERS.flatMap((__, j) => (j === i ? [] : Array.from({ length: LAG + 1 }, (___, l) => ({ type: 'Copy' as const, i, j, l })))),
  ...Array.from({ length: LAG + 1 }, (_k, k) => ({ type: 'Extend' as const, i, k })),
]);

function lengths(st: V): number[] {
  return Array.from({ length: N }, (_, i) => st.len.get(i));
}

/** `MCDistributedReplicatedLog`: `Spec` with `BoundedLag` and `InSync` (one `[]<>` per pair of servers). */
export function replicatedLog(): Model<typeof ReplicatedLogState, ReplicatedLogAction> {
  const pairs = SERVERS.flatMap((_, i) => SERVERS.map((__, j) => [i, j] as const)).filter(([i, j]) => i < j);
  return defineModel(ReplicatedLogState)({
    name: 'replicated-log',
    initialStates: () => [{ len: Array<number>(N).fill(0) }],
    actions: () => actions,
    next(st, a, out) {
      const len = lengths(st);
      const mine = len[a.i]!;
      if (a.type === 'Copy') {
        const L = len[a.j]! - mine;
        if (L <= 0 || a.l < L - 1 || a.l > L) return false;
        len[a.i] = mine + a.l;
      } else {
        const max = Math.max(...len);
        const min = Math.min(...len);
        if (mine !== max || a.k > LAG - (max - min)) return false;
        len[a.i] = mine + a.k;
      }
      // The VIEW: drop the common prefix.
      const base = Math.min(...len);
      for (let i = 0; i < N; i++) out.len.set(i, len[i]! - base);
      return true;
    },
    properties: [
      always<V>('BoundedLag', (st) => Math.max(...lengths(st)) - Math.min(...lengths(st)) <= LAG),
      ...pairs.map(([i, j]) => alwaysEventually<V>(`InSync(${SERVERS[i]}, ${SERVERS[j]})`, (st) => st.len.get(i) === st.len.get(j))),
    ],
    // \A s \in Servers : WF_vars(Extend(s)) /\ WF_vars(Copy(s)): a class per server and action.
    fairness: [weakFairness<ReplicatedLogAction>('WF(Extend(s)) /\\ WF(Copy(s))', (a) => `${a.type}(${SERVERS[a.i]})`)],
    isLegalEnd: () => false,
    formatAction: (a) => (a.type === 'Copy' ? `Copy(${SERVERS[a.i]} from ${SERVERS[a.j]}, ${a.l})` : `Extend(${SERVERS[a.i]}, ${a.k})`),
  });
}
