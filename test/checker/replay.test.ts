import { describe, expect, it } from 'vitest';
import { replay } from '../../checker/index.js';
import { always, defineModel, s } from '../../model/core/index.js';

// A counter that may go up by one or two; the constraint stops exploration at 3.
const counter = defineModel(s.record({ n: s.int(0, 9) }))({
  name: 'counter',
  initialStates: () => [{ n: 0 }],
  actions: () => [1, 2],
  next: (st, k, out) => {
    if (st.n + k > 9) return false;
    out.n = st.n + k;
    return true;
  },
  properties: [always('small', (st) => st.n < 5)],
  within: (st) => st.n <= 3,
});

const step = (action: number | null, n: number) => ({ action, state: { n } });

describe('replay', () => {
  it('replays a trace within the constraint and reports the invariants it violates', () => {
    const r = replay(counter, [step(null, 0), step(2, 2), step(2, 4), step(1, 5)]);
    expect(r).toMatchObject({ ok: false, step: 3, reason: expect.stringMatching(/outside the state constraint/) });
    const ok = replay(counter, [step(null, 0), step(2, 2), step(2, 4)]);
    expect(ok).toMatchObject({ ok: true, steps: 3, violations: [] });
  });

  it('refuses to continue a trace from a state the checker would never explore', () => {
    const r = replay(counter, [step(null, 0), step(2, 2), step(2, 4), step(2, 6)]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.step).toBe(3);
  });

  it('names the first step whose action is disabled or leads elsewhere', () => {
    expect(replay(counter, [step(null, 0), step(1, 2)])).toMatchObject({ ok: false, step: 1, reason: expect.stringMatching(/leads to a different state/) });
    expect(replay(counter, [step(null, 1)])).toMatchObject({ ok: false, step: 0, reason: 'the recorded state is not an initial state' });
    expect(replay(counter, [step(null, 0), step(3, 3)])).toMatchObject({ ok: false, step: 1, reason: expect.stringMatching(/offers no action 3/) });
  });
});
