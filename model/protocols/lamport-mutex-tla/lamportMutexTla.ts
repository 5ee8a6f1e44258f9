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
 * Liveness, which the TLA+ Examples do not state: starvation freedom, `\A p : try(p) ~> crit(p)` with
 * `try(p) == req[p][p] # 0` (p has requested), under weak fairness of every action instance but
 * `Request(p)` — a process need not request again, but it enters once it may, leaves its critical section,
 * and receives every message sent to it. The counts above are unchanged by it. Under `ClockConstraint` the
 * question is narrower than it looks, and this says precisely how:
 *
 * - the graph inside the constraint has no cycle: a `ReceiveRequest` raises a clock, clocks never fall, a
 *   cycle must consume the requests its `Request`s send, and without `Request` nothing returns to a state
 *   (`Exit` clears `req[p][p]`). So a counterexample can only stutter: a state where no fair action is
 *   enabled while p's request is pending;
 * - a step leaving the constraint (a clock above `maxClock`; 232,728 of them with N = 3, maxClock = 6)
 *   counts as an enabled fair action that is never taken (`checker/liveness/livenessAnalysis.ts`), so a
 *   state whose only way on leaves the bound is not such a stutter, and no behaviour is cut into a fake one.
 *
 * So `holds` here means: in every behaviour that stays within `maxClock` and in which the processes stop
 * requesting, every request is granted — no request is stranded by a lost or missing message (the
 * `silent-release` mutant, whose `Exit` sends no release, is caught at depth 12 for N = 3). It says
 * nothing of a process overtaken forever by ever new requests: that behaviour raises clocks without bound
 * and leaves every finite constraint.
 *
 * @module
 */
import { defineModel, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';
import { variantId } from '../protocol.js';
import { lamportMutexTlaMutants } from './mutants.js';
import type { LamportMutexTlaVariant } from './mutants.js';
import { lamportMutexTlaProperties } from './properties.js';
import { lamportMutexState, lamportMutexTlaRules } from './rules.js';
import type { LamportMutexState, LamportMutexTlaRules } from './rules.js';

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
  /** The mutant to build (`mutants.ts`), or null for the correct model. @defaultValue null */
  readonly variant?: LamportMutexTlaVariant | null;
}

function formatAction(a: LamportMutexAction): string {
  return 'q' in a ? `${a.type}(${a.p}, ${a.q})` : `${a.type}(${a.p})`;
}

/** `beats(p, q)`: p believes its request has priority over q's. */
function beats(st: ViewOf<LamportMutexState>, p: number, q: number): boolean {
  const rp = st.req.get(p);
  const mine = rp.get(p);
  const theirs = rp.get(q);
  return theirs === 0 || mine < theirs || (mine === theirs && p < q);
}

/** The LamportMutex model. */
export function lamportMutexTla(options: LamportMutexOptions): Model<LamportMutexState, LamportMutexAction> {
  const { n, maxClock } = options;
  const variant = options.variant ?? null;
  const rules: LamportMutexTlaRules = { ...lamportMutexTlaRules, ...(variant === null ? {} : lamportMutexTlaMutants[variant]) };
  if (!Number.isInteger(n) || n < 2 || n > 5) throw new RangeError(`lamportMutexTla: n must be an integer in [2, 5], got ${n}`);
  if (!Number.isInteger(maxClock) || maxClock < 1 || maxClock > 30) throw new RangeError(`lamportMutexTla: maxClock must be in [1, 30], got ${maxClock}`);
  const state = lamportMutexState(n, maxClock);
  const releases = rules.releases();
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
    name: variantId('lamport-mutex-tla', variant),
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
          if (!rules.acknowledged(st, p, n)) return false;
          for (let q = 1; q <= n; q++) if (q !== p && !beats(st, p, q)) return false;
          out.crit.add(p);
          return true;
        }
        case 'Exit': {
          if (!st.crit.has(p)) return false;
          out.crit.delete(p);
          if (releases) for (let r = 1; r <= n; r++) if (r !== p) out.network.get(p).get(r).push({ type: 'rel', clock: 0 });
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
    properties: lamportMutexTlaProperties(n),
    // WF of every action instance but Request(p): a process need not request again, but it leaves its
    // critical section, enters once it may, and receives what is sent to it.
    fairness: [weakFairness<LamportMutexAction>('WF(Enter, Exit, Receive*)', (a) => (a.type === 'Request' ? null : formatAction(a)))],
    within(st) {
      for (let p = 1; p <= n; p++) if (st.clock.get(p) > maxClock) return false;
      return true;
    },
    formatAction,
  });
}
