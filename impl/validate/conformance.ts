/**
 * Conformance of a real run to its model: the run's steps, merged in happens-before order, replayed as
 * actions of the protocol's compiled actor system.
 *
 * Each recorded step becomes the action of the actor layer it is (Stateright's and TLA+'s trace
 * validation, on the project's own model):
 *
 * | recorded | model action |
 * |---|---|
 * | `start` of every node | the initial state (every `onStart` ran) |
 * | `deliver` of message `seq` of node `from` | `deliver from -> to : msg` |
 * | `timeout` | `timeout node : timer` (a keyed timer: `timer(key)`) |
 * | `input` | `input node : input` |
 * | `recover` (a new incarnation) | `crash node`, then `recover node` |
 * | a send no one received, whose sender or receiver later restarted | `drop` between that node's `crash` and `recover` (a crash resets its connections: `lossOnCrash`) |
 * | any other send no one received | `drop` (right after the send) on a lossy network; else it stays in flight |
 * | a send received k > 1 times | k - 1 × `duplicate` (right after the send) |
 *
 * On a duplicating network delivery does not consume a message, so neither losses nor copies need an
 * action there. Every action must be enabled in the model's state; the acting node's effects in the
 * model (sends, timers, durable writes by digest, deliveries, observations) must equal those recorded, in
 * order; the node's state after the step must have the recorded fingerprint; and every invariant of the
 * system must hold in every state reached. The model is the deployment's system built for the run's
 * budget (`systemForRun`): as many crashes, losses and copies as the run had, and room for as many messages
 * in flight. It is lossy if the protocol's network is, or if the network is FIFO and the run lost a message
 * no crash explains: on a reliable FIFO link such a message would block every later one, so the run can
 * only be explained as a lossy one (and the model then says whether the protocol tolerates that).
 *
 * @example
 * ```ts
 * const report = validateRun(readRun('runs/1'), findDeployment('twophase-log'));
 * report.verdict;   // 'conforms'
 * ```
 *
 * @module
 */
import { draftOf, encode, formatAction, isStateProperty, viewOf } from '../../model/core/index.js';
import type { AnyModel, Schema } from '../../model/core/index.js';
import type { ActorAction, ActorSystem, AnyActor, Deployment, Effect, MessageSchema, Roles, RunBudget } from '../../model/actors/index.js';
import { timerLabel } from '../../model/actors/index.js';
import { MergeError, bytesDigest, mergeTraces, nodeDigest } from '../trace/index.js';
import type { TraceEffect, TraceStep } from '../trace/index.js';
import { wireEncode } from '../wire/index.js';
import { brokenFifo } from './assumptions.js';
import type { RunTraces } from './runTraces.js';

/** One action of the replay, with the recorded step it stands for (none for network faults). */
export interface ReplayedAction {
  readonly action: ActorAction;
  /** The step's node and index in its trace, if the action is a node's step. */
  readonly node?: number;
  readonly step?: number;
}

/** Counts of what a run did. */
export interface RunCounts {
  /** Steps replayed. */
  readonly steps: number;
  /** Steps the traces hold but that could not be replayed: they follow a step a trace lost. */
  readonly unvalidated: number;
  readonly actions: number;
  readonly deliveries: number;
  readonly crashes: number;
  readonly drops: number;
  /** Of `drops`, the messages lost with a node that crashed (to or from it), outside the loss budget. */
  readonly crashDrops: number;
  readonly duplicates: number;
  readonly inFlight: number;
}

/** What the traces say they lack, and which nodes did not stop cleanly: one line each, for a person. */
export interface RunNotes {
  /** `trace of P1 incomplete after step 41; its log holds 1 more state record` */
  readonly gaps: readonly string[];
  /** `P2 killed at step 17` (its trace ends without a seal) */
  readonly killed: readonly string[];
}

