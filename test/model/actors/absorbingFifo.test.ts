import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { draftOf, pack, s, sometimes } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages } from '../../../model/actors/index.js';
import { network } from '../../../model/actors/network.js';
import type { FaultBudget, NetworkOptions } from '../../../model/actors/index.js';

/*
 * The smallest retransmitting protocol: a client C asks a server S for an answer and asks again on every
 * timeout until one arrives; S answers every query. Over plain bounded FIFO links the queries pile up on
 * the C -> S link, one per timeout, and the check ends in "capacity exceeded"; over absorbing FIFO links a
 * query sent behind an equal one is the same query, and the space is finite.
 */
const Msg = messages({ Query: {}, Answer: {} });

const client = defineActor({
  kind: 'client',
  state: s.record({ done: s.boolean() }),
  messages: Msg,
  timers: ['retry'],
  initial: () => ({ done: false }),
  onStart(_st, ctx) {
    ctx.send(ctx.topology.group('S')[0]!, { type: 'Query' });
    ctx.setTimer('retry');
  },
  onTimer(st, _timer, ctx) {
    if (st.done) return;
    ctx.send(ctx.topology.group('S')[0]!, { type: 'Query' });
    ctx.setTimer('retry');
  },
  onMessage(st, _from, msg, ctx) {
    if (msg.type !== 'Answer') return;
    st.done = true;
    ctx.cancelTimer('retry');
  },
});

const server = defineActor({
  kind: 'server',
  state: s.record({}),
  messages: Msg,
  initial: () => ({}),
  onMessage(_st, from, msg, ctx) {
    if (msg.type === 'Query') ctx.send(from, { type: 'Answer' });
  },
});

function retrying(net: NetworkOptions, faults: Partial<FaultBudget> = {}) {
  return actorSystem({
    name: 'retrying',
    roles: { C: { actor: client, count: 1 }, S: { actor: server, count: 1 } },
    network: net,
    faults,
    properties: [sometimes('answered', (st: { nodes: { C: { get(i: number): { local: { done: boolean } } } } }) => st.nodes.C.get(0).local.done)],
  });
}

describe('absorbing FIFO links', () => {
  it('plain bounded FIFO links overflow after a few retransmissions', () => {
    const r = checkSync(retrying({ kind: 'fifo', lossy: true, capacity: 3 }, { drops: 1 }));
    expect(r.verdict).toBe('error');
    expect(r.violations[0]!.message).toMatch(/^NetworkCapacityError: send C -> S : Query exceeds the capacity of 3 messages on one link/);
    // The initial query and two timeouts fill the link; the third timeout overflows it.
    expect(r.violations[0]!.trace.map((st) => st.label)).toEqual(['init', 'timeout  C : retry', 'timeout  C : retry']);
  });

  it('keep one copy of a retransmission, so the same protocol is finite and its goal reached', () => {
    const r = checkSync(retrying({ kind: 'fifo', lossy: true, capacity: 3, absorbRepeats: true }, { drops: 1 }));
    expect(r.verdict).toBe('holds');
    expect(r.witnesses.map((w) => w.property)).toEqual(['answered']);
    // Before the answer is seen: the query and the answer each in flight or not, and the drop used or not
    // (the empty network needs the drop): 3 + 4; after it (timer cancelled): a query or an answer still
    // in flight, or neither, with the drop used or not: 3 + 3.
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([13, 26, 7]);
    // A duplication would put a copy next to its original: never enabled, the same 13 states.
    const dup = checkSync(retrying({ kind: 'fifo', lossy: true, capacity: 3, absorbRepeats: true }, { drops: 1, duplicates: 1 }));
    expect([dup.verdict, dup.stats.distinct, dup.stats.generated]).toEqual(['holds', 13, 26]);
  });

  it('collapse equal neighbours that a loss brings together, and refuse a duplication', () => {
    const Flat = s.record({ type: s.enum(['A', 'B']) });
    const net = network({ kind: 'fifo', lossy: true, capacity: 3, absorbRepeats: true }, 2, Flat);
    const d = draftOf(net.schema);
    d.bind(new Int32Array(pack(net.schema).words), 0);
    const queue = () => net.inFlight(d.view).map((m) => `${m.flat['type']}@${m.at}`);
    const send = (type: 'A' | 'B') => net.send(d.view, 0, 1, { type }, () => `send ${type}`);
    send('A');
    send('A');
    expect(queue()).toEqual(['A@0']);
    send('B');
    send('A');
    expect(queue()).toEqual(['A@0', 'B@1', 'A@2']);
    expect(net.duplicate(d.view, { from: 0, to: 1, flat: { type: 'B' }, at: 1 })).toBe(false);
    // Losing B leaves A, A side by side: the link keeps one.
    expect(net.drop(d.view, { from: 0, to: 1, flat: { type: 'B' }, at: 1 })).toBe(true);
    expect(queue()).toEqual(['A@0']);
    expect(() => network({ kind: 'unordered', capacity: 3, absorbRepeats: true }, 2, Flat)).toThrow(/absorbRepeats is an option of fifo links/);
  });
});
