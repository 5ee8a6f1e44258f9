import { describe, expect, it } from 'vitest';
import { MergeError, mergeTraces } from '../../../impl/trace/index.js';
import type { TraceStep } from '../../../impl/trace/index.js';

const step = (n: number, t: number, vc: number[]): TraceStep => ({ kind: 'timeout', timer: 'x', n, inc: 0, t, vc, fp: '', log: 0, effects: [] });

describe('the happens-before merge of node traces', () => {
  it('never puts a step before one it depends on, even when clocks say otherwise', () => {
    // Node 1's second step received node 0's second step, but node 1's clock runs 100 ms behind.
    const a = [step(0, 200, [1, 0]), step(1, 210, [2, 0]), step(2, 400, [3, 0])];
    const b = [step(0, 100, [0, 1]), step(1, 150, [2, 2]), step(2, 160, [2, 3])];
    expect(mergeTraces([a, b])).toEqual([
      { node: 1, step: 0 },
      { node: 0, step: 0 },
      { node: 0, step: 1 },
      { node: 1, step: 1 },
      { node: 1, step: 2 },
      { node: 0, step: 2 },
    ]);
  });

  it('orders concurrent steps by wall clock', () => {
    const a = [step(0, 5, [1, 0]), step(1, 30, [2, 0])];
    const b = [step(0, 10, [0, 1]), step(1, 20, [0, 2])];
    expect(mergeTraces([a, b]).map((m) => `${m.node}.${m.step}`)).toEqual(['0.0', '1.0', '1.1', '0.1']);
  });

  it('says which steps are stuck when a trace lacks a step another depends on', () => {
    const a = [step(0, 1, [1, 0])];
    const b = [step(0, 2, [2, 1])];
    expect(() => mergeTraces([a, b])).toThrow(MergeError);
    expect(() => mergeTraces([a, b])).toThrow(/node 1 step 0 follows step 1 of node 0, which node 0's trace does not hold \(it has 1\)/);
  });
});
