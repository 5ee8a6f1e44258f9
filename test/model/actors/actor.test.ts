import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { s } from '../../../model/core/index.js';
import {
  EffectRecorder,
  actorSystem,
  defineActor,
  deliveredWereSent,
  fifoDelivery,
  messages,
  noDuplicateDelivery,
  topology,
} from '../../../model/actors/index.js';
import { PingMsg, pinger, ponger } from './ping.js';
import { walk } from './walk.js';

/** A counter with a volatile count, a durable copy written on `save`, and a timer armed by `inc`. */
const Msg = messages({ Hello: {} });
const counter = defineActor({
  kind: 'counter',
  state: s.record({ count: s.int(0, 3), hellos: s.int(0, 2) }),
  durable: s.record({ saved: s.int(0, 3) }),
  messages: Msg,
  timers: ['tick'],
  inputs: ['inc', 'save'] as const,
  initial: () => ({ count: 0, hellos: 0 }),
  onMessage(st) {
    st.hellos++;
  },
  onInput(st, input, ctx) {
    if (input === 'inc') {
      if (st.count === 3) return false;
      st.count++;
      ctx.setTimer('tick');
    } else ctx.persist({ saved: st.count });
  },
  onTimer() {},
  onRecover(st, durable) {
    st.count = durable.saved;
  },
});
const greeter = defineActor({
  kind: 'greeter',
  state: s.record({}),
  messages: Msg,
  initial: () => ({}),
  onStart(_st, ctx) {
    ctx.send(0, { type: 'Hello' });
  },
  onMessage() {},
});
const crashy = actorSystem({
  name: 'crashy',
  roles: { A: { actor: counter, count: 1 }, G: { actor: greeter, count: 1 } },
  network: { kind: 'unordered', capacity: 1 },
  faults: { crashes: 1 },
});

describe('actors', () => {
  it('numbers nodes through the roles in order and names singletons after their role', () => {
    const t = topology({ C: 1, P: 3 });
    expect(t.nodes.map((n) => n.name)).toEqual(['C', 'P1', 'P2', 'P3']);
    expect(t.group('P')).toEqual([1, 2, 3]);
    expect(() => t.group('Q')).toThrow(/no role Q \(roles: C, P\)/);
  });

  it('a crash loses the volatile state and the timers, keeps the durable record; recovery reads it back', () => {
    const stops = walk(crashy, ['input  A : inc', 'input  A : inc', 'input  A : save', 'input  A : inc', 'crash  A', 'recover  A']);
    const a = (k: number) => stops[k]!.state.nodes.A[0];
    expect(a(4)).toMatchObject({ up: true, timers: ['tick'], local: { count: 3 }, durable: { saved: 2 } });
    expect(a(5)).toMatchObject({ up: false, timers: [], local: { count: 0, hellos: 0 }, durable: { saved: 2 } });
    expect(a(6)).toMatchObject({ up: true, local: { count: 2 }, durable: { saved: 2 } });
    expect(stops[5]!.state.faults.crashes).toBe(1);
  });

  it('offers inputs, armed timers, deliveries and faults in a fixed order, and nothing to a crashed node', () => {
    const stops = walk(crashy, ['input  A : inc', 'crash  A']);
    expect(stops[1]!.offered).toEqual(['input  A : inc', 'input  A : save', 'timeout  A : tick', 'deliver  G -> A : Hello', 'crash  A', 'crash  G']);
    // The message to the crashed node stays in flight, undeliverable; the budget of one crash is spent.
    expect(stops[2]!.offered).toEqual(['recover  A']);
    expect(stops[2]!.state.net).toHaveLength(1);
  });

  it('with lossOnCrash, a message to a crashed node may be lost (outside the loss budget), and only while it is down', () => {
    const resetting = actorSystem({
      name: 'resetting',
      roles: { A: { actor: counter, count: 1 }, G: { actor: greeter, count: 1 } },
      network: { kind: 'unordered', capacity: 1, lossOnCrash: true },
      faults: { crashes: 1 },
    });
    const stops = walk(resetting, ['crash  A', 'drop  G -> A : Hello', 'recover  A']);
    expect(stops[0]!.offered).not.toContain('drop  G -> A : Hello');
    expect(stops[1]!.offered).toEqual(['drop  G -> A : Hello', 'recover  A']);
    expect(stops[2]!.state.net).toHaveLength(0);
    expect(stops[2]!.state.faults.drops).toBe(0);
    expect(stops[3]!.offered).not.toContain('deliver  G -> A : Hello');
  });

  it('an input refused by its handler is disabled', () => {
    const stops = walk(crashy, ['input  A : inc', 'input  A : inc', 'input  A : inc']);
    expect(stops[3]!.offered).not.toContain('input  A : inc');
  });

  it('a context records effects in call order, and reads the durable record once, lazily', () => {
    let reads = 0;
    const t = topology({ A: 2 });
    const ctx = new EffectRecorder(t.nodes[0]!, t, () => (reads++, { saved: 1 }));
    ctx.broadcast(t.group('A'), 'm');
    expect(reads).toBe(0);
    expect(ctx.durable).toEqual({ saved: 1 });
    ctx.persist({ saved: 2 });
    expect(ctx.durable).toEqual({ saved: 2 });
    ctx.setTimer('t');
    ctx.deliver(1, 'm');
    expect(reads).toBe(1);
    expect(ctx.effects.map((e) => e.kind)).toEqual(['send', 'send', 'persist', 'setTimer', 'deliver']);
  });

  it('describes each step as protocol-agnostic events: the action first, then what the handler did', () => {
    const sys = actorSystem({
      name: 'ping',
      roles: { A: { actor: pinger(1), count: 1 }, B: { actor: ponger, count: 1 } },
      network: { kind: 'unordered', lossy: true, capacity: 2 },
      faults: { drops: 1 },
    });
    const stops = walk(sys, ['deliver  A -> B : Ping(n=0)', 'drop  B -> A : Pong(n=0)']);
    expect(sys.participants).toEqual(['A', 'B']);
    expect(sys.events!({ type: 'deliver', from: 0, to: 1, msg: { type: 'Ping', n: 0 } }, stops[0]!.state, stops[1]!.state)).toEqual([
      { kind: 'deliver', from: 'A', to: 'B', label: 'Ping(n=0)' },
      { kind: 'send', from: 'B', to: 'A', label: 'Pong(n=0)' },
    ]);
    expect(sys.events!({ type: 'drop', from: 1, to: 0, msg: { type: 'Pong', n: 0 } }, stops[1]!.state, stops[2]!.state)).toEqual([
      { kind: 'drop', from: 'B', to: 'A', label: 'Pong(n=0)' },
    ]);
  });

  it('checks a timer that fires whenever it is armed, including over and over', () => {
    // A retries its ping on every timeout until the pong arrives; on a duplicating network a retry of a
    // message in flight changes nothing. States: ping in flight, pong in flight, done (timer disarmed).
    // Generated: 1 + 2 (timeout, deliver) + 3 (timeout, deliver ping again, deliver pong) + 2 (deliver both).
    const retrier = defineActor({
      kind: 'retrier',
      state: s.record({ got: s.set(s.int(0, 1)) }),
      messages: PingMsg,
      timers: ['retry'],
      initial: () => ({ got: [] }),
      onStart(_st, ctx) {
        ctx.send(1, { type: 'Ping', n: 0 });
        ctx.setTimer('retry');
      },
      onTimer(st, _t, ctx) {
        if (st.got.has(0)) return;
        ctx.send(1, { type: 'Ping', n: 0 });
        ctx.setTimer('retry');
      },
      onMessage(st, _from, msg, ctx) {
        st.got.add(msg.n);
        ctx.cancelTimer('retry');
      },
    });
    const sys = (kind: 'duplicating' | 'unordered') =>
      actorSystem({ name: 'retry', roles: { A: { actor: retrier, count: 1 }, B: { actor: ponger, count: 1 } }, network: { kind, capacity: 2 } });
    const r = checkSync(sys('duplicating'));
    expect([r.verdict, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 3, 8, 3]);
    // On a consuming network every retry is a new copy, and the third one overflows.
    const u = checkSync(sys('unordered'));
    expect(u.verdict).toBe('error');
    expect(u.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'timeout  A : retry']);
  });

  it('rejects systems whose actors use different message schemas', () => {
    const other = defineActor({ ...greeter, messages: messages({ Hello: {} }) });
    expect(() => actorSystem({ name: 'x', roles: { A: { actor: counter, count: 1 }, G: { actor: other, count: 1 } }, network: { kind: 'fifo', capacity: 1 } })).toThrow(
      /another message schema/,
    );
  });
});