/**
 * The outcome of {@link validateRun}. `conforms`: every recorded step was replayed and conforms; `partial`:
 * every step that could be replayed conforms, but some follow a step a trace lost (a power loss), so they
 * could not be (`notes.gaps` says where); `diverges` / `violates`: a step the model does not allow, or an
 * invariant false after a step; `assumption`: the run broke a premise of the model (frames reordered on
 * links it assumes FIFO), so it is not judged against it at all.
 */
export type Conformance =
  | { readonly verdict: 'conforms' | 'partial'; readonly protocol: string; readonly counts: RunCounts; readonly properties: readonly string[]; readonly notes: RunNotes }
  /** The run broke an assumption of the model (see `assumptions.ts`): it is not judged against it. */
  | { readonly verdict: 'assumption'; readonly protocol: string; readonly counts: RunCounts; readonly notes: RunNotes; readonly reason: string }
  | {
      readonly verdict: 'diverges' | 'violates';
      readonly protocol: string;
      readonly counts: RunCounts;
      readonly notes: RunNotes;
      /** The index of the offending action in the replay, and the action. */
      readonly at: number;
      readonly action: string;
      /** Where it was recorded: `P1.trace.jsonl line 17 (step 15, incarnation 1)`, if a node's step. */
      readonly where: string | null;
      /** What is wrong (`violates`: the invariant's name first). */
      readonly reason: string;
      readonly property?: string;
      /** The actions just before, formatted. */
      readonly context: readonly string[];
    };

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Send = Extract<TraceEffect, { kind: 'send' }>;

