/**
 * Mutual exclusion through a central coordinator, as an actor system: a coordinator `C` and processes
 * `P1..Pn` over an unordered network (Tanenbaum and van Steen, "Distributed Systems", 3rd ed., §6.3.2 "A
 * centralized algorithm"; course notes, ../shared/reference/ipc-and-coordination-notes.md, "Distributed
 * process coordination: distributed mutual exclusion").
 *
 * A process that wants its critical section sends `Request` to the coordinator and waits for `Grant`; on
 * leaving it sends `Release`. The coordinator grants the first request while nobody holds the grant, queues
 * the others in arrival order, and on a release grants the head of its queue. Three messages per entry;
 * the coordinator is a single point of failure, so the catalogue checks it without crashes (see
 * `token-ring-crash` for what a crash does to a protocol with one point of control); the fault budgets
 * exist so that a recorded run with faults can be validated against the model. The clients follow {@link MUTEX_INPUTS}.
 *
 * The network is unordered: a process's `Release` and its next `Request` may arrive in either order, and
 * the coordinator copes (a request from the holder is queued, and the release then grants it again).
 *
 * @example
 * ```ts
 * checkSync(centralMutex({ n: 3 })).verdict;                            // 'holds'
 * checkSync(centralMutex({ n: 3, variant: 'grant-all' })).verdict;      // 'violated' (mutualExclusion)
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
import { centralMutexMutants } from './mutants.js';
import type { CentralMutexVariant } from './mutants.js';
import { centralMutexRules, coordinatorLocal } from './rules.js';
import type { CentralMutexRules } from './rules.js';

/** The messages: a process's request and release, the coordinator's grant. */
export const CentralMutexMsg = messages({ Request: {}, Grant: {}, Release: {} });

/** Options of {@link centralMutex}. */
export interface CentralMutexOptions {
  /** Processes competing for the critical section, 1 to 6. */
  readonly n: number;
  /** The mutant to build (`mutants.ts`), or null for the correct protocol. @defaultValue null */
  readonly variant?: CentralMutexVariant | null;
  /** Fault budget: crashes (a crashed process restarts with its initial state). @defaultValue 0 */
  readonly crashes?: number;
  /** Fault budget: messages lost (the network is lossy when positive). @defaultValue 0 */
  readonly drops?: number;
  /** The network's capacity, to validate a recorded run with more in flight than the protocol's bound. @defaultValue that bound */
  readonly capacity?: number;
}

/** The coordinator (node 0): `holder` is the process holding the grant (0: nobody), `queue` the waiting ones. */
function coordinator(n: number, rules: CentralMutexRules) {
  return defineActor({
    kind: 'coordinator',
    state: coordinatorLocal(n),
    messages: CentralMutexMsg,
    initial: () => ({ holder: 0, queue: [] }),
    onMessage(st, from, msg, ctx) {
      match(msg)
        .with({ type: 'Request' }, () => {
          if (rules.grantsAtOnce(st)) {
            st.holder = from;
            ctx.send(from, { type: 'Grant' });
          } else st.queue.push(from);
        })
        .with({ type: 'Release' }, () => {
          // Only the holder releases; the head of the queue (if any) is next.
          const next = st.queue.length > 0 ? rules.next(st.queue) : 0;
          st.holder = next;
          if (next !== 0) ctx.send(next, { type: 'Grant' });
        })
        .with({ type: 'Grant' }, () => {})
        .exhaustive();
    },
  });
}

/** A process: asks the coordinator, enters on its grant, releases on leaving. */
const process = defineActor({
  kind: 'process',
  state: s.record({ phase: Phase }),
  messages: CentralMutexMsg,
  inputs: MUTEX_INPUTS,
  observations: [ENTER],
  initial: () => ({ phase: 'idle' as const }),
  onInput(st, input, ctx) {
    const coordinatorId = ctx.topology.group('C')[0]!;
    if (input === 'request') {
      if (st.phase !== 'idle') return false;
      st.phase = 'waiting';
      ctx.send(coordinatorId, { type: 'Request' });
    } else {
      if (st.phase !== 'cs') return false;
      st.phase = 'idle';
      ctx.send(coordinatorId, { type: 'Release' });
    }
    return true;
  },
  onMessage(st, _from, msg, ctx) {
    if (msg.type !== 'Grant' || st.phase !== 'waiting') return;
    st.phase = 'cs';
    ctx.observe(ENTER);
  },
});

function roles(o: CentralMutexOptions) {
  const rules: CentralMutexRules = { ...centralMutexRules, ...(o.variant ? centralMutexMutants[o.variant] : {}) };
  return { C: { actor: coordinator(o.n, rules), count: 1 }, P: { actor: process, count: o.n } };
}

/** A central-mutex state. */
export type CentralMutexView = SystemView<ReturnType<typeof roles>>;

/**
 * The central-coordinator mutex with its properties: `mutualExclusion`, the goals `someoneEnters` and
 * `everyoneEnters`, and no deadlock (a state where nothing can happen while a process waits).
 */
export function centralMutex(o: CentralMutexOptions): ActorSystem<ReturnType<typeof roles>> {
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > 6) throw new RangeError(`centralMutex: n must be an integer in [1, 6], got ${o.n}`);
  const P = (st: CentralMutexView) => st.nodes.P;
  return actorSystem({
    name: variantId('central-mutex', o.variant ?? null),
    roles: roles(o),
    // Per process at most two messages in flight: its Release and its next Request (or a Grant).
    network: { kind: 'unordered', lossy: (o.drops ?? 0) > 0, capacity: o.capacity ?? 2 * o.n },
    faults: { crashes: o.crashes ?? 0, drops: o.drops ?? 0 },
    properties: [mutualExclusion(P), someoneEnters(P), everyoneEnters(P), ...starvationFree(P, o.n)],
    fairInputs: FAIR_MUTEX_INPUTS,
    isLegalEnd: (st) => noneWaiting(P(st)),
  });
}
