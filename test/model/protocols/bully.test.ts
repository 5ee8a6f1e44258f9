import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { always } from '../../../model/core/index.js';
import { bully, liveSelfLeaders } from '../../../model/protocols/bully/bully.js';
import type { BullyView } from '../../../model/protocols/bully/bully.js';
import { walk } from '../actors/walk.js';

const labels = (trace: readonly { label: string }[]) => trace.map((s) => s.label);
const leaders = (st: { nodes: { P: { local: { leader: number } }[] } }) => st.nodes.P.map((p) => p.local.leader);

describe('bully', () => {
  it('never leaves two live leaders once quiet, under one crash: 24,250 distinct, 147,906 generated, depth 45', () => {
    const r = checkSync(bully({ n: 3, crashes: 1, maxInFlight: 4 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 24250, generated: 147906, depth: 45 });
    expect(labels(r.witnesses.find((w) => w.property === 'elected')!.trace)).toEqual(['init', 'input  P3 : elect']);
    // The election after the leader's crash completes: P2 leads and P1 follows it while P3 is down.
    const after = r.witnesses.find((w) => w.property === 'electedAfterLeaderCrash')!.trace;
    expect(labels(after)).toEqual(['init', 'input  P2 : elect', 'timeout  P2 : answer', 'deliver  P2 -> P1 : Coordinator', 'crash  P3']);
    expect(leaders(after.at(-1)!.state as never)).toEqual([2, 2, 0]);
  });

  it('cannot reach a completed election after a leader crash without a crash budget', () => {
    const r = checkSync(bully({ n: 3, crashes: 0, maxInFlight: 4 }));
    // The constraint cut successors off, so the checker can say no more than "within the bounds" (here the
    // goal is unreachable at any bound: no crash can happen).
    expect(r.verdict).toBe('unreached');
    expect(r.violations.map((v) => `${v.kind} ${v.property}`)).toEqual(['unreached electedAfterLeaderCrash']);
    expect(r.stats).toMatchObject({ distinct: 4875, generated: 28715, depth: 43 });
    expect(r.stats.cutOff).toBeGreaterThan(0);
  });

  it('with maxInFlight=1 (an allowed value) no election completes within the bound: unreached, not violated', () => {
    const r = checkSync(bully({ n: 3, crashes: 1, maxInFlight: 1 }));
    expect(r.verdict).toBe('unreached');
    expect(r.stats).toMatchObject({ distinct: 9, generated: 38, cutOff: 27, depth: 3 });
    expect(r.violations.map((v) => [v.kind, v.property, v.message])).toEqual([
      ['unreached', 'elected', 'unreachable within the bounds (27 successors cut off)'],
      ['unreached', 'electedAfterLeaderCrash', 'unreachable within the bounds (27 successors cut off)'],
    ]);
  });

  it('may have two leaders while messages are in flight: a premature timeout, then the top process elects itself', () => {
    // Why the property speaks of quiet states: the unqualified invariant fails in 3 steps.
    const sys = bully({ n: 3, crashes: 1, maxInFlight: 4 });
    const r = checkSync({ ...sys, properties: [always<BullyView>('singleLeader', (st) => liveSelfLeaders(st).length <= 1)] });
    expect(r.violations.map((v) => v.property)).toEqual(['singleLeader']);
    expect(labels(r.violations[0]!.trace)).toEqual(['init', 'input  P1 : elect', 'timeout  P1 : answer', 'input  P3 : elect']);
  });

  it('bullies: a process answers Ok to an election from below and takes over; the top process wins and announces', () => {
    const stops = walk(bully({ n: 3, crashes: 0, maxInFlight: 6 }), [
      'input  P1 : elect',
      'deliver  P1 -> P2 : Election',
      'deliver  P2 -> P1 : Ok',
      'deliver  P2 -> P3 : Election',
      'deliver  P3 -> P1 : Coordinator',
      'deliver  P3 -> P2 : Ok',
      'deliver  P3 -> P2 : Coordinator',
      'deliver  P1 -> P3 : Election',
      'deliver  P3 -> P1 : Ok',
    ]);
    const node = (k: number, p: number) => stops[k]!.state.nodes.P[p];
    expect(node(1, 0)).toMatchObject({ timers: ['answer'], local: { phase: 'electing' } });
    expect(node(2, 1)).toMatchObject({ timers: ['answer'], local: { phase: 'electing' } });
    expect(node(3, 0)).toMatchObject({ timers: ['coordinator'], local: { phase: 'waiting' } });
    expect(node(4, 2)).toMatchObject({ seen: ['elected'], local: { phase: 'normal', leader: 3 } });
    expect(node(5, 0)).toMatchObject({ timers: [], local: { phase: 'normal', leader: 3 } });
    // P3, leading, answers a late election from P1 with Ok and another announcement; P1 ignores the stale Ok.
    expect(leaders(stops[9]!.state)).toEqual([3, 3, 3]);
    expect(stops[9]!.state.net).toEqual([{ from: 2, to: 0, msg: { type: 'Coordinator' } }, { from: 2, to: 1, msg: { type: 'Coordinator' } }]);
  });

  it('catches a leader that ignores announcements from above: two leaders once the network is quiet', () => {
    const r = checkSync(bully({ n: 3, crashes: 1, maxInFlight: 4, variant: 'stubborn-leader' }));
    expect(r.violations.map((v) => v.property)).toEqual(['quiescentSingleLeader']);
    const trace = r.violations[0]!.trace;
    // P2 elects itself on a premature timeout, P3 takes over and announces, P2 ignores it; the last
    // announcements to P1 are in flight until P1 crashes, which leaves no message in flight to a live process.
    expect(labels(trace)).toEqual([
      'init',
      'input  P2 : elect',
      'timeout  P2 : answer',
      'deliver  P2 -> P1 : Coordinator',
      'deliver  P2 -> P3 : Election',
      'deliver  P3 -> P2 : Ok',
      'deliver  P3 -> P2 : Coordinator',
      'deliver  P2 -> P3 : Coordinator',
      'deliver  P3 -> P2 : Coordinator',
      'crash  P1',
    ]);
    expect(leaders(trace.at(-1)!.state as never)).toEqual([0, 2, 3]);
  });
});
