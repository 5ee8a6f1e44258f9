import { describe, expect, it } from 'vitest';
import { checkSync, formatResult, renderMsc, replay } from '../../checker/index.js';
import { alwaysEventually, defineModel, eventually, eventuallyAlways, leadsTo, s, step, strongFairness, weakFairness } from '../../model/core/index.js';
import type { Fairness, Property } from '../../model/core/index.js';

/**
 * Two processes: A flips a bit forever (`flip`), B finishes once (`finish`), but only while the bit is 0
 * when `guarded`. A counter `n` that only grows and a `reset` that A may do to it, when `resets`.
 */
type Act = 'flip' | 'finish' | 'reset';
const State = s.record({ bit: s.int(0, 1), done: s.boolean(), n: s.int(0, 2) });
function model(o: { fairness?: readonly Fairness<Act>[]; guarded?: boolean; resets?: boolean; properties: readonly Property<never, Act>[] }) {
  return defineModel(State)({
    name: 'flipper',
    initialStates: () => [{ bit: 0, done: false, n: 0 }],
    actions: () => ['flip', 'finish', 'reset'] as Act[],
    next(st, a, out) {
      switch (a) {
        case 'flip':
          out.bit = 1 - st.bit;
          if (st.n < 2) out.n = st.n + 1;
          return true;
        case 'finish':
          if (st.done || (o.guarded === true && st.bit !== 0)) return false;
          out.done = true;
          return true;
        case 'reset':
          if (o.resets !== true || st.n === 0) return false;
          out.n = 0;
          return true;
      }
    },
    properties: o.properties as never,
    ...(o.fairness !== undefined ? { fairness: o.fairness } : {}),
  });
}
type V = { bit: number; done: boolean; n: number };
const finishes = eventually<V>('finishes', (st) => st.done);
const perProcess = (kind: 'weak' | 'strong'): Fairness<Act>[] => [(kind === 'weak' ? weakFairness : strongFairness)<Act>('each process', (a) => (a === 'finish' ? 'B' : 'A'))];

