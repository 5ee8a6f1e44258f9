/**
 * Ricart and Agrawala's distributed mutual exclusion, as an actor system, after G. Ricart, A. K. Agrawala,
 * "An Optimal Algorithm for Mutual Exclusion in Computer Networks", CACM 24(1), 1981 (the algorithm's
 * variables keep the paper's names: `ourSeq` is Our_Sequence_Number, `highest` Highest_Sequence_Number,
 * `deferred` Reply_Deferred); course notes, ../shared/reference/ipc-and-coordination-notes.md,
 * "distributed mutual exclusion".
 *
 * A process that wants its critical section picks a sequence number above every one it has received and sends
 * `Request(seq)` to every other process; it enters once all of them have replied. A process receiving a
 * request replies at once, unless it is itself in its critical section, or requesting with a request that
 * has priority — a smaller `(seq, id)` — in which case it defers the reply until it leaves. 2(n − 1)
 * messages per entry; no FIFO assumption, so the network is unordered. The paper assumes processes that
 * neither crash nor lose messages, and so does the catalogue (the fault budgets exist so that a recorded
 * run with faults can be validated against the model). The clients follow {@link MUTEX_INPUTS}.
 *
 * Sequence numbers grow without bound; the model bounds them by `maxSeq`: a process whose next sequence
 * number would exceed it refuses further requests (a runtime instance sets `maxSeq` far beyond any run).
 *
 * @example
 * ```ts
 * checkSync(ricartAgrawala({ n: 3, maxSeq: 3 })).verdict;                          // 'holds'
 * checkSync(ricartAgrawala({ n: 3, maxSeq: 3, variant: 'reply-in-cs' })).verdict;  // 'violated'
 * ```
 *
 * @module
 */
import { match } from 'ts-pattern';
import { s } from '../../core/index.js';
import { actorSystem, defineActor, messages } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { ENTER, FAIR_MUTEX_INPUTS, MUTEX_INPUTS, Phase, everyoneEnters, mutualExclusion, noneWaiting, someoneEnters, starvationFree } from '../coordination/mutexClient.js';
import { variantId } from '../protocol.js';
import { ricartAgrawalaMutants } from './mutants.js';
import type { RicartAgrawalaVariant } from './mutants.js';
import { ricartAgrawalaRules } from './rules.js';
import type { RicartAgrawalaRules } from './rules.js';

/** Options of {@link ricartAgrawala}. */
export interface RicartAgrawalaOptions {
  /** Processes, 1 to 5. */
  readonly n: number;
  /** The largest sequence number a request may carry, 1 to 2^31 − 1. */
  readonly maxSeq: number;
  /** The mutant to build (`mutants.ts`), or null for the correct protocol. @defaultValue null */
  readonly variant?: RicartAgrawalaVariant | null;
  /** Fault budget: crashes (a crashed process restarts with its initial state). @defaultValue 0 */
  readonly crashes?: number;
  /** Fault budget: messages lost (the network is lossy when positive). @defaultValue 0 */
  readonly drops?: number;
  /** The network's capacity, to validate a recorded run with more in flight than the protocol's bound. @defaultValue that bound */
  readonly capacity?: number;
}

/** The messages of processes using sequence numbers up to `maxSeq`. */
export function ricartAgrawalaMessages(maxSeq: number) {
  return messages({ Request: { seq: s.int(1, maxSeq) }, Reply: {} }, { format: (m) => (m.type === 'Request' ? `Request(${m.seq})` : 'Reply') });
}

