import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { s } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages, systemForRun } from '../../../model/actors/index.js';

/** A counter its client bumps; it refuses a bump once at 3. */
const node = defineActor({
  kind: 'node',
  state: s.record({ n: s.int(0, 3) }),
  messages: messages({ Nop: {} }),
  inputs: ['bump'] as const,
  initial: () => ({ n: 0 }),
  onInput(st) {
    if (st.n === 3) return false;
    st.n++;
    return true;
  },
  onMessage() {},
});
const roles = { P: { actor: node, count: 2 } };
const base = { name: 'budget', roles, network: { kind: 'unordered' as const, capacity: 1 } };

describe('an input budget', () => {
  it('bounds the client inputs accepted in a behaviour, counted in faults.inputs', () => {
    // Without a budget: every pair (a, b) of counts, 16 states.
    expect(checkSync(actorSystem(base)).stats.distinct).toBe(16);
    // With 2: the pairs with a + b <= 2, each once (the counter is a function of the counts).
    const r = checkSync(actorSystem({ ...base, inputs: 2 }));
    expect(r.stats.distinct).toBe(6);
    const sys = actorSystem({ ...base, inputs: 2 });
    const [init] = [...sys.initialStates()] as unknown as { faults: Record<string, number> }[];
    expect(init!.faults).toEqual({ crashes: 0, drops: 0, duplicates: 0, inputs: 0 });
  });

  it('counts only the inputs a node accepts', () => {
    // A budget of 7 is never reached: the nodes refuse after 3 each, and a refused input costs nothing.
    expect(checkSync(actorSystem({ ...base, inputs: 7 })).stats.distinct).toBe(16);
  });

  it('does not apply to a run: the validating system takes every input the run had', () => {
    const run = systemForRun(actorSystem({ ...base, inputs: 1 }), { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 });
    expect(run.definition.inputs).toBeUndefined();
    expect(checkSync(run).stats.distinct).toBe(16);
  });

  it('refuses a budget that is not a non-negative integer, in one line', () => {
    expect(() => actorSystem({ ...base, inputs: -1 })).toThrow(/input budget must be a non-negative integer, got -1/);
  });
});