/** The actions a run stands for, in replay order, and its budget. */
export function runActions(
  run: RunTraces,
  network: { readonly kind: string; readonly lossy?: boolean },
): { actions: ReplayedAction[]; counts: RunCounts; starts: TraceStep[]; notes: RunNotes; lossy: boolean } {
  const nodes = run.traces.map((t) => t.steps);
  const { order, cut, gaps } = mergeTraces(run.traces);
  const key = (from: number, seq: number) => `${from}:${seq}`;
  const sends = new Map<string, { send: Send; from: number }>();
  const received = new Map<string, number>();
  // Only the steps that are replayed: a message received by a step left out is still in flight.
  nodes.forEach((all, from) => {
    for (const st of all.slice(0, cut[from])) {
      for (const e of st.effects) if (e.kind === 'send') sends.set(key(from, e.seq), { send: e, from });
      if (st.kind === 'deliver') received.set(key(st.from, st.seq), (received.get(key(st.from, st.seq)) ?? 0) + 1);
    }
  });
  const consuming = network.kind !== 'duplicating';
  // Where each node restarts in the merged order: a message nobody received that was in flight to or from
  // a node when it was killed is explained by that crash.
  const restarts = run.traces.map(() => [] as number[]);
  order.forEach(({ node, step }, i) => {
    if (nodes[node]![step]!.kind === 'recover') restarts[node]!.push(i);
  });
  const restartAfter = (node: number, i: number): number => restarts[node]!.find((r) => r > i) ?? -1;
  const lostBy = (from: number, to: number, i: number): number => {
    const a = restartAfter(from, i);
    const b = restartAfter(to, i);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  };
  // Losses no crash explains need a lossy network; on FIFO links they would otherwise block the link.
  let unexplained = 0;
  if (consuming) {
    order.forEach(({ node, step }, i) => {
      for (const e of nodes[node]![step]!.effects) if (e.kind === 'send' && !received.has(key(node, e.seq)) && lostBy(node, e.to, i) < 0) unexplained++;
    });
  }
  const lossy = network.lossy === true || (network.kind === 'fifo' && unexplained > 0);
  const lostAt = new Map<number, ActorAction[]>();
  const actions: ReplayedAction[] = [];
  const starts: TraceStep[] = [];
  let crashes = 0;
  let drops = 0;
  let crashDrops = 0;
  let duplicates = 0;
  let deliveries = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  order.forEach(({ node, step }, i) => {
    const st = nodes[node]![step]!;
    switch (st.kind) {
      case 'start':
        starts.push(st);
        break;
      case 'recover': {
        crashes++;
        actions.push({ action: { type: 'crash', node } });
        for (const lost of lostAt.get(i) ?? []) {
          inFlight--;
          actions.push({ action: lost });
        }
        actions.push({ action: { type: 'recover', node }, node, step });
        break;
      }
      case 'deliver': {
        const s = sends.get(key(st.from, st.seq));
        if (!s) throw new MergeError(`${run.traces[node]!.header.name}'s step ${st.n} delivers message ${st.seq} of ${run.header.nodes[st.from]}, which that node's trace never sent`);
        if (s.send.to !== node) throw new MergeError(`${run.traces[node]!.header.name}'s step ${st.n} delivers message ${st.seq} of ${run.header.nodes[st.from]}, which was sent to ${run.header.nodes[s.send.to]}`);
        deliveries++;
        if (consuming) inFlight--;
        actions.push({ action: { type: 'deliver', from: st.from, to: node, msg: st.msg }, node, step });
        break;
      }
      case 'timeout':
        actions.push({ action: st.key === undefined ? { type: 'timeout', node, timer: st.timer } : { type: 'timeout', node, timer: st.timer, key: st.key }, node, step });
        break;
      case 'input':
        actions.push({ action: { type: 'input', node, input: st.input }, node, step });
        break;
    }
    // The step's sends are all in flight before the network loses or copies any of them.
    const sent = st.effects.filter((e): e is Send => e.kind === 'send');
    inFlight += sent.length;
    maxInFlight = Math.max(maxInFlight, inFlight);
    for (const e of sent) {
      const k = received.get(key(node, e.seq)) ?? 0;
      // A duplicating network keeps every message in flight: a loss or a copy needs no action there.
      // `drops` counts the messages nobody received, whether or not they become actions.
      if (k === 0) drops++;
      if (!consuming) continue;
      if (k === 0) {
        const drop: ActorAction = { type: 'drop', from: node, to: e.to, msg: e.msg };
        const at = lostBy(node, e.to, i);
        if (at >= 0) {
          crashDrops++;
          const lost = lostAt.get(at);
          if (lost) lost.push(drop);
          else lostAt.set(at, [drop]);
        } else if (lossy) {
          inFlight--;
          actions.push({ action: drop });
        }
      }
      for (let c = 1; c < k; c++) {
        duplicates++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        actions.push({ action: { type: 'duplicate', from: node, to: e.to, msg: e.msg } });
      }
    }
    maxInFlight = Math.max(maxInFlight, inFlight);
  });
  const steps = order.length;
  const unvalidated = nodes.reduce((a, s) => a + s.length, 0) - steps;
  const names = run.header.nodes;
  const notes: RunNotes = {
    gaps: gaps.map((g) => {
      const after = g.afterStep < 0 ? 'before its first recorded step' : `after step ${g.afterStep}`;
      const why =
        g.records > 0
          ? `its log holds ${g.records} more state record${g.records === 1 ? '' : 's'}`
          : `${names[g.seenBy!.node]}'s step ${g.seenBy!.step} follows its step with clock ${g.seenBy!.clock}, which the trace lost`;
      return `trace of ${names[g.node]} incomplete ${after}; ${why}`;
    }),
    killed: run.traces
      .filter((t) => !t.sealed)
      .map((t) => `${t.header.name} killed at step ${t.steps.length - 1}${t.torn > 0 ? ` (its next line, ${t.torn} bytes, was cut off while being written)` : ''}`),
  };
  return { actions, starts, notes, counts: { steps, unvalidated, actions: actions.length, deliveries, crashes, drops, crashDrops, duplicates, inFlight: maxInFlight }, lossy };
}

