/**
 * Actor systems: a set of actors, a network semantics, a fault budget and properties, compiled to a
 * Level-0 packed {@link Model} whose actions are the events of a distributed run — deliver a message, drop
 * or duplicate one, fire a timer, crash or recover a node, offer a client input. The checker then explores
 * every order of these events within the budget: every delivery order the network allows, every loss and
 * duplication up to `drops` and `duplicates`, every crash up to `crashes` at every point, and every
 * recovery.
 *
 * Faults. A crash (at most `crashes` in a run) stops a node: its volatile state is reset, its timers are
 * disarmed, messages to it stay in flight (undeliverable while it is down). With `recovery` (the default)
 * the node may later restart: `onRecover` gets its durable record (crash-recover); without, it stays down
 * (crash-stop). Timers fire nondeterministically: an armed timer may fire at any step, which models every
 * possible timeout length at once. A state where nothing can happen is a legal end by default (a quiet
 * system), not a deadlock.
 *
 * @example
 * ```ts
 * const ping = actorSystem({
 *   name: 'ping',
 *   roles: { A: { actor: pinger, count: 1 }, B: { actor: ponger, count: 1 } },
 *   network: { kind: 'unordered', lossy: true, capacity: 2 },
 *   faults: { drops: 1 },
 *   properties: [always('bounded', (st) => st.nodes.B.get(0).local.pings <= 1)],
 * });
 * checkSync(ping).verdict;   // 'holds'
 * ```
 *
 * @module
 */
import { decode, defineModel, draftOf, encode, formatValue, viewOf } from '../core/index.js';
import type { DraftOf, Model, ModelEvent, Property } from '../core/index.js';
import type { ActorAction } from './actions.js';
import { formatActorAction } from './actions.js';
import { HANDLER, runHandler } from './runHandler.js';
import type { HandlerKind } from './runHandler.js';
import type { AnyActor } from './actor.js';
import { EffectRecorder } from './effects.js';
import type { Effect, NodeInfo, Topology } from './effects.js';
import { ghost } from './ghost.js';
import { actionLister } from './enabled.js';
import { SlotEncoder } from './packed/slotEncoder.js';
import type { GhostOptions } from './ghost.js';
import type { MessageSchema } from './messages.js';
import { zeroValue } from './messages.js';
import { network } from './network.js';
import type { NetworkOptions } from './network.js';
import { systemSchema } from './systemState.js';
import type { Roles, SystemSchema, SystemView } from './systemState.js';
import { topology } from './topology.js';
import type { FaultBudget } from './faultBudget.js';
import { assign, read } from './values.js';
import { timerLabel } from './timers.js';


/** The definition of an actor system. */
export interface ActorSystemDefinition<R extends Roles> {
  readonly name: string;
  /** The roles, in node-id order: `{ C: { actor: coordinator, count: 1 }, P: { actor: participant, count: 3 } }`. */
  readonly roles: R;
  readonly network: NetworkOptions;
  readonly faults?: Partial<FaultBudget>;
  /** Enables the ghost causality layer (needed by `fifoDelivery` and the like). @defaultValue disabled */
  readonly ghost?: GhostOptions;
  readonly properties?: readonly Property<SystemView<R>>[];
  /** A state constraint, as for any model. */
  within?(state: SystemView<R>): boolean;
  /** Whether a state with nothing left to do is a legal end. @defaultValue always */
  isLegalEnd?(state: SystemView<R>): boolean;
}

/** A compiled actor system: a packed model, plus its membership. */
export interface ActorSystem<R extends Roles> extends Model<SystemSchema<R>, ActorAction> {
  readonly topology: Topology;
  /**
   * The roles as defined, in node-id order: the actors themselves, so that a runtime can host exactly the
   * handlers this model runs (node `id` plays `roles[topology.nodes[id].role].actor`).
   */
  readonly roles: R;
  /** The network semantics, as defined. */
  readonly network: NetworkOptions;
  /** The definition it was compiled from (a system for validating a run is rebuilt from it, see `runSystem.ts`). */
  readonly definition: ActorSystemDefinition<R>;
  /** The fault budget, with defaults filled in. */
  readonly faults: FaultBudget;
  /** The view of node `id` in `state` (fields `up`, `timers`, `seen`, `local`, `durable`). */
  node(state: SystemView<R>, id: number): unknown;
  /** Node `id` of `state` as plain values: its crash flag, armed timers, observations, volatile and durable state. */
  nodeValue(state: SystemView<R>, id: number): { up: boolean; timers: string[]; seen: string[]; local: unknown; durable: unknown };
  /**
   * {@link Model.next}, also returning the effects the acting node's handler described, in call order
   * (empty for `crash`, `drop` and `duplicate`), or `undefined` if the action is disabled. Validation of
   * a recorded run compares them with the effects the real node performed.
   */
  nextEffects(state: SystemView<R>, action: ActorAction, out: DraftOf<SystemSchema<R>>): readonly Effect[] | undefined;
}

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function misuse(name: string, message: string): never {
  throw new TypeError(`actorSystem(${name}): ${message}`);
}

