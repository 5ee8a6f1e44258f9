import { describe, expect, it } from 'vitest';
import { checkSync, replay } from '../../../checker/index.js';
import { defaults, findSpec } from '../../../specs/index.js';

const run = (id: string, params?: Record<string, number>) => {
  const spec = findSpec(id);
  return checkSync(spec.build({ ...defaults(spec), ...params }));
};

describe('lamport-mutex-tla (LamportMutex.tla)', () => {
  it("reproduces TLC's figures for MCLamportMutex.cfg: 724,274 distinct, 2,729,079 generated, depth 61", () => {
    const r = run('lamport-mutex-tla');
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 724274, generated: 2729079, depth: 61 });
    // Starvation freedom under WF of all but Request, within ClockConstraint (see the module header).
    expect(r.properties.map((p) => `${p.name}: ${p.verdict}`)).toEqual([
      'BoundedNetwork: holds',
      'Mutex: holds',
      'starvationFree(1): holds',
      'starvationFree(2): holds',
      'starvationFree(3): holds',
    ]);
  });

  it('catches entering without all acknowledgements: both request, then both enter', () => {
    const r = run('lamport-mutex-tla-no-acks');
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.property).toBe('Mutex');
    expect(r.violations[0]!.trace.map((s) => s.label)).toEqual(['init', 'Request(1)', 'Enter(1)', 'Request(2)', 'Enter(2)']);
    expect(r.violations[0]!.trace.at(-1)!.state).toMatchObject({ crit: [1, 2] });
  });

  it('catches an Exit that sends no release: the stale request stays queued and the others starve (liveness only)', () => {
    const spec = findSpec('lamport-mutex-tla-silent-release');
    const model = spec.build(defaults(spec));
    const r = checkSync(model, { continueAfterViolation: true });
    expect(r.properties.map((p) => `${p.name}: ${p.verdict}`)).toEqual([
      'BoundedNetwork: holds',
      'Mutex: holds',
      'starvationFree(1): violated',
      'starvationFree(2): violated',
      'starvationFree(3): violated',
    ]);
    expect(r.violations.map((v) => v.property)).toEqual(['starvationFree(1)', 'starvationFree(2)', 'starvationFree(3)']);
    expect(r.stats).toMatchObject({ distinct: 113459, generated: 364027, depth: 41 });
    const v = r.violations[0]!;
    expect(v.trace.map((s) => s.label)).toEqual([
      'init',
      'Request(2)',
      'ReceiveRequest(1, 2)',
      'Request(1)',
      'ReceiveAck(2, 1)',
      'ReceiveRequest(2, 1)',
      'ReceiveAck(1, 2)',
      'ReceiveRequest(3, 1)',
      'ReceiveAck(1, 3)',
      'ReceiveRequest(3, 2)',
      'ReceiveAck(2, 3)',
      'Enter(2)',
      'Exit(2)', // no release: process 1 still sees 2's request ahead of its own
    ]);
    expect(v.loop).toEqual({ start: 12, stutter: true });
    expect(v.trace.at(-1)!.state).toMatchObject({ crit: [], req: { 1: { 1: 2, 2: 1 } } });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, deadlocked: false, lasso: { broken: null, violates: ['starvationFree(1)'] } });
  });
});

describe('chang-roberts-tla (ChangRoberts.tla)', () => {
  it("reproduces TLC's figures for MCChangRoberts.cfg: 137 distinct, 227 generated, depth 10", () => {
    const r = run('chang-roberts-tla');
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 8, distinct: 137, generated: 227, depth: 10 });
  });

  it('elects exactly one leader on every ring size up to 5 (quiescent ends are legal, never deadlocks)', () => {
    for (const n of [1, 2, 4, 5]) expect(run('chang-roberts-tla', { n }).verdict).toBe('holds');
  });

  it('catches a candidate that forgets it lost: node 2 stays a candidate while node 1 wins', () => {
    const r = run('chang-roberts-tla-no-lose');
    expect(r.verdict).toBe('violated');
    const v = r.violations[0]!;
    expect(v.property).toBe('Correctness');
    expect(v.trace.length - 1).toBe(6);
    expect(v.trace.at(-1)!.state).toMatchObject({ state: { 1: 'won', 2: 'cand' } });
  });
});

describe('BoundedNetwork', () => {
  it('can fail: a fourth message in a channel is a state of the schema that the invariant rejects', async () => {
    const { boundedNetwork } = await import('../../../model/protocols/lamport-mutex-tla/properties.js');
    const { lamportMutexState } = await import('../../../model/protocols/lamport-mutex-tla/rules.js');
    const { encode, viewOf } = await import('../../../model/core/index.js');
    const schema = lamportMutexState(2, 6);
    const ack = { type: 'ack' as const, clock: 0 };
    const value = {
      clock: { 1: 1, 2: 1 },
      req: { 1: { 1: 0, 2: 0 }, 2: { 1: 0, 2: 0 } },
      ack: { 1: [], 2: [] },
      network: { 1: { 1: [], 2: [ack, ack, ack] }, 2: { 1: [], 2: [] } },
      crit: [],
    };
    const v = viewOf(schema);
    v.bind(encode(schema, value), 0);
    expect(boundedNetwork(v.view, 2)).toBe(true);
    value.network[1][2].push(ack);
    v.bind(encode(schema, value), 0);
    expect(boundedNetwork(v.view, 2)).toBe(false);
  });
});
