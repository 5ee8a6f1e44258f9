/**
 * Lamport's distributed mutual exclusion, the idiomatic actor version, after L. Lamport, "Time, Clocks, and
 * the Ordering of Events in a Distributed System", CACM 21(7), 1978, §"Mutual exclusion" (rules 1 to 5);
 * course notes, ../shared/reference/ipc-and-coordination-notes.md, "distributed mutual exclusion". The
 * faithful port of Merz's `LamportMutex.tla` is `lamport-mutex-tla`; this one runs on the actor layer's
 * FIFO network, which is what the algorithm assumes ("messages sent from one process to another are
 * received in the order sent") and what a TCP connection per pair gives the runtime.
 *
 * Each process keeps a Lamport clock (ticked on every request, advanced past the timestamp of every
 * message received) and a request queue: `req[q]`, the timestamp of q's pending request as this process
 * knows it (0: none). To request, a process timestamps a `Request` with its clock, queues it and sends it
 * to everyone; a receiver queues it and acknowledges with a timestamped `Ack`. A process enters when its
 * request is the earliest, in `(timestamp, id)` order, of its queue, and every other process has
 * acknowledged it. On leaving it dequeues its request and sends `Release`; receivers dequeue it. 3(n − 1)
 * messages per entry. Processes neither crash nor lose messages, as in the paper (the fault budgets
 * exist so that a recorded run with faults can be validated against the model). The clients follow
 * {@link MUTEX_INPUTS}; since entering is not an event of its own on the actor layer, a process checks
 * whether it may enter after each step that could make it so.
 *
 * Clocks grow without bound; as TLC does with the TLA+ spec's `ClockConstraint`, the model explores only
 * states whose clocks are at most `maxClock` (states beyond are generated and checked, not explored).
 *
 * @example
 * ```ts
 * checkSync(lamportMutex({ n: 3, maxClock: 4 })).verdict;                         // 'holds'
 * checkSync(lamportMutex({ n: 3, maxClock: 4, variant: 'no-acks' })).verdict;    // 'violated'
 * ```
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf, ValueOf } from '../../core/index.js';
import { actorSystem, defineActor, messages } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { ENTER, FAIR_MUTEX_INPUTS, MUTEX_INPUTS, Phase, everyoneEnters, mutualExclusion, noneWaiting, someoneEnters, starvationFree } from '../coordination/mutexClient.js';
import { variantId } from '../protocol.js';
import { lamportMutexMutants } from './mutants.js';
import { lamportMutexLocal, lamportRules } from './rules.js';
import type { LamportMutexRules } from './rules.js';
import type { LamportMutexVariant } from './mutants.js';

/** Options of {@link lamportMutex}. */
export interface LamportMutexOptions {
  /** Processes, 1 to 4. */
  readonly n: number;
  /** The state constraint: only states whose clocks are at most this are explored; 1 to 2^31 − 2. */
  readonly maxClock: number;
  /** A mutant of `mutants.ts` (`'no-acks'`, `'release-to-waiting'`), or the correct protocol. @defaultValue the correct one */
  readonly variant?: LamportMutexVariant | null;
  /**
   * The network: `'fifo'`, as the algorithm assumes, or `'unordered'`, to see why it must (an `Ack` that
   * overtakes the `Request` its sender sent before it lets the receiver enter without knowing of that request).
   * @defaultValue `'fifo'`
   */
  readonly network?: 'fifo' | 'unordered';
  /** Fault budget: crashes (a crashed process restarts with its initial state). @defaultValue 0 */
  readonly crashes?: number;
  /** Fault budget: messages lost (the network is lossy when positive). @defaultValue 0 */
  readonly drops?: number;
  /** The network's capacity (per link on FIFO), to validate a recorded run with more in flight than the protocol's bound. @defaultValue that bound */
  readonly capacity?: number;
}

/** The messages, timestamped with clocks up to `maxClock + 1` (a clock may pass the bound by one step). */
export function lamportMutexMessages(maxClock: number) {
  const Ts = s.int(0, maxClock + 1);
  return messages({ Request: { ts: Ts }, Ack: { ts: Ts }, Release: { ts: Ts } }, { format: (m) => `${m.type}(${m.ts})` });
}

