import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkSync } from '../../checker/check.js';
import type { RunOptions } from '../../checker/check.js';
import { defineModel, s } from '../../model/core/index.js';
import { graphArb, objectGraphModel, packedGraphModel, untimed } from '../helpers/graphs.js';

const options: fc.Arbitrary<RunOptions> = fc.record(
  {
    maxDepth: fc.integer({ min: 1, max: 10 }),
    maxStates: fc.integer({ min: 1, max: 30 }),
    continueAfterViolation: fc.boolean(),
    checkDeadlock: fc.boolean(),
  },
  { requiredKeys: [] },
);
const modelOptions = fc.record({
  actions: fc.constantFrom<'own' | 'all'>('own', 'all'),
  invariant: fc.boolean(),
  goal: fc.boolean(),
  within: fc.boolean(),
});

describe('the packed and generic engines', () => {
  it('agree exactly on verdicts, statistics and traces, and so does the object tier', () => {
    fc.assert(
      fc.property(graphArb, modelOptions, options, (g, mo, o) => {
        const packed = untimed(checkSync(packedGraphModel(g, mo), o));
        expect(untimed(checkSync(packedGraphModel(g, mo), { ...o, engine: 'generic' }))).toEqual(packed);
        expect(untimed(checkSync(objectGraphModel(g, mo), o))).toEqual(packed);
      }),
      { numRuns: 300 },
    );
  });
});

describe('check', () => {
  it('gives the same result as checkSync', async () => {
    const [g] = fc.sample(graphArb, { numRuns: 1, seed: 42 });
    const model = packedGraphModel(g!, { invariant: true, goal: true });
    expect(untimed(await check(model))).toEqual(untimed(checkSync(model)));
  });

  it('stops as interrupted when its signal is aborted', async () => {
    const counter = defineModel({
      name: 'counter',
      state: s.record({ n: s.int(0, 1_000_000) }),
      initialStates: () => [{ n: 0 }],
      actions: () => ['inc'],
      next(st, _a, out) {
        if (st.n === 1_000_000) return false;
        out.n = st.n + 1;
        return true;
      },
      properties: [],
      isLegalEnd: () => true,
    });
    const controller = new AbortController();
    controller.abort();
    const r = await check(counter, { signal: controller.signal });
    expect(r.verdict).toBe('incomplete');
    expect(r.stoppedBy).toBe('interrupted');
    expect(r.stats.distinct).toBeLessThan(1_000_001);
  });

  it('reports an exception thrown by the model as an error, with the trace to the state and the action', () => {
    const model = defineModel({
      name: 'throws',
      state: s.record({ n: s.int(0, 5) }),
      initialStates: () => [{ n: 0 }],
      actions: () => ['inc', 'boom'] as const,
      next(st, a, out) {
        if (a === 'boom') {
          if (st.n === 2) throw new Error('kaboom');
          return false;
        }
        if (st.n === 5) return false;
        out.n = st.n + 1;
        return true;
      },
      properties: [],
    });
    for (const engine of ['packed', 'generic'] as const) {
      const r = checkSync(model, { engine });
      expect(r.verdict).toBe('error');
      expect(r.violations).toHaveLength(1);
      const [e] = r.violations;
      expect(e!.kind).toBe('error');
      expect(e!.message).toBe('Error: kaboom while taking boom');
      expect(e!.trace.map((step) => step.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    }
  });

  it('refuses a model with two properties of the same name', () => {
    const model = defineModel({
      name: 'dup',
      state: s.record({ b: s.boolean() }),
      initialStates: () => [{ b: false }],
      actions: () => [],
      next: () => false,
      properties: [
        { kind: 'always', name: 'p', holds: () => true },
        { kind: 'sometimes', name: 'p', holds: () => true },
      ],
    });
    expect(() => checkSync(model)).toThrow(/two properties are named p/);
  });
});