describe('ghost delivery properties', () => {
  /** R delivers whatever arrives, and on a `forge` input delivers a message from itself that nobody sent. */
  const Seq = messages({ Data: { seq: s.int(0, 1) } });
  const source = defineActor({
    kind: 'source',
    state: s.record({}),
    messages: Seq,
    initial: () => ({}),
    onStart(_st, ctx) {
      ctx.send(1, { type: 'Data', seq: 0 });
      ctx.send(1, { type: 'Data', seq: 1 });
    },
    onMessage() {},
  });
  const sink = defineActor({
    kind: 'sink',
    state: s.record({}),
    messages: Seq,
    inputs: ['forge'] as const,
    initial: () => ({}),
    onMessage(_st, from, msg, ctx) {
      ctx.deliver(from, msg);
    },
    onInput(_st, _i, ctx) {
      ctx.deliver(1, { type: 'Data', seq: 0 });
    },
  });
  const sys = (properties: ReturnType<typeof fifoDelivery>[], forge: boolean) =>
    actorSystem({
      name: 'eager',
      roles: { S: { actor: source, count: 1 }, R: { actor: forge ? sink : { ...sink, inputs: [] }, count: 1 } },
      network: { kind: 'unordered', capacity: 3 },
      faults: { duplicates: 1 },
      ghost: { capacity: 2 },
      properties,
    });

  it('flags a delivery past an undelivered earlier message, with the shortest trace', () => {
    // Gap-free FIFO: delivering seq 1 while seq 0 is undelivered is the violation, whether 0 comes later or never.
    const r = checkSync(sys([fifoDelivery()], false));
    expect(r.violations.map((v) => v.property)).toEqual(['fifoDelivery']);
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'deliver  S -> R : Data(seq=1)']);
  });

  it('flags a second delivery of one message', () => {
    const r = checkSync(sys([noDuplicateDelivery()], false));
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual([
      'init',
      'duplicate  S -> R : Data(seq=0)',
      'deliver  S -> R : Data(seq=0)',
      'deliver  S -> R : Data(seq=0)',
    ]);
  });

  it('flags the delivery of a message that was never sent', () => {
    const r = checkSync(sys([deliveredWereSent()], true));
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'input  R : forge']);
  });

  it('holds for a protocol that never delivers', () => {
    const quiet = { ...sink, inputs: [], onMessage() {} };
    const r = checkSync(
      actorSystem({ name: 'quiet', roles: { S: { actor: source, count: 1 }, R: { actor: quiet, count: 1 } }, network: { kind: 'unordered', capacity: 3 }, ghost: { capacity: 2 }, properties: [fifoDelivery(), noDuplicateDelivery(), deliveredWereSent()] }),
    );
    expect(r.verdict).toBe('holds');
  });
});
