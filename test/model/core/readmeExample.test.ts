import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { always, defineModel, s } from '../../../model/core/index.js';

// The example of the README's "Writing a model", verbatim: it must compile and check as the README says.
const Light = s.enum(['red', 'green', 'yellow']);
const State = s.record({ lights: s.array(Light, 2) });

export const crossing = defineModel(State)({
  name: 'crossing',
  initialStates: () => [{ lights: ['red', 'red'] }],
  actions: () => [0, 1],                        // one action per light; plain data
  next(st, i, out) {                            // st: read-only view; out: a draft, starting as a copy
    const next = { red: 'green', green: 'yellow', yellow: 'red' } as const;
    if (st.lights.get(i) === 'red' && st.lights.get(1 - i) !== 'red') return false; // disabled
    out.lights.set(i, next[st.lights.get(i)]);
    return true;
  },
  properties: [always('not both green', (st) => !(st.lights.get(0) === 'green' && st.lights.get(1) === 'green'))],
});

describe('the README example', () => {
  it('holds, with the 5 states one can count by hand', () => {
    // Level 1 (red, red); level 2 (green, red), (red, green); level 3 the two with a yellow; then back to
    // (red, red). Generated: 1 initial + 2 + 1 + 1 + 1 + 1.
    const r = checkSync(crossing);
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 5, generated: 7, depth: 3 });
  });
});
