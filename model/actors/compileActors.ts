/**
 * The actor layer's compiler: a checked actor system definition (see `actorSystem.ts`) to a Level-0 packed
 * model. Its state is the schema of `systemState.ts`; its actions are listed by `enabled.ts`; a step runs
 * one handler of one node (`runHandler.ts`) on a draft of the successor and applies the effects the handler
 * described — sends to the network (on the packed fast path of `packed/` when no ghost state is kept),
 * timers to the node's armed-slot set, a persist to its durable record, deliveries and observations to the
 * ghost state. `events` replays a step for sequence diagrams.
 *
 * @module
 */
import { decode, defineModel, draftOf, encode, formatValue, strongFairness, viewOf, weakFairness } from '../core/index.js';
import type { ModelEvent } from '../core/index.js';
import type { ActorAction } from './actions.js';
import { formatActorAction } from './actions.js';
import { HANDLER, runHandler } from './runHandler.js';
import type { HandlerKind } from './runHandler.js';
import { EffectRecorder } from './effects.js';
import type { Effect } from './effects.js';
import { ghost } from './ghost.js';
import { actionLister } from './enabled.js';
import { SlotEncoder } from './packed/slotEncoder.js';
import { zeroValue } from './messages.js';
import { network } from './network.js';
import { systemSchema } from './systemState.js';
import type { Roles, SystemSchema } from './systemState.js';
import { assign, read } from './values.js';
import { timerLabel } from './timers.js';
import type { ActorSystem, CheckedSystem } from './actorSystemTypes.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Compiles the checked system `c` to a packed model. */
export function compileActors<R extends Roles>(c: CheckedSystem<R>): ActorSystem<R> {
  const { def, topology: topo, actorOf, messages: msgs, faults } = c;
  const { name } = def;
  const info = topo.nodes;
  const N = info.length;
  const names = info.map((n) => n.name);
  const fairInputs = new Set((def.fairInputs ?? []).map((i) => JSON.stringify(i)));
  const net = network(def.network, N, msgs.flat);
  const gh = ghost(def.ghost, N, msgs.flat);
  const enc = new SlotEncoder(msgs, net.slot, net.slotWords, def.network.kind !== 'fifo');
  const state = systemSchema(def.roles, net.schema, faults, gh.schema, def.inputs);
  const inputBudget = def.inputs;

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
  const { cache, actions } = actionLister({ nodes: info, actorOf, net, lossy: def.network.lossy === true, fairLoss: def.network.fairLoss === true, lossOnCrash: def.network.lossOnCrash === true, faults, message: (flat: Record<string, unknown>) => msgs.fromFlat(flat), nodeOf });
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
        // A declined message (a guarded receive) is not deliverable in this state.
        return run(a.to, out, sink, HANDLER.message, a.from, msg) !== false;
      }
      case 'drop': {
        // A loss that a crash of either end explains (lossOnCrash), outside the budget; or one within it.
        const byCrash = def.network.lossOnCrash === true && (!nodeOf(st, a.to).up || !nodeOf(st, a.from).up);
        const fairLoss = def.network.fairLoss === true;
        const budgeted = !byCrash && def.network.lossy === true && (fairLoss || st.faults.drops < faults.drops);
        if (!byCrash && !budgeted) return false;
        const e = cache.entryOf(a);
        if (e !== undefined ? !net.dropSlot(out.net, e.link, e.at, e.words) : !net.drop(out.net, { from: a.from, to: a.to, flat: msgs.toFlat(a.msg as never), ...(a.at !== undefined ? { at: a.at } : {}) })) return false;
        if (budgeted && !fairLoss) out.faults.drops = st.faults.drops + 1;
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
        if (inputBudget === undefined) return run(a.node, out, sink, HANDLER.input, -1, a.input) !== false;
        if (st.faults.inputs >= inputBudget || run(a.node, out, sink, HANDLER.input, -1, a.input) === false) return false;
        out.faults.inputs = st.faults.inputs + 1;
        return true;
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

  function initial(choice: readonly unknown[] = []): unknown {
    const nodes: Record<string, unknown[]> = {};
    for (const n of info) {
      const a = actorOf[n.id]!;
      (nodes[n.role] ??= []).push({ up: true, timers: [], seen: [], local: choice[n.id] ?? a.initial(n), durable: a.initialDurable });
    }
    const value = { nodes, net: zeroValue(net.schema), faults: { crashes: 0, drops: 0, duplicates: 0, ...(inputBudget === undefined ? {} : { inputs: 0 }) }, ghost: zeroValue(gh.schema) };
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
    initialStates: () => (def.initialChoices === undefined ? [initial() as never] : def.initialChoices.map((c) => initial(c) as never)),
    actions: actions as never,
    next: (st, a, out) => step(st, a, out, null),
    properties: def.properties ?? [],
    fairness: def.fairness ?? [
      // Over fair-loss links a message may be lost every time but one: only strong fairness delivers it.
      (def.network.fairLoss === true ? strongFairness<ActorAction> : weakFairness<ActorAction>)('delivery', (a) => (a.type === 'deliver' ? `${names[a.from]} -> ${names[a.to]} : ${JSON.stringify(a.msg)}` : null)),
      weakFairness<ActorAction>('timers', (a) => (a.type === 'timeout' ? `${names[a.node]} ${timerLabel(a.timer, a.key)}` : null)),
      weakFairness<ActorAction>('recovery', (a) => (a.type === 'recover' ? names[a.node]! : null)),
      ...(fairInputs.size > 0 ? [weakFairness<ActorAction>('client', (a) => (a.type === 'input' && fairInputs.has(JSON.stringify(a.input)) ? `${names[a.node]} ${fmtInput(a.node, a.input)}` : null))] : []),
    ],
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
