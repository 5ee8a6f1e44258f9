import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
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
  });

  it('catches entering without all acknowledgements: both request, then both enter', () => {
    const r = run('lamport-mutex-tla-no-acks');
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.property).toBe('Mutex');
    expect(r.violations[0]!.trace.map((s) => s.label)).toEqual(['init', 'Request(1)', 'Enter(1)', 'Request(2)', 'Enter(2)']);
    expect(r.violations[0]!.trace.at(-1)!.state).toMatchObject({ crit: [1, 2] });
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