function process(o: RicartAgrawalaOptions) {
  const { n, maxSeq } = o;
  const rules: RicartAgrawalaRules = { ...ricartAgrawalaRules, ...(o.variant ? ricartAgrawalaMutants[o.variant] : {}) };
  const Id = s.int(0, n - 1);
  const enter = (st: { phase: 'idle' | 'waiting' | 'cs' }, ctx: { observe(o: typeof ENTER): void }) => {
    st.phase = 'cs';
    ctx.observe(ENTER);
  };
  return defineActor({
    kind: 'process',
    state: s.record({ phase: Phase, ourSeq: s.int(0, maxSeq), highest: s.int(0, maxSeq), replies: s.set(Id), deferred: s.set(Id) }),
    messages: ricartAgrawalaMessages(maxSeq),
    inputs: MUTEX_INPUTS,
    observations: [ENTER],
    initial: () => ({ phase: 'idle' as const, ourSeq: 0, highest: 0, replies: [], deferred: [] }),
    onInput(st, input, ctx) {
      const self = ctx.self.id;
      if (input === 'request') {
        if (st.phase !== 'idle' || st.highest + 1 > maxSeq) return false;
        // As in the paper, only received requests raise Highest_Sequence_Number: a process whose requests
        // nobody overtakes may reuse its number, which is safe since priority matters only between
        // concurrent requests.
        st.ourSeq = st.highest + 1;
        st.phase = 'waiting';
        st.replies.clear();
        for (let j = 0; j < n; j++) if (j !== self) ctx.send(j, { type: 'Request', seq: st.ourSeq });
        if (n === 1) enter(st, ctx);
        return true;
      }
      if (st.phase !== 'cs') return false;
      st.phase = 'idle';
      for (const j of st.deferred.values()) ctx.send(j, { type: 'Reply' });
      st.deferred.clear();
      return true;
    },
    onMessage(st, from, msg, ctx) {
      const self = ctx.self.id;
      match(msg)
        .with({ type: 'Request' }, ({ seq }) => {
          if (seq > st.highest) st.highest = seq;
          // Requesting_Critical_Section covers both waiting and being inside; ours has priority if smaller.
          const busy = rules.requesting(st.phase);
          const ours = st.ourSeq < seq || (st.ourSeq === seq && self < from);
          if (busy && ours) st.deferred.add(from);
          else ctx.send(from, { type: 'Reply' });
        })
        .with({ type: 'Reply' }, () => {
          if (st.phase !== 'waiting') return;
          st.replies.add(from);
          if (st.replies.size === n - 1) enter(st, ctx);
        })
        .exhaustive();
    },
  });
}

function roles(o: RicartAgrawalaOptions) {
  return { P: { actor: process(o), count: o.n } };
}

/** A Ricart–Agrawala state. */
export type RicartAgrawalaView = SystemView<ReturnType<typeof roles>>;

/**
 * Ricart–Agrawala with its properties: `mutualExclusion`, the goals `someoneEnters` and `everyoneEnters`,
 * and no deadlock (a state where nothing can happen while a process waits).
 */
export function ricartAgrawala(o: RicartAgrawalaOptions): ActorSystem<ReturnType<typeof roles>> {
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > 5) throw new RangeError(`ricartAgrawala: n must be an integer in [1, 5], got ${o.n}`);
  if (!Number.isInteger(o.maxSeq) || o.maxSeq < 1 || o.maxSeq > 2 ** 31 - 1) throw new RangeError(`ricartAgrawala: maxSeq must be an integer in [1, 2^31 - 1], got ${o.maxSeq}`);
  const P = (st: RicartAgrawalaView) => st.nodes.P;
  return actorSystem({
    name: variantId('ricart-agrawala', o.variant ?? null),
    roles: roles(o),
    // On each ordered pair at most one Request (a process requests again only after entering, which needs
    // the reply to its previous one) and one Reply in flight.
    network: { kind: 'unordered', lossy: (o.drops ?? 0) > 0, capacity: o.capacity ?? Math.max(1, 2 * o.n * (o.n - 1)) },
    faults: { crashes: o.crashes ?? 0, drops: o.drops ?? 0 },
    properties: [mutualExclusion(P), someoneEnters(P), everyoneEnters(P), ...starvationFree(P, o.n)],
    fairInputs: FAIR_MUTEX_INPUTS,
    isLegalEnd: (st) => noneWaiting(P(st)),
  });
}