/** Compiles an actor system to a packed model. */
export function actorSystem<R extends Roles>(def: ActorSystemDefinition<R>): ActorSystem<R> {
  const { name } = def;
  const roles = Object.entries(def.roles);
  if (roles.length === 0) misuse(name, 'needs at least one role');
  const topo = topology(Object.fromEntries(roles.map(([role, r]) => [role, r.count])));
  const info = topo.nodes;
  const N = info.length;
  const names = info.map((n) => n.name);
  const actorOf: AnyActor[] = info.map((n) => def.roles[n.role]!.actor);
  const msgs = actorOf[0]!.messages as MessageSchema;
  for (const a of actorOf) if (a.messages !== msgs) misuse(name, `actor ${a.kind} uses another message schema; all actors of a system share one`);

  const faults: FaultBudget = { crashes: 0, drops: 0, duplicates: 0, recovery: true, ...def.faults };
  for (const k of ['crashes', 'drops', 'duplicates'] as const) {
    if (!Number.isInteger(faults[k]) || faults[k] < 0) misuse(name, `fault budget ${k} must be a non-negative integer, got ${faults[k]}`);
  }
  if (faults.drops > 0 && def.network.lossy !== true) misuse(name, `drops = ${faults.drops} needs a lossy network`);
  if (faults.duplicates > 0 && def.network.kind === 'duplicating') misuse(name, 'a duplicating network duplicates freely; the duplicates budget does not apply');
  const net = network(def.network, N, msgs.flat);
  const gh = ghost(def.ghost, N, msgs.flat);
  const enc = new SlotEncoder(msgs, net.slot, net.slotWords, def.network.kind !== 'fifo');
  const state = systemSchema(def.roles, net.schema, faults, gh.schema);

  // A view's node views are fixed objects (a view is a cursor), so they are looked up once per root view:
  // a few roots recur (the checker's state view and successor draft), any other just takes a slot.
  const rootsSeen: unknown[] = [];
  const nodesSeen: Any[][] = [];
  let nextSlot = 0;
  const nodesOf = (root: unknown): Any[] => {
    for (let i = 0; i < rootsSeen.length; i++) if (rootsSeen[i] === root) return nodesSeen[i]!;
    const nodes = info.map((n) => (root as Any).nodes[n.role].get(n.index));
    rootsSeen[nextSlot] = root;
    nodesSeen[nextSlot] = nodes;
    nextSlot = (nextSlot + 1) % 4;
    return nodes;
  };
  const nodeOf = (root: unknown, id: number): Any => nodesOf(root)[id];
  const { cache, actions } = actionLister({ nodes: info, actorOf, net, lossy: def.network.lossy === true, lossOnCrash: def.network.lossOnCrash === true, faults, message: (flat: Record<string, unknown>) => msgs.fromFlat(flat), nodeOf });
  const fmtMsg = (m: unknown) => msgs.format(m as never);
  const fmtInput = (id: number, input: unknown) => actorOf[id]!.formatInput?.(input) ?? (typeof input === 'string' ? input : JSON.stringify(input));

  /** Applies the effects of a step of node `id` to the successor `out`. */
  function apply(id: number, out: Any, effects: readonly Effect[]): void {
    const nd = nodeOf(out, id);
    for (const e of effects) {
      switch (e.kind) {
        case 'send': {
          if (!(Number.isInteger(e.to) && e.to >= 0 && e.to < N)) throw new TypeError(`${names[id]} sends to unknown node ${e.to}`);
          if (!gh.enabled) {
            const words = enc.encode(id, e.to, e.msg);
            if (words !== null && net.sendSlot(out.net, id, e.to, words)) break;
          }
          const flat = msgs.toFlat(e.msg as never);
          gh.onSend(out.ghost, id, e.to, flat);
          net.send(out.net, id, e.to, flat, () => `send ${names[id]} -> ${names[e.to]} : ${fmtMsg(e.msg)}`);
          break;
        }
        case 'setTimer':
          nd.timers.add(actorOf[id]!.timerTable.slot(e.timer, e.key).label);
          break;
        case 'cancelTimer':
          nd.timers.delete(actorOf[id]!.timerTable.slot(e.timer, e.key).label);
          break;
        case 'persist':
          assign(actorOf[id]!.durable, nd.durable, e.durable);
          break;
        case 'deliver':
          gh.onDeliver(out.ghost, id, e.from, msgs.toFlat(e.msg as never));
          break;
        case 'observe':
          nd.seen.add(e.observation);
          break;
      }
    }
  }

  /** The recorders of each node for the root `out` last stepped into: one per node, reset per step. */
  let recOut: unknown = null;
  let recorders: EffectRecorder[] = [];
  function recorder(id: number, out: Any): EffectRecorder {
    if (out !== recOut) {
      recorders = info.map((n) => {
        const nd = nodeOf(out, n.id);
        const durable = actorOf[n.id]!.durable;
        return new EffectRecorder(n, topo, () => read(durable, nd.durable), durable);
      });
      recOut = out;
    }
    const ctx = recorders[id]!;
    ctx.reset();
    return ctx;
  }

  /** Runs a handler of node `id` on the successor `out`; returns what the handler returned. */
  function run(id: number, out: Any, sink: Effect[] | null, handler: HandlerKind, from: number, arg: Any): unknown {
    const local = nodeOf(out, id).local;
    const actor = actorOf[id]!;
    const ctx: Any = recorder(id, out);
    const result = runHandler(actor, handler, local, from, arg, ctx);
    if (result === false) return false;
    const effects: Effect[] = ctx.effects;
    apply(id, out, effects);
    if (sink !== null) for (let k = 0; k < effects.length; k++) sink.push(effects[k]!);
    return result;
  }

  /** The successor of `st` by `a` into `out`; false if disabled. Effects of the acting node go to `sink`. */
  function step(st: Any, a: ActorAction, out: Any, sink: Effect[] | null): boolean {
    switch (a.type) {
      case 'deliver': {
        if (!nodeOf(st, a.to).up) return false;
        const e = cache.entryOf(a);
        let msg: unknown;
        if (e !== undefined) {
          if (!net.takeSlot(out.net, e.link, e.words)) return false;
          msg = e.msg;
        } else {
          const flat = msgs.toFlat(a.msg as never);
          if (!net.take(out.net, { from: a.from, to: a.to, flat })) return false;
          msg = msgs.fromFlat(flat);
        }
        run(a.to, out, sink, HANDLER.message, a.from, msg);
        return true;
      }
      case 'drop': {
        // A loss that a crash of either end explains (lossOnCrash), outside the budget; or one within it.
        const byCrash = def.network.lossOnCrash === true && (!nodeOf(st, a.to).up || !nodeOf(st, a.from).up);
        const budgeted = !byCrash && def.network.lossy === true && st.faults.drops < faults.drops;
        if (!byCrash && !budgeted) return false;
        const e = cache.entryOf(a);
        if (e !== undefined ? !net.dropSlot(out.net, e.link, e.at, e.words) : !net.drop(out.net, { from: a.from, to: a.to, flat: msgs.toFlat(a.msg as never), ...(a.at !== undefined ? { at: a.at } : {}) })) return false;
        if (budgeted) out.faults.drops = st.faults.drops + 1;
        return true;
      }
      case 'duplicate': {
        if (st.faults.duplicates >= faults.duplicates) return false;
        if (!net.duplicate(out.net, { from: a.from, to: a.to, flat: msgs.toFlat(a.msg as never), ...(a.at !== undefined ? { at: a.at } : {}) })) return false;
        out.faults.duplicates = st.faults.duplicates + 1;
        return true;
      }
      case 'timeout': {
        const nd = nodeOf(st, a.node);
        const slot = actorOf[a.node]!.timerTable.slot(a.timer, a.key);
        if (!nd.up || !nd.timers.has(slot.label)) return false;
        nodeOf(out, a.node).timers.delete(slot.label);
        run(a.node, out, sink, HANDLER.timer, -1, slot);
        return true;
      }
      case 'input': {
        if (!nodeOf(st, a.node).up) return false;
        return run(a.node, out, sink, HANDLER.input, -1, a.input) !== false;
      }
      case 'crash': {
        if (!nodeOf(st, a.node).up || st.faults.crashes >= faults.crashes) return false;
        const nd = nodeOf(out, a.node);
        nd.up = false;
        nd.timers.clear();
        assign(actorOf[a.node]!.state, nd.local, actorOf[a.node]!.initial(info[a.node]!));
        out.faults.crashes = st.faults.crashes + 1;
        return true;
      }
      case 'recover': {
        if (!faults.recovery || nodeOf(st, a.node).up) return false;
        const nd = nodeOf(out, a.node);
        nd.up = true;
        const durable: Any = read(actorOf[a.node]!.durable, nd.durable);
        run(a.node, out, sink, HANDLER.recover, -1, durable);
        return true;
      }
    }
  }

  function initial(): unknown {
    const nodes: Record<string, unknown[]> = {};
    for (const n of info) {
      const a = actorOf[n.id]!;
      (nodes[n.role] ??= []).push({ up: true, timers: [], seen: [], local: a.initial(n), durable: a.initialDurable });
    }
    const value = { nodes, net: zeroValue(net.schema), faults: { crashes: 0, drops: 0, duplicates: 0 }, ghost: zeroValue(gh.schema) };
    const words = encode(state, value as never);
    const d = draftOf(state);
    d.bind(words, 0);
    for (const n of info) run(n.id, d.view, null, HANDLER.start, -1, undefined);
    return decode(state, words);
  }

  const replayView = viewOf(state);
  const replayDraft = draftOf(state);

  /** The events of one step, for sequence diagrams: the action itself, then what the handler did. */
  function events(a: ActorAction | null, before: unknown, after: unknown): ModelEvent[] {
    if (a === null) {
      // The initial state: the messages the start handlers sent are in flight.
      replayView.bind(encode(state, after as never), 0);
      return net.inFlight((replayView.view as Any).net).map((m) => ({ kind: 'send', from: names[m.from]!, to: names[m.to]!, label: fmtMsg(msgs.fromFlat(m.flat)) }));
    }
    const words = encode(state, before as never);
    const out = Int32Array.from(words);
    replayView.bind(words, 0);
    replayDraft.bind(out, 0);
    const sink: Effect[] = [];
    if (!step(replayView.view, a, replayDraft.view, sink)) return [];
    const evs: ModelEvent[] = [];
    let actor: number;
    switch (a.type) {
      case 'deliver':
      case 'drop':
      case 'duplicate':
        evs.push({ kind: a.type, from: names[a.from]!, to: names[a.to]!, label: fmtMsg(a.msg) });
        actor = a.to;
        break;
      case 'timeout':
        evs.push({ kind: 'timeout', node: names[a.node]!, label: `timeout ${timerLabel(a.timer, a.key)}` });
        actor = a.node;
        break;
      case 'input':
        evs.push({ kind: 'local', node: names[a.node]!, label: `input ${fmtInput(a.node, a.input)}` });
        actor = a.node;
        break;
      case 'crash':
      case 'recover':
        evs.push({ kind: a.type, node: names[a.node]!, label: a.type });
        actor = a.node;
        break;
    }
    for (const e of sink) {
      const node = names[actor]!;
      if (e.kind === 'send') evs.push({ kind: 'send', from: node, to: names[e.to]!, label: fmtMsg(e.msg) });
      else if (e.kind === 'persist') evs.push({ kind: 'local', node, label: `persist ${formatValue(e.durable)}` });
      else if (e.kind === 'deliver') evs.push({ kind: 'local', node, label: `deliver ${fmtMsg(e.msg)} from ${names[e.from]}` });
      else if (e.kind === 'observe') evs.push({ kind: 'local', node, label: e.observation });
    }
    return evs;
  }

  const model = defineModel<SystemSchema<R>, ActorAction>({
    name,
    state,
    initialStates: () => [initial() as never],
    actions: actions as never,
    next: (st, a, out) => step(st, a, out, null),
    properties: def.properties ?? [],
    ...(def.within ? { within: def.within } : {}),
    isLegalEnd: def.isLegalEnd ?? (() => true),
    formatAction: (a) => formatActorAction(a, { names, message: fmtMsg, input: fmtInput }),
    participants: names,
    events: (a, before, after) => events(a, before, after),
  });
  return {
    ...model,
    topology: topo,
    roles: def.roles,
    network: def.network,
    definition: def,
    faults,
    node: (st, id) => nodeOf(st, id),
    nodeValue(st, id) {
      const nd = nodeOf(st, id);
      const a = actorOf[id]!;
      return { up: nd.up, timers: nd.timers.values(), seen: nd.seen.values(), local: read(a.state, nd.local), durable: read(a.durable, nd.durable) };
    },
    nextEffects(st, a, out) {
      const sink: Effect[] = [];
      return step(st, a, out, sink) ? sink : undefined;
    },
  };
}
