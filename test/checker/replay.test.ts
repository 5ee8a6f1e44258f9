import { describe, expect, it } from 'vitest';
import { checkSync, parseTraceFile, replay, writeTraceFile } from '../../checker/index.js';
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

// A model that throws in state 2, only when its third action is taken: its first two actions are enabled
// and harmless there, and state 2 is a legal end. A replay that stopped at the first enabled action, or
// skipped a legal end, would say the model does not throw where the checker saw it throw.
const thrower = defineModel(s.record({ n: s.int(0, 9) }))({
  name: 'thrower',
  initialStates: () => [{ n: 0 }],
  actions: () => [1, 2, 3],
  next: (st, k, out) => {
    if (st.n === 2 && k === 3) throw new RangeError('three from two');
    if (st.n + k > 9) return false;
    out.n = st.n + k;
    return true;
  },
  properties: [],
  isLegalEnd: (st) => st.n === 2,
});

// A model whose invariant throws on a successor (state 3): the engines evaluate properties on successors.
const badProperty = defineModel(s.record({ n: s.int(0, 9) }))({
  name: 'bad-property',
  initialStates: () => [{ n: 0 }],
  actions: () => [1],
  next: (st, k, out) => {
    if (st.n + k > 9) return false;
    out.n = st.n + k;
    return true;
  },
  properties: [
    always('throwsAt3', (st) => {
      if (st.n === 3) throw new Error('no predicate for 3');
      return true;
    }),
  ],
});

describe('replay of an error trace', () => {
  it('finds the throw in a legal end state, past actions that are enabled and harmless', () => {
    const r = checkSync(thrower);
    expect(r.verdict).toBe('error');
    const finding = r.violations[0]!;
    expect(finding.message).toBe('RangeError: three from two while taking 3');
    expect(finding.trace.map((st) => st.state)).toEqual([{ n: 0 }, { n: 2 }]);
    // Through the trace file, as `check --trace-out` and `replay` do.
    const file = parseTraceFile(writeTraceFile('thrower', {}, finding));
    expect(file.property).toBe('error');
    const rep = replay(thrower, file.trace);
    expect(rep).toMatchObject({ ok: true, deadlocked: false, throws: finding.message });
  });

  it('does not claim a throw in a state whose exploration is harmless', () => {
    const rep = replay(thrower, [step(null, 0), step(1, 1)]);
    expect(rep.ok).toBe(true);
    if (rep.ok) expect(rep.throws).toBeUndefined();
  });

  it('finds a throw in a property evaluated on a successor, naming the action that leads there', () => {
    const r = checkSync(badProperty);
    expect(r.verdict).toBe('error');
    const finding = r.violations[0]!;
    expect(finding.trace.map((st) => st.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(finding.message).toBe('Error: no predicate for 3 while taking 1');
    expect(replay(badProperty, finding.trace)).toMatchObject({ ok: true, throws: finding.message });
  });
});