/** Validates `run` against `deployment`'s system (see the module documentation). */
export function validateRun(run: RunTraces, deployment: Deployment): Conformance {
  // The network kind decides whether losses and copies are actions; any budget gives the same network.
  const probe = deployment.system(run.header.params, { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 });
  const { actions, starts, counts, notes, lossy } = runActions(run, probe.network);
  const fifo = probe.network.kind === 'fifo' ? brokenFifo(run) : null;
  if (fifo !== null) return { verdict: 'assumption', protocol: deployment.id, counts, notes, reason: fifo };
  const budget: RunBudget = { crashes: counts.crashes, drops: lossy ? counts.drops - counts.crashDrops : 0, duplicates: counts.duplicates, inFlight: Math.max(1, counts.inFlight) };
  const system: ActorSystem<Roles> = deployment.system(run.header.params, budget);
  const names = system.topology.nodes.map((n) => n.name);
  if (JSON.stringify(names) !== JSON.stringify(run.header.nodes)) {
    throw new Error(`the traces name nodes ${run.header.nodes.join(', ')} but ${deployment.id} with these parameters has ${names.join(', ')}`);
  }
  const actorOf = (id: number): AnyActor => system.roles[system.topology.nodes[id]!.role]!.actor;
  const msgs = actorOf(0).messages as MessageSchema;
  const fmtMsg = (m: unknown) => msgs.format(m as never);
  // The model's own formatting, so that validate and the checker print an action alike.
  const label = (a: ActorAction) => formatAction(system as AnyModel, a);
  const msgBytes = (m: unknown) => bytesDigest(wireEncode(msgs.flat, msgs.toFlat(m as never) as never));
  const where = (r: ReplayedAction) => {
    if (r.node === undefined) return null;
    const st = run.traces[r.node]!.steps[r.step!]!;
    return `${names[r.node]}.trace.jsonl line ${st.n + 2} (step ${st.n}, incarnation ${st.inc})`;
  };
  const always = system.properties.filter(isStateProperty).filter((p) => p.kind === 'always');
  const view = viewOf(system.state as Schema);
  const draft = draftOf(system.state as Schema);
  let words = encode(system.state as Schema, [...system.initialStates()][0] as never);
  const at = (w: Int32Array): Any => {
    view.bind(w, 0);
    return view.view;
  };
  const fail = (verdict: 'diverges' | 'violates', i: number, reason: string, property?: string): Conformance => ({
    verdict,
    protocol: deployment.id,
    counts,
    notes,
    at: i,
    action: i < 0 ? 'initial state' : label(actions[i]!.action),
    where: i < 0 ? null : where(actions[i]!),
    reason,
    ...(property ? { property } : {}),
    context: actions.slice(Math.max(0, i - 8), Math.max(0, i)).map((r) => label(r.action)),
  });
  const digestOf = (w: Int32Array, id: number) => {
    const v = system.nodeValue(at(w), id);
    const a = actorOf(id);
    return nodeDigest(a, v.timers, encode(a.state as Schema, v.local as never), encode(a.durable as Schema, v.durable as never));
  };

  // The initial state: every node started, and its state is the one recorded.
  for (const st of starts) {
    const id = run.traces.findIndex((t) => t.steps[0] === st);
    if (digestOf(words, id) !== st.fp) return fail('diverges', -1, `${names[id]}'s state after its start differs from the model's initial state`);
  }
  for (const p of always) if (!p.holds(at(words))) return fail('violates', -1, `${p.name} is false in the initial state`, p.name);

  // A model effect in the trace's form (a durable write as the digest of its bytes), so that one pair of
  // renderers serves both sides: `key` compares them exactly, `show` prints them for a person.
  const asRecorded = (id: number, e: Effect): TraceEffect =>
    e.kind === 'persist'
      ? { kind: 'persist', digest: bytesDigest(wireEncode(actorOf(id).durable as Schema, e.durable as never)) }
      : e.kind === 'send'
        ? { kind: 'send', to: e.to, seq: 0, msg: e.msg }
        : (e as TraceEffect);
  const render = (e: TraceEffect, msg: (m: unknown) => string, digest: (d: string) => string): string => {
    switch (e.kind) {
      case 'send':
        return `send ${names[e.to]} ${msg(e.msg)}`;
      case 'persist':
        return `persist ${digest(e.digest)}`;
      case 'deliver':
        return `deliver ${names[e.from]} ${msg(e.msg)}`;
      case 'observe':
        return `observe ${e.observation}`;
      default:
        return `${e.kind} ${timerLabel(e.timer, e.key)}`;
    }
  };
  const key = (e: TraceEffect): string => render(e, msgBytes, (d) => d);
  const show = (e: TraceEffect): string => render(e, fmtMsg, (d) => `#${d.slice(0, 8)}`);

  for (let i = 0; i < actions.length; i++) {
    const r = actions[i]!;
    let a = r.action;
    if ((a.type === 'drop' || a.type === 'duplicate') && system.network.kind === 'fifo') {
      // On a FIFO link the model names the message by its position: the one just sent is the last.
      const x = a as Any;
      const cands = system.actions(at(words)).filter((b: Any) => b.type === x.type && b.from === x.from && b.to === x.to && msgBytes(b.msg) === msgBytes(x.msg));
      if (cands.length > 0) a = cands[cands.length - 1]!;
    }
    const out = Int32Array.from(words);
    draft.bind(out, 0);
    let effects: readonly Effect[] | undefined;
    try {
      effects = system.nextEffects(at(words), a, draft.view as never);
    } catch (e) {
      return fail('diverges', i, `the model cannot take this step: ${(e as Error).message}`);
    }
    if (effects === undefined) return fail('diverges', i, disabledReason(system, words, a, at));
    if (r.node !== undefined) {
      const st = run.traces[r.node]!.steps[r.step!]!;
      const want = effects.map((e) => key(asRecorded(r.node!, e)));
      const got = st.effects.map(key);
      const k = want.findIndex((w, j) => w !== got[j]);
      if (k >= 0 || want.length !== got.length) {
        const j = k >= 0 ? k : Math.min(want.length, got.length);
        return fail(
          'diverges',
          i,
          `effect ${j + 1} differs: the model's node does [${effects.map((e) => show(asRecorded(r.node!, e))).join('; ')}], the real one did [${st.effects.map(show).join('; ')}]`,
        );
      }
      if (digestOf(out, r.node) !== st.fp) return fail('diverges', i, `${names[r.node]}'s state after the step differs from the model's (fingerprint ${st.fp}, model ${digestOf(out, r.node)})`);
    }
    for (const p of always) if (!p.holds(at(out))) return fail('violates', i, `invariant ${p.name} is violated after this step`, p.name);
    words = out;
  }
  return { verdict: counts.unvalidated > 0 ? 'partial' : 'conforms', protocol: deployment.id, counts, notes, properties: always.map((p) => p.name) };
}

/** Why `a` is disabled in `words`, in the model's terms. */
function disabledReason(system: ActorSystem<Roles>, words: Int32Array, a: ActorAction, at: (w: Int32Array) => Any): string {
  const names = system.topology.nodes.map((n) => n.name);
  const st = at(words);
  switch (a.type) {
    case 'deliver':
      if (!system.nodeValue(st, a.to).up) return `${names[a.to]} is down in the model`;
      return `the model's network holds no such message from ${names[a.from]} to ${names[a.to]} (never sent by the model's ${names[a.from]}, or already consumed)`;
    case 'timeout':
      return `timer ${timerLabel(a.timer, a.key)} of ${names[a.node]} is not armed in the model (armed: ${system.nodeValue(st, a.node).timers.join(', ') || 'none'})`;
    case 'input':
      return `${names[a.node]} refuses this input in the model's state`;
    case 'drop':
    case 'duplicate':
      return `the model cannot ${a.type} it (not in flight, or the network is full)`;
    case 'crash':
    case 'recover':
      return `the model does not allow ${names[a.node]} to ${a.type} here`;
  }
}