describe('temporal properties under fairness', () => {
  it('without fairness, a behaviour may stop anywhere: <>done fails by stuttering in the initial state', () => {
    const r = checkSync(model({ properties: [finishes as never] }));
    expect(r.verdict).toBe('violated');
    const v = r.violations[0]!;
    expect([v.property, v.kind, v.trace.length, v.loop]).toEqual(['finishes', 'eventually', 1, { start: 0, stutter: true }]);
  });

  it('with weak fairness per process, B finishes; with only A fair, A flips forever and B never does', () => {
    expect(checkSync(model({ fairness: perProcess('weak'), properties: [finishes as never] })).verdict).toBe('holds');
    const r = checkSync(model({ fairness: [weakFairness<Act>('A', (a) => (a === 'finish' ? null : 'A'))], properties: [finishes as never] }));
    expect(r.verdict).toBe('violated');
    const v = r.violations[0]!;
    expect(v.loop?.stutter).toBe(false);
    // The loop flips back to a state it has been in, and never finishes.
    expect(v.trace.slice(v.loop!.start + 1).every((t) => t.label === 'flip')).toBe(true);
    expect(v.trace.at(-1)!.state).toEqual(v.trace[v.loop!.start]!.state);
    expect(formatResult(r, 'flipper')).toMatch(/the steps \d+-\d+ repeat forever \(step \d+ is back in the state of step \d+\)/);
  });

  it('replays a lasso: the loop closes, is fair, and violates the property; a tampered loop does not', () => {
    const m = model({ fairness: perProcess('weak'), guarded: true, properties: [finishes as never] });
    const v = checkSync(m).violations[0]!;
    const trace = JSON.parse(JSON.stringify(v.trace.map((t) => ({ action: t.action, state: t.state }))));
    expect(replay(m, trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['finishes'] } });
    expect(replay(m, trace, { start: v.loop!.start + 1, stutter: false })).toMatchObject({ ok: true, lasso: { broken: expect.stringMatching(/does not close/) } });
    expect(replay(m, trace, { start: trace.length - 1, stutter: true })).toMatchObject({ ok: true, lasso: { broken: expect.stringMatching(/fair actions are enabled there/) } });
    // The sequence diagram draws the loop as a Mermaid loop block; a stop as a note.
    const msc = renderMsc(m, v.trace, v.loop);
    expect(msc).toContain(`  loop steps ${v.loop!.start + 1}-${v.trace.length - 1} repeat forever`);
    expect(msc.trimEnd().endsWith('  end')).toBe(true);
    const stop = checkSync(model({ properties: [finishes as never] })).violations[0]!;
    expect(renderMsc(m, stop.trace, stop.loop)).toContain('stays in this state forever');
    // Under strong fairness the same loop is unfair: B's finish is enabled on it and never taken.
    const strong = model({ fairness: perProcess('strong'), guarded: true, properties: [finishes as never] });
    expect(replay(strong, trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: expect.stringMatching(/strongly fair 0: B is enabled on it and never taken/) } });
  });

  it('tells weak from strong fairness: an action enabled every other step is starved under WF, not under SF', () => {
    const weak = checkSync(model({ fairness: perProcess('weak'), guarded: true, properties: [finishes as never] }));
    expect(weak.verdict).toBe('violated');
    expect(weak.violations[0]!.trace.slice(weak.violations[0]!.loop!.start + 1).map((t) => t.label)).toEqual(['flip', 'flip']);
    expect(checkSync(model({ fairness: perProcess('strong'), guarded: true, properties: [finishes as never] })).verdict).toBe('holds');
  });

  it('decides leads-to, always-eventually and eventually-always', () => {
    const fair = perProcess('weak');
    const leads = leadsTo<V>('bit1 ~> bit0', (st) => st.bit === 1, (st) => st.bit === 0);
    const infinitelyOften = alwaysEventually<V>('[]<> bit1', (st) => st.bit === 1);
    const settles = eventuallyAlways<V>('<>[] n = 2', (st) => st.n === 2);
    const never = eventuallyAlways<V>('<>[] bit0', (st) => st.bit === 0);
    const r = checkSync(model({ fairness: fair, properties: [leads, infinitelyOften, settles, never] as never }));
    expect(r.properties.map((p) => [p.name, p.kind, p.verdict])).toEqual([
      ['bit1 ~> bit0', 'leadsTo', 'holds'],
      ['[]<> bit1', 'alwaysEventually', 'holds'],
      ['<>[] n = 2', 'eventuallyAlways', 'holds'],
      ['<>[] bit0', 'eventuallyAlways', 'violated'],
    ]);
    // With resets (unfair, but possible forever), n need not settle.
    const withResets = checkSync(model({ fairness: fair, resets: true, properties: [settles] as never }));
    expect(withResets.verdict).toBe('violated');
    expect(withResets.violations[0]!.trace.slice(withResets.violations[0]!.loop!.start + 1).map((t) => t.label)).toContain('reset');
    expect(r.stats.graph?.edges).toBeGreaterThan(0);
  });

  it('checks an action property on every step, its trace ending with the offending step', () => {
    const grows = step<V, Act>('n never decreases', (before, _a, after) => after.n >= before.n);
    expect(checkSync(model({ properties: [grows] as never })).verdict).toBe('holds');
    const r = checkSync(model({ resets: true, properties: [grows] as never }));
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.kind).toBe('step');
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'flip', 'reset']);
    expect(r.properties).toEqual([{ name: 'n never decreases', kind: 'step', verdict: 'violated' }]);
  });

  it('gives the same verdicts and lassos with the generic engine', () => {
    const m = model({ fairness: perProcess('weak'), guarded: true, properties: [finishes as never] });
    const a = checkSync(m);
    const b = checkSync(m, { engine: 'generic' });
    expect(b.verdict).toBe(a.verdict);
    expect(b.violations.map((v) => [v.trace.map((t) => t.label), v.loop])).toEqual(a.violations.map((v) => [v.trace.map((t) => t.label), v.loop]));
  });
});
