/**
 * Lamport's distributed mutual exclusion, a faithful port of Stephan Merz's `LamportMutex.tla` (TLA+
 * Examples, `specifications/lamport_mutex`), after L. Lamport, "Time, Clocks, and the Ordering of Events in
 * a Distributed System", CACM 21(7), 1978.
 *
 * N processes with logical clocks; `req[p][q]` is the clock of q's request as p knows it (0: none),
 * `ack[p]` the processes that acknowledged p's request, `network[p][q]` the FIFO channel from p to q, `crit`
 * the processes in their critical section. Every TLA+ action instance is one action here, with the same
 * enabling conditions and effects, so TLC's counts are reproduced: with `MCLamportMutex.cfg` (N = 3,
 * maxClock = 6, the state constraint `ClockConstraint`), 724,274 distinct states, 2,729,079 generated,
 * depth 61.
 *
 * `TypeOK` of the TLA+ spec holds by construction: every packed state decodes to values of its schema.
 *
 * @module
 */
import { defineModel, s } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';

/** The state schema for `n` processes and clocks bounded by `maxClock` (+1, the first clock outside the constraint). */
export function lamportMutexState(n: number, maxClock: number) {
  const Proc = s.int(1, n);
  const Msg = s.record({ type: s.enum(['req', 'ack', 'rel']), clock: s.int(0, maxClock + 1) });
  return s.record({
    clock: s.map(Proc, s.int(1, maxClock + 1)),
    req: s.map(Proc, s.map(Proc, s.int(0, maxClock + 1))),
    ack: s.map(Proc, s.set(Proc)),
    // BoundedNetwork (an invariant of the spec) says no channel holds more than 3 messages: room for a
    // fourth, so that a state breaking it can exist and be reported as a violation, not a capacity error.
    network: s.map(Proc, s.map(Proc, s.seq(Msg, 4))),
    crit: s.set(Proc),
  });
}

/** A LamportMutex state schema. */
export type LamportMutexState = ReturnType<typeof lamportMutexState>;

/** An action: one instance of a TLA+ action of `Next`. */
export type LamportMutexAction =
  | { readonly type: 'Request' | 'Enter' | 'Exit'; readonly p: number }
  | { readonly type: 'ReceiveRequest' | 'ReceiveAck' | 'ReceiveRelease'; readonly p: number; readonly q: number };

/** Options of {@link lamportMutexTla}. */
export interface LamportMutexOptions {
  /** The number of processes, 2 to 5. */
  readonly n: number;
  /** The bound of `ClockConstraint`. */
  readonly maxClock: number;
  /**
   * `'no-acks'`: a process with a pending request enters without waiting for every acknowledgement.
   * @defaultValue none
   */
  readonly mutation?: 'no-acks';
}

/** `beats(p, q)`: p believes its request has priority over q's. */
function beats(st: ViewOf<LamportMutexState>, p: number, q: number): boolean {
  const rp = st.req.get(p);
  const mine = rp.get(p);
  const theirs = rp.get(q);
  return theirs === 0 || mine < theirs || (mine === theirs && p < q);
}

/** Mutex: at most one process in its critical section. */
export function mutex(st: ViewOf<LamportMutexState>): boolean {
  return st.crit.size <= 1;
}

/** BoundedNetwork: no channel holds more than three messages. */
export function boundedNetwork(st: ViewOf<LamportMutexState>, n: number): boolean {
  for (let p = 1; p <= n; p++) for (let q = 1; q <= n; q++) if (st.network.get(p).get(q).length > 3) return false;
  return true;
}

