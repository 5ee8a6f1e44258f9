import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { pingSystem } from './ping.js';

/*
 * Hand counts for two nodes pinging: A sends pings 0 and 1 to B at start, B answers each with a pong, A
 * records the pongs. Each ping goes through three phases: ping in flight (0), pong in flight (1), done (2).
 */
describe('network semantics, on two nodes pinging', () => {
  it('unordered: the two pings are independent, 3 x 3 states', () => {
    // Generated: 1 initial + one delivery per ping not done, summed over the 9 states (6 + 6).
    const r = checkSync(pingSystem(2, { kind: 'unordered', capacity: 2 }));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([9, 13, 5]);
  });

  it('fifo: ping 1 and pong 1 wait for ping 0 and pong 0, one state per (pings delivered >= pongs delivered)', () => {
    // States (p, q) with 0 <= q <= p <= 2: 6; generated 1 + sum of [p < 2] + [q < p] = 1 + 6.
    const r = checkSync(pingSystem(2, { kind: 'fifo', capacity: 2 }));
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([6, 7, 5]);
  });

  it('duplicating: the same 9 states, but every message ever sent stays deliverable', () => {
    // In each state both pings and every pong sent are deliverable: 1 + (9 * 2 + 6 + 6) = 31 generated.
    const r = checkSync(pingSystem(2, { kind: 'duplicating', capacity: 4 }));
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([9, 31, 5]);
  });

  it('lossy with one drop: 9 states without loss, 2 x 2 x 3 with one', () => {
    // With a loss, one ping's ping or pong is gone (4 ways) and the other ping is in any of its 3 phases.
    // Generated: without loss every in-flight message may be delivered or dropped (2 * 12), with a loss
    // only delivered (4 * 2), plus the initial state.
    const r = checkSync(pingSystem(2, { kind: 'unordered', lossy: true, capacity: 2 }, { drops: 1 }));
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([21, 33, 5]);
  });

  it('lossy fifo with one drop: any message of a queue may be lost, the order of the rest is kept', () => {
    // 6 states without loss; losing ping 0: 3 (ping 1 goes on alone); losing ping 1: 3 (ping 0 in any
    // phase); losing pong 0: 3; losing pong 1: 2 (pong 0 in flight or done).
    const r = checkSync(pingSystem(2, { kind: 'fifo', lossy: true, capacity: 2 }, { drops: 1 }));
    expect(r.stats.distinct).toBe(17);
  });

  it('one duplication: a copied ping is answered twice, and unordered and fifo agree when copies are equal', () => {
    // One ping. Without the fault: 3 states. With it: {P,P}, {P,Q}, {Q,Q}, {P} with A done, {Q} with A
    // done, {} with A done: 6. Generated: 2 + 2 + 0 without, 1 + 2 + 1 + 1 + 1 + 0 with, plus 1.
    for (const kind of ['unordered', 'fifo'] as const) {
      const r = checkSync(pingSystem(1, { kind, capacity: 2 }, { duplicates: 1 }));
      expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([9, 11, 5]);
    }
  });

  it('crash-stop with one crash: 3 states without a crash, 3 with A down, 3 with B down', () => {
    // One ping. A pong to a crashed A stays in flight, undeliverable; a crashed B loses what it recorded.
    const r = checkSync(pingSystem(1, { kind: 'unordered', capacity: 2 }, { crashes: 1, recovery: false }));
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([9, 11, 4]);
  });

  it('reports a send beyond the capacity as an error with its trace, instead of dropping it', () => {
    const r = checkSync(pingSystem(2, { kind: 'fifo', capacity: 1 }));
    expect(r.verdict).toBe('error');
    expect(r.violations[0]!.message).toContain('send A -> B : Ping(n=1) exceeds the capacity of 1 messages on one link');
  });

  it('rejects drops on a network that is not lossy, and duplicates on a duplicating one', () => {
    expect(() => pingSystem(1, { kind: 'unordered', capacity: 2 }, { drops: 1 })).toThrow(/needs a lossy network/);
    expect(() => pingSystem(1, { kind: 'duplicating', capacity: 2 }, { duplicates: 1 })).toThrow(/duplicates freely/);
    expect(() => pingSystem(1, { kind: 'bus' as never, capacity: 2 })).toThrow(/unknown kind "bus"/);
  });
});
