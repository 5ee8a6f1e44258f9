import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MEMORY_CHECK_STATES, checkSync, defaultMaxMemory, formatResult, resultJson } from '../../checker/index.js';
import { always, defineModel, defineObjectModel, s, sometimes } from '../../model/core/index.js';

// A counter that goes up by one or two, to 9; the constraint keeps n <= 3 and a goal wants 5.
const counter = (withinBound: boolean) =>
  defineModel(s.record({ n: s.int(0, 9) }))({
    name: 'counter',
    initialStates: () => [{ n: 0 }],
    actions: () => [1, 2],
    next: (st, k, out) => {
      if (st.n + k > 9) return false;
      out.n = st.n + k;
      return true;
    },
    properties: [always('small', (st) => st.n < 10), sometimes('five', (st) => st.n === 5)],
    isLegalEnd: () => true,
    ...(withinBound ? { within: (st: { n: number }) => st.n <= 3 } : {}),
  });

describe('successors cut off by the state constraint', () => {
  it('are counted, and a goal beyond them is unreached within the bounds, not violated', () => {
    const r = checkSync(counter(true));
    // 0..3 stored; cut off: 2+2 -> 4, 3+1 -> 4, 3+2 -> 5.
    expect(r.stats).toMatchObject({ distinct: 4, generated: 9, cutOff: 3 });
    expect(r.verdict).toBe('unreached');
    expect(r.violations).toEqual([{ property: 'five', kind: 'unreached', message: 'unreachable within the bounds (3 successors cut off)', trace: [] }]);
    // Undecided, not held: the goal may lie beyond the cut.
    expect(r.properties.find((p) => p.name === 'five')?.verdict).toBe('unchecked');
    const text = formatResult(r, 'counter');
    expect(text).toContain('counter: unreached (five)');
    expect(text).toContain('3 cut off by the constraint');
    expect(text).toContain('Goal five is unreachable within the bounds (3 successors cut off)');
    expect(resultJson('counter', {}, r)).toMatchObject({ verdict: 'unreached', stats: { cutOff: 3 } });
  });

  it('cut nothing off without a constraint: the goal is reached, and an impossible one is violated', () => {
    const r = checkSync(counter(false));
    expect([r.verdict, r.stats.cutOff]).toEqual(['holds', 0]);
    expect(formatResult(r, 'counter')).not.toContain('cut off');
    const never = { ...counter(false), properties: [sometimes<{ n: number }>('ten', (st) => st.n === 10)] };
    expect(checkSync(never).verdict).toBe('violated');
  });

  it('an invariant violated beside an unreached goal makes the verdict violated', () => {
    const m = counter(true);
    const r = checkSync({ ...m, properties: [always<{ n: number }>('belowThree', (st) => st.n < 3), sometimes<{ n: number }>('five', (st) => st.n === 5)] }, { continueAfterViolation: true });
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.kind)).toEqual(['always', 'unreached']);
  });
});

// A grid of 400 x 400 states, far more than one memory measurement apart.
const grid = defineModel(s.record({ a: s.int(0, 399), b: s.int(0, 399) }))({
  name: 'grid',
  initialStates: () => [{ a: 0, b: 0 }],
  actions: () => [0, 1],
  next: (st, k, out) => {
    if (k === 0 ? st.a === 399 : st.b === 399) return false;
    if (k === 0) out.a = st.a + 1;
    else out.b = st.b + 1;
    return true;
  },
  properties: [],
  isLegalEnd: () => true,
});

const objectGrid = defineObjectModel<{ a: number; b: number }, number>({
  name: 'object-grid',
  initialStates: () => [{ a: 0, b: 0 }],
  actions: () => [0, 1],
  next(d, k) {
    if (k === 0 ? d.a === 399 : d.b === 399) return false;
    if (k === 0) d.a++;
    else d.b++;
  },
  properties: [],
  isLegalEnd: () => true,
});

describe('the memory limit', () => {
  it('stops the search as incomplete at the first measurement over the limit, with one line saying why', () => {
    for (const engine of ['packed', 'generic'] as const) {
      const r = checkSync(grid, { maxMemory: 1, engine });
      expect(r.verdict).toBe('incomplete');
      expect(r.stoppedBy).toBe('max-memory');
      expect(r.stats.distinct).toBe(MEMORY_CHECK_STATES);
      expect(r.stopReason).toMatch(/^stopped: [\d.]+ MiB resident, over the memory limit of 0\.0 MiB after 65,536 distinct states; raise the limit \(--max-memory\)/);
      const text = formatResult(r, 'grid').split('\n');
      expect(text[0]).toBe('grid: incomplete (stopped by max-memory)');
      expect(text[2]).toBe(`  ${r.stopReason}`);
      expect(resultJson('grid', {}, r)).toMatchObject({ verdict: 'incomplete', stoppedBy: 'max-memory', stopReason: r.stopReason });
    }
    // The object tier's generic engine measures too (its states live on the JavaScript heap).
    const o = checkSync(objectGrid, { maxMemory: 1 });
    expect([o.verdict, o.stoppedBy, o.stats.distinct]).toEqual(['incomplete', 'max-memory', MEMORY_CHECK_STATES]);
  });

  it('lets a search under the limit finish, and defaults to half the machine, at most 16 GiB', () => {
    expect(checkSync(grid).verdict).toBe('holds');
    expect(checkSync(grid).stats.distinct).toBe(160000);
    expect(defaultMaxMemory()).toBe(Math.min(Math.floor(totalmem() / 2), 16 * 2 ** 30));
    expect(() => checkSync(grid, { maxMemory: 0 })).toThrow(RangeError);
  });
});
