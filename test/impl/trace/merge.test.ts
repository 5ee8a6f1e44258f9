import { describe, expect, it } from 'vitest';
import { MergeError, mergeTraces } from '../../../impl/trace/index.js';
import type { MergeInput, TraceStep } from '../../../impl/trace/index.js';

const step = (n: number, t: number, vc: number[], inc = 0): TraceStep => ({ kind: 'timeout', timer: 'x', n, inc, t, vc, fp: '', log: 0, effects: [] });
const recover = (n: number, t: number, vc: number[], inc: number, records = 0): TraceStep => ({
  kind: 'recover',
  ...(records > 0 ? { gap: { records, incarnations: 0 } } : {}),
  n,
  inc,
  t,
  vc,
  fp: '',
  log: 0,
  effects: [],
});
/** A trace that ends sealed (its node stopped cleanly) unless told otherwise. */
const trace = (steps: TraceStep[], sealed = true): MergeInput => ({ steps, seals: sealed ? [steps.length] : [] });
const order = (nodes: MergeInput[]) => mergeTraces(nodes).order.map((m) => `${m.node}.${m.step}`);

describe('the happens-before merge of node traces', () => {
  it('never puts a step before one it depends on, even when clocks say otherwise', () => {
    // Node 1's second step received node 0's second step, but node 1's clock runs 100 ms behind.
    const a = [step(0, 200, [1, 0]), step(1, 210, [2, 0]), step(2, 400, [3, 0])];
    const b = [step(0, 100, [0, 1]), step(1, 150, [2, 2]), step(2, 160, [2, 3])];
    expect(order([trace(a), trace(b)])).toEqual(['1.0', '0.0', '0.1', '1.1', '1.2', '0.2']);
  });

  it('orders concurrent steps by wall clock', () => {
    const a = [step(0, 5, [1, 0]), step(1, 30, [2, 0])];
    const b = [step(0, 10, [0, 1]), step(1, 20, [0, 2])];
    expect(order([trace(a), trace(b)])).toEqual(['0.0', '1.0', '1.1', '0.1']);
  });

  it('refuses a step that follows a step its sender cannot have lost (the sender stopped cleanly)', () => {
    const a = [step(0, 1, [1, 0])];
    const b = [step(0, 2, [2, 1])];
    expect(() => mergeTraces([trace(a), trace(b)])).toThrow(MergeError);
    expect(() => mergeTraces([trace(a), trace(b)])).toThrow(/node 1 step 0 follows the step of node 0 with clock 2, which node 0's trace cannot have lost/);
  });

  it('leaves out what follows a step a killed node lost from its trace, and says where', () => {
    // Node 0 was killed after its step with clock 1; its step with clock 2 reached node 1 but not the trace.
    const a = [step(0, 1, [1, 0]), recover(1, 50, [100, 0], 1), step(2, 60, [101, 0], 1)];
    const b = [step(0, 2, [0, 1]), step(1, 3, [2, 2]), step(2, 70, [101, 3])];
    const r = mergeTraces([trace(a), trace(b)]);
    expect(r.cut).toEqual([3, 1]);
    expect(r.order.map((m) => `${m.node}.${m.step}`)).toEqual(['0.0', '1.0', '0.1', '0.2']);
    expect(r.gaps).toEqual([{ node: 0, afterStep: 0, records: 0, seenBy: { node: 1, step: 1, clock: 2 } }]);
  });

  it('leaves out a node from a restart whose log held records its trace does not account for, and all that follows it', () => {
    const a = [step(0, 1, [1, 0]), recover(1, 50, [100, 0], 1, 2), step(2, 60, [101, 0], 1)];
    const b = [step(0, 2, [0, 1]), step(1, 70, [101, 2])];
    const r = mergeTraces([trace(a), trace(b)]);
    expect(r.cut).toEqual([1, 1]);
    expect(r.gaps).toEqual([{ node: 0, afterStep: 0, records: 2 }]);
  });

  it('treats the tail of an unsealed trace as possibly lost, and a sealed one as complete', () => {
    const a = [step(0, 1, [1, 0])];
    const b = [step(0, 2, [2, 1])];
    expect(mergeTraces([trace(a, false), trace(b)]).cut).toEqual([1, 0]);
  });
});
