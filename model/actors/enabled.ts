/**
 * The action list of an actor system's states, as the checker asks for it once per state: in a fixed order
 * (per live node its inputs, then its armed timers; the deliverable messages; drops and duplicates within
 * the budget; crashes; recoveries), which is what traces index into. Nothing is decoded and no action object
 * is made per state: actions that name no message are made once per system, those that name one come from
 * the {@link InFlightCache} by the message's packed words.
 *
 * @module
 */
import type { Model } from '../core/index.js';
import type { ActorAction } from './actions.js';
import type { AnyActor } from './actor.js';
import type { NodeInfo } from './effects.js';
import { InFlightCache } from './packed/inFlightCache.js';
import type { CachedInFlight } from './packed/inFlightCache.js';
import type { Network } from './network.js';
import type { FaultBudget } from './faultBudget.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What {@link actionLister} needs to know of a system. */
export interface ListerSpec {
  readonly nodes: readonly NodeInfo[];
  /** The actor of each node, by id. */
  readonly actorOf: readonly AnyActor[];
  readonly net: Network;
  /** Whether the network may lose messages. */
  readonly lossy: boolean;
  /** Whether it loses without a budget (fair-loss links). */
  readonly fairLoss: boolean;
  /** Whether messages to or from a down node may be lost (see `NetworkOptions.lossOnCrash`). */
  readonly lossOnCrash: boolean;
  readonly faults: FaultBudget;
  /** The message handlers see for a packed message. */
  message(flat: Record<string, unknown>): unknown;
  /** The view of node `id` in the state view `st`. */
  nodeOf(st: unknown, id: number): Any;
}

/** An action lister: {@link Model.actions} of an actor system, and the cache its message actions come from. */
export interface ActionLister {
  /** Where the `deliver`, `drop` and `duplicate` actions come from (a step looks its action up here). */
  readonly cache: InFlightCache;
  /** The actions of state `st`, a fresh array (of shared, frozen action objects) per call. */
  actions(st: Any): ActorAction[];
}

/** The action lister of a system. */
export function actionLister(spec: ListerSpec): ActionLister {
  const { nodes: info, actorOf, net, faults, nodeOf } = spec;
  const N = info.length;
  const cache = new InFlightCache(net, spec.message);
  const inputActs = actorOf.map((a, node) => a.inputs.map((input): ActorAction => Object.freeze({ type: 'input', node, input })));
  const timerActs = actorOf.map((a, node) => a.timerTable.slots.map(({ timer, key }): ActorAction => Object.freeze(key === undefined ? { type: 'timeout', node, timer } : { type: 'timeout', node, timer, key })));
  const crashActs = info.map(({ id: node }): ActorAction => Object.freeze({ type: 'crash', node }));
  const recoverActs = info.map(({ id: node }): ActorAction => Object.freeze({ type: 'recover', node }));
  // Scratch of one call (actions() runs no user code, so it is never re-entered).
  const up = new Uint8Array(N);
  const found: CachedInFlight[] = [];
  let nFound = 0;
  const visit = (link: number, at: number, deliverable: boolean, words: Int32Array): void => {
    found[nFound++] = cache.get(link, at, deliverable, words);
  };

  function actions(st: Any): ActorAction[] {
    const acts: ActorAction[] = [];
    for (let id = 0; id < N; id++) {
      const nd = nodeOf(st, id);
      up[id] = nd.up ? 1 : 0;
      if (up[id] === 0) continue;
      const inputs = inputActs[id]!;
      for (let j = 0; j < inputs.length; j++) acts.push(inputs[j]!);
      const timers = timerActs[id]!;
      const labels = actorOf[id]!.timerTable.labels;
      for (let j = 0; j < timers.length; j++) if (nd.timers.has(labels[j])) acts.push(timers[j]!);
    }
    nFound = 0;
    net.scan(st.net, visit);
    const n = nFound;
    for (let k = 0; k < n; k++) {
      const e = found[k]!;
      if (e.deliverable && up[e.to] === 1) acts.push(e.deliver);
    }
    if (spec.lossy && (spec.fairLoss || st.faults.drops < faults.drops)) for (let k = 0; k < n; k++) acts.push(found[k]!.drop);
    else if (spec.lossOnCrash) for (let k = 0; k < n; k++) if (up[found[k]!.to] === 0 || up[found[k]!.from] === 0) acts.push(found[k]!.drop);
    if (st.faults.duplicates < faults.duplicates) for (let k = 0; k < n; k++) acts.push(found[k]!.duplicate);
    if (st.faults.crashes < faults.crashes) for (let id = 0; id < N; id++) if (up[id] === 1) acts.push(crashActs[id]!);
    if (faults.recovery) for (let id = 0; id < N; id++) if (up[id] === 0) acts.push(recoverActs[id]!);
    return acts;
  }
  return { cache, actions };
}
