/**
 * The client side shared by the distributed mutual-exclusion protocols of the library (`central-mutex`,
 * `ricart-agrawala`, `lamport-mutex`, `token-ring`): one vocabulary of inputs, phases and observations, and
 * the properties every one of them is checked against.
 *
 * A node runs the loop of the course notes' critical-section problem (../shared/reference/ipc-and-
 * coordination-notes.md, "Critical Section Problem": entry section, critical section, exit section,
 * remainder). Its client drives the loop with two inputs: `request` (accepted only in phase `idle`: the
 * node runs its entry protocol and moves to `waiting`) and `release` (accepted only in phase `cs`: the node
 * runs its exit protocol and is `idle` again). The node itself moves from `waiting` to `cs` when its
 * protocol lets it, and says so with the observation `enter` — the only way a client of a running system
 * can tell, so a runtime workload measures the wait of an entry from its `request` to that observation.
 * The model checker offers both inputs whenever a node accepts them, which is every possible client.
 *
 * @example
 * ```ts
 * const node = defineActor({
 *   kind: 'node', state: s.record({ phase: Phase }), messages: Msg,
 *   inputs: MUTEX_INPUTS, observations: [ENTER],
 *   initial: () => ({ phase: 'idle' }),
 *   onInput(st, input, ctx) { ... },
 *   onMessage(st, from, msg, ctx) { ... },
 * });
 * actorSystem({ ..., properties: [mutualExclusion((st) => st.nodes.P), someoneEnters((st) => st.nodes.P)],
 *   isLegalEnd: (st) => noneWaiting(st.nodes.P) });
 * ```
 *
 * @module
 */
import { always, leadsTo, s, sometimes } from '../../core/index.js';
import type { Property } from '../../core/index.js';

/** Where a node is in its loop: remainder section, entry section, critical section. */
export const Phase = s.enum(['idle', 'waiting', 'cs']);

/** The client inputs of a mutual-exclusion node, in the order the checker offers them. */
export const MUTEX_INPUTS = ['request', 'release'] as const;

/** A client input of a mutual-exclusion node. */
export type MutexInput = (typeof MUTEX_INPUTS)[number];

/** The observation a node makes when it enters its critical section. */
export const ENTER = 'enter';

/** The nodes of one role of a system, as properties see them: crash flag, observations, phase. */
export interface MutexNodes {
  readonly length: number;
  /** Node `i` of the role: whether it is up, what it was seen to do, its phase. */
  get(i: number): MutexNode;
}

/** One node of a mutual-exclusion system, as properties see it. */
export interface MutexNode {
  readonly up: boolean;
  readonly seen: Observed;
  readonly local: { readonly phase: string };
}

/** A node's observations, as a set view. */
export interface Observed {
  /** Whether the node made observation `o` (at least once, at any time). */
  has(o: typeof ENTER): boolean;
}

/** How many live nodes are in their critical section (a crashed node's phase is reset to `idle` anyway). */
export function inCriticalSection(nodes: MutexNodes): number {
  let k = 0;
  for (let i = 0; i < nodes.length; i++) {
    const nd = nodes.get(i);
    if (nd.up && nd.local.phase === 'cs') k++;
  }
  return k;
}

/** Whether no live node is waiting: the legal ends of a mutual-exclusion system (else it is a deadlock). */
export function noneWaiting(nodes: MutexNodes): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const nd = nodes.get(i);
    if (nd.up && nd.local.phase === 'waiting') return false;
  }
  return true;
}

/** `mutualExclusion`: at most one node is in its critical section. */
export function mutualExclusion<V>(nodesOf: (st: V) => MutexNodes): Property<V> {
  return always<V>('mutualExclusion', (st) => inCriticalSection(nodesOf(st)) <= 1);
}

/** `someoneEnters` (non-vacuity): some node does enter its critical section. */
export function someoneEnters<V>(nodesOf: (st: V) => MutexNodes): Property<V> {
  return sometimes<V>('someoneEnters', (st) => inCriticalSection(nodesOf(st)) === 1);
}

/**
 * The inputs a client is sure to give once it may: it leaves its critical section (a system's `fairInputs`).
 * Requesting is the client's choice: a node may stay in its remainder section for good.
 */
export const FAIR_MUTEX_INPUTS: readonly MutexInput[] = ['release'];

/**
 * `starvationFree(Pi)`, per node `i` of `n`: a live node that waits eventually enters its critical section —
 * or crashes (a crashed node's wait is over). Under the actor layer's fairness and {@link FAIR_MUTEX_INPUTS}.
 */
export function starvationFree<V>(nodesOf: (st: V) => MutexNodes, n: number, name = (i: number) => `P${i + 1}`): Property<V>[] {
  return Array.from({ length: n }, (_, i) =>
    leadsTo<V>(
      `starvationFree(${name(i)})`,
      (st) => {
        const nd = nodesOf(st).get(i);
        return nd.up && nd.local.phase === 'waiting';
      },
      (st) => {
        const nd = nodesOf(st).get(i);
        return !nd.up || nd.local.phase === 'cs';
      },
    ),
  );
}

/** `everyoneEnters` (non-vacuity, per node): a state where every node has entered at least once. */
export function everyoneEnters<V>(nodesOf: (st: V) => MutexNodes): Property<V> {
  return sometimes<V>('everyoneEnters', (st) => {
    const nodes = nodesOf(st);
    for (let i = 0; i < nodes.length; i++) if (!nodes.get(i).seen.has(ENTER)) return false;
    return true;
  });
}