function process(o: LamportMutexOptions) {
  const { n, maxClock } = o;
  const Local = lamportMutexLocal(n, maxClock);
  const rules: LamportMutexRules = { ...lamportRules, ...(o.variant ? lamportMutexMutants[o.variant] : {}) };
  type L = DraftOf<typeof Local>;
  /** Lamport's rule 5: the own request is the earliest queued, and (ii) everyone else has acknowledged it. */
  const tryEnter = (st: L, self: number, ctx: { observe(o: typeof ENTER): void }) => {
    if (st.phase !== 'waiting') return;
    if (!rules.acknowledged(st, n)) return;
    const mine = st.req.get(self);
    for (let q = 0; q < n; q++) {
      const theirs = st.req.get(q);
      if (q !== self && theirs !== 0 && (theirs < mine || (theirs === mine && q < self))) return;
    }
    st.phase = 'cs';
    ctx.observe(ENTER);
  };
  /** Rule IR2: a receiver's clock moves past the message's timestamp. */
  const receive = (st: L, ts: number) => {
    st.clock = Math.max(st.clock, ts) + 1;
  };
  const initial = (): ValueOf<typeof Local> => ({ phase: 'idle', clock: 0, req: Array.from({ length: n }, () => 0), acks: [] });
  return defineActor({
    kind: 'process',
    state: Local,
    messages: lamportMutexMessages(maxClock),
    inputs: MUTEX_INPUTS,
    observations: [ENTER],
    initial,
    onInput(st, input, ctx) {
      const self = ctx.self.id;
      const others = ctx.topology.group('P').filter((q) => q !== self);
      if (input === 'request') {
        if (st.phase !== 'idle') return false;
        st.clock++;
        st.req.set(self, st.clock);
        st.acks.clear();
        st.phase = 'waiting';
        ctx.broadcast(others, { type: 'Request', ts: st.clock });
        tryEnter(st, self, ctx);
        return true;
      }
      if (st.phase !== 'cs') return false;
      st.phase = 'idle';
      st.req.set(self, 0);
      ctx.broadcast(rules.releaseTo(st, others), { type: 'Release', ts: st.clock });
      return true;
    },
    onMessage(st, from, msg, ctx) {
      receive(st, msg.ts);
      // A switch rather than ts-pattern here: this handler runs on every delivery the checker explores, and
      // match() cost ~13% of the check's CPU (lamport-mutex default instance, profiled).
      switch (msg.type) {
        case 'Request':
          st.req.set(from, msg.ts);
          ctx.send(from, { type: 'Ack', ts: st.clock });
          break;
        case 'Ack':
          if (st.phase === 'waiting') st.acks.add(from);
          break;
        case 'Release':
          st.req.set(from, 0);
          break;
        default:
          throw new TypeError(`lamport-mutex: unknown message ${JSON.stringify(msg satisfies never)}`);
      }
      tryEnter(st, ctx.self.id, ctx);
    },
  });
}

function roles(o: LamportMutexOptions) {
  return { P: { actor: process(o), count: o.n } };
}

/** A Lamport-mutex state. */
export type LamportMutexView = SystemView<ReturnType<typeof roles>>;

/**
 * Lamport's mutex on FIFO links with its properties: `mutualExclusion`, the goals `someoneEnters` and
 * `everyoneEnters`, and no deadlock (a state where nothing can happen while a process waits).
 */
export function lamportMutex(o: LamportMutexOptions): ActorSystem<ReturnType<typeof roles>> {
  const { n, maxClock } = o;
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new RangeError(`lamportMutex: n must be an integer in [1, 4], got ${n}`);
  if (!Number.isInteger(maxClock) || maxClock < 1 || maxClock > 2 ** 31 - 2) throw new RangeError(`lamportMutex: maxClock must be an integer in [1, 2^31 - 2], got ${maxClock}`);
  const P = (st: LamportMutexView) => st.nodes.P;
  return actorSystem({
    name: variantId('lamport-mutex', o.variant ?? null) + (o.network === 'unordered' ? '-unordered' : ''),
    roles: roles(o),
    // On a link p -> q: p's Request, then its Release, then its next Request (it cannot request a third time
    // before q acknowledges), interleaved with at most two Acks of q's requests.
    network: {
      kind: o.network ?? 'fifo',
      lossy: (o.drops ?? 0) > 0,
      capacity: o.capacity ?? ((o.network ?? 'fifo') === 'fifo' ? 5 : Math.max(1, 5 * n * (n - 1))),
    },
    faults: { crashes: o.crashes ?? 0, drops: o.drops ?? 0 },
    properties: [mutualExclusion(P), someoneEnters(P), everyoneEnters(P), ...starvationFree(P, o.n)],
    fairInputs: FAIR_MUTEX_INPUTS,
    within(st) {
      for (let p = 0; p < n; p++) if (st.nodes.P.get(p).local.clock > maxClock) return false;
      return true;
    },
    isLegalEnd: (st) => noneWaiting(P(st)),
  });
}