/** The LamportMutex model. */
export function lamportMutexTla(options: LamportMutexOptions): Model<LamportMutexState, LamportMutexAction> {
  const { n, maxClock, mutation } = options;
  if (!Number.isInteger(n) || n < 2 || n > 5) throw new RangeError(`lamportMutexTla: n must be an integer in [2, 5], got ${n}`);
  if (!Number.isInteger(maxClock) || maxClock < 1 || maxClock > 30) throw new RangeError(`lamportMutexTla: maxClock must be in [1, 30], got ${maxClock}`);
  const state = lamportMutexState(n, maxClock);
  const actions: LamportMutexAction[] = [];
  for (let p = 1; p <= n; p++) for (const type of ['Request', 'Enter', 'Exit'] as const) actions.push({ type, p });
  for (let p = 1; p <= n; p++) {
    for (let q = 1; q <= n; q++) {
      if (q === p) continue;
      for (const type of ['ReceiveRequest', 'ReceiveAck', 'ReceiveRelease'] as const) actions.push({ type, p, q });
    }
  }
  const initial = () => {
    const perProc = <T>(f: (p: number) => T): Record<number, T> => Object.fromEntries(Array.from({ length: n }, (_, i) => [i + 1, f(i + 1)]));
    return {
      clock: perProc(() => 1),
      req: perProc(() => perProc(() => 0)),
      ack: perProc((): number[] => []),
      network: perProc(() => perProc((): { type: 'req' | 'ack' | 'rel'; clock: number }[] => [])),
      crit: [] as number[],
    };
  };
  return defineModel(state)({
    name: mutation ? `lamport-mutex-tla-${mutation}` : 'lamport-mutex-tla',
    initialStates: () => [initial()],
    actions: () => actions,
    next(st, a, out) {
      const p = a.p;
      switch (a.type) {
        case 'Request': {
          if (st.req.get(p).get(p) !== 0) return false;
          const c = st.clock.get(p);
          out.req.get(p).set(p, c);
          for (let r = 1; r <= n; r++) if (r !== p) out.network.get(p).get(r).push({ type: 'req', clock: c });
          out.ack.get(p).clear();
          out.ack.get(p).add(p);
          return true;
        }
        case 'Enter': {
          if (mutation === 'no-acks') {
            // The broken process still waits for its own request to be issued, just not for the acks.
            if (st.req.get(p).get(p) === 0) return false;
          } else if (st.ack.get(p).size !== n) return false;
          for (let q = 1; q <= n; q++) if (q !== p && !beats(st, p, q)) return false;
          out.crit.add(p);
          return true;
        }
        case 'Exit': {
          if (!st.crit.has(p)) return false;
          out.crit.delete(p);
          for (let r = 1; r <= n; r++) if (r !== p) out.network.get(p).get(r).push({ type: 'rel', clock: 0 });
          out.req.get(p).set(p, 0);
          out.ack.get(p).clear();
          return true;
        }
        case 'ReceiveRequest': {
          const chan = st.network.get(a.q).get(p);
          if (chan.length === 0 || chan.field(0, 'type') !== 'req') return false;
          const c = chan.field(0, 'clock');
          out.req.get(p).set(a.q, c);
          const mine = st.clock.get(p);
          out.clock.set(p, c > mine ? c + 1 : mine + 1);
          out.network.get(a.q).get(p).shift();
          out.network.get(p).get(a.q).push({ type: 'ack', clock: 0 });
          return true;
        }
        case 'ReceiveAck': {
          const chan = st.network.get(a.q).get(p);
          if (chan.length === 0 || chan.field(0, 'type') !== 'ack') return false;
          out.ack.get(p).add(a.q);
          out.network.get(a.q).get(p).shift();
          return true;
        }
        case 'ReceiveRelease': {
          const chan = st.network.get(a.q).get(p);
          if (chan.length === 0 || chan.field(0, 'type') !== 'rel') return false;
          out.req.get(p).set(a.q, 0);
          out.network.get(a.q).get(p).shift();
          return true;
        }
      }
    },
    properties: [],
    within(st) {
      for (let p = 1; p <= n; p++) if (st.clock.get(p) > maxClock) return false;
      return true;
    },
    formatAction: (a) => ('q' in a ? `${a.type}(${a.p}, ${a.q})` : `${a.type}(${a.p})`),
  });
}
