import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { replay } from '../../../checker/replay.js';
import { lamportMutex } from '../../../model/protocols/lamport-mutex/lamportMutex.js';
import { walk } from '../actors/walk.js';

const labels = (trace: readonly { label: string }[]) => trace.map((s) => s.label);

describe('lamport-mutex (actor version)', () => {
  it('keeps mutual exclusion for 3 processes, clocks up to 7: 68,596 distinct, 256,724 generated, depth 25', () => {
    const r = checkSync(lamportMutex({ n: 3, maxClock: 7 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 68596, generated: 256724, depth: 25 });
    expect(labels(r.witnesses.find((w) => w.property === 'someoneEnters')!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'deliver  P1 -> P2 : Request(1)',
      'deliver  P1 -> P3 : Request(1)',
      'deliver  P2 -> P1 : Ack(2)',
      'deliver  P3 -> P1 : Ack(2)',
    ]);
    expect(r.witnesses.map((w) => w.property)).toContain('everyoneEnters');
  });

  it('needs clocks of 7 for every process to enter once: with 6 the goal everyoneEnters is unreached within the bounds', () => {
    const r = checkSync(lamportMutex({ n: 3, maxClock: 6 }));
    // The clock bound cut the goal off: not a bug of the protocol, so not `violated`.
    expect(r.verdict).toBe('unreached');
    expect(r.violations.map((v) => `${v.kind} ${v.property}`)).toEqual(['unreached everyoneEnters']);
    expect(r.violations[0]!.message).toBe(`unreachable within the bounds (${r.stats.cutOff.toLocaleString('en-US')} successors cut off)`);
    expect(r.stats.cutOff).toBeGreaterThan(0);
  });

  it('with maxClock=5 (an allowed value) reports the goal unreached, with how many successors the bound cut off', () => {
    const r = checkSync(lamportMutex({ n: 3, maxClock: 5 }));
    expect(r.verdict).toBe('unreached');
    expect(r.stats).toMatchObject({ distinct: 7497, generated: 27377, cutOff: 8561, depth: 17 });
    expect(r.violations.map((v) => [v.kind, v.property, v.message])).toEqual([['unreached', 'everyoneEnters', 'unreachable within the bounds (8,561 successors cut off)']]);
  });

  it('ticks clocks on requests and past every timestamp received; a process enters with all acks and the earliest request', () => {
    const stops = walk(lamportMutex({ n: 2, maxClock: 6 }), [
      'input  P1 : request',
      'input  P2 : request',
      'deliver  P1 -> P2 : Request(1)',
      'deliver  P2 -> P1 : Request(1)',
      'deliver  P2 -> P1 : Ack(2)',
    ]);
    const local = (k: number, p: number) => stops[k]!.state.nodes.P[p].local;
    expect(local(3, 1)).toMatchObject({ clock: 2, req: [1, 1], phase: 'waiting' });
    // P1 has P2's ack and the earlier request (equal timestamps, smaller id): it enters; P2 does not.
    expect(local(5, 0)).toMatchObject({ clock: 3, req: [1, 1], acks: [1], phase: 'cs' });
    expect(stops[5]!.state.nodes.P[0].seen).toEqual(['enter']);
  });

  it('catches entering without the acknowledgements: both request, and both are at once inside', () => {
    const r = checkSync(lamportMutex({ n: 3, maxClock: 7, variant: 'no-acks' }));
    expect(r.violations.map((v) => v.property)).toEqual(['mutualExclusion']);
    expect(labels(r.violations[0]!.trace)).toEqual(['init', 'input  P1 : request', 'input  P2 : request']);
  });

  it('catches a Release sent only to the processes known to be requesting, with starvation freedom only', () => {
    const m = lamportMutex({ n: 3, maxClock: 7, variant: 'release-to-waiting' });
    const r = checkSync(m);
    expect(r.verdict).toBe('violated');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 44509, generated: 151308, depth: 24 });
    expect(r.violations.map((v) => v.property)).toEqual(['starvationFree(P1)', 'starvationFree(P2)', 'starvationFree(P3)']);
    // Still mutually exclusive, everyone may enter, and nothing deadlocks (an idle client may always request).
    expect(r.properties.filter((p) => p.verdict !== 'violated').map((p) => [p.name, p.verdict])).toEqual([
      ['mutualExclusion', 'holds'],
      ['someoneEnters', 'holds'],
      ['everyoneEnters', 'holds'],
    ]);
    const v = r.violations[0]!;
    // P2 enters first and leaves while P1's Request(3) is still on its way to it: P2 releases to nobody, and P1
    // keeps P2's Request(1) ahead of its own for good (the others stay idle: requesting is their choice).
    expect(labels(v.trace)).toEqual([
      'init',
      'input  P2 : request',
      'deliver  P2 -> P1 : Request(1)',
      'input  P1 : request',
      'deliver  P1 -> P2 : Ack(2)',
      'deliver  P2 -> P3 : Request(1)',
      'deliver  P1 -> P3 : Request(3)',
      'deliver  P3 -> P1 : Ack(4)',
      'deliver  P3 -> P2 : Ack(2)',
      'input  P2 : release',
      'deliver  P1 -> P2 : Request(3)',
      'deliver  P2 -> P1 : Ack(5)',
    ]);
    expect(v.loop).toEqual({ start: 11, stutter: true });
    expect((v.trace.at(-1)!.state as { nodes: { P: { local: unknown }[] } }).nodes.P[0]!.local).toMatchObject({ phase: 'waiting', req: [3, 1, 0], acks: [1, 2] });
    expect(replay(m, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['starvationFree(P1)'] } });
  });

  it('relies on FIFO links: on an unordered network an Ack overtaking the Request sent before it lets both in', () => {
    expect(checkSync(lamportMutex({ n: 2, maxClock: 8 })).verdict).toBe('holds');
    const r = checkSync(lamportMutex({ n: 2, maxClock: 8, network: 'unordered' }));
    expect(r.violations.map((v) => v.property)).toEqual(['mutualExclusion']);
    // P1 sends Request(1), then acks P2's request with Ack(2) on the same link; P2 takes the Ack first, sees
    // no request of P1's queued, and enters; P1's request then arrives, is acked, and has priority.
    expect(labels(r.violations[0]!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'input  P2 : request',
      'deliver  P2 -> P1 : Request(1)',
      'deliver  P1 -> P2 : Ack(2)',
      'deliver  P1 -> P2 : Request(1)',
      'deliver  P2 -> P1 : Ack(4)',
    ]);
  });
});
