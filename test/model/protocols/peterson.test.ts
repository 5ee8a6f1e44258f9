import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { replay } from '../../../checker/replay.js';
import { filterLock } from '../../../model/protocols/filter-lock/filterLock.js';
import { peterson } from '../../../model/protocols/peterson/peterson.js';

describe('peterson', () => {
  it("reproduces TLC's figures for Peterson.tla: 42 distinct states, 77 generated", () => {
    const r = checkSync(peterson());
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 42, generated: 77, depth: 11 });
    expect(r.witnesses.map((w) => w.property)).toEqual(['reachable(cs)']);
  });

  it('checks the inductive invariant Inv of the TLA+ spec', () => {
    const m = peterson();
    expect(m.properties.map((p) => p.name)).toEqual(['mutualExclusion(cs)', 'reachable(cs)', 'Inv', 'starvationFree(P0)', 'starvationFree(P1)']);
  });

  it('catches the turn given before the flag is raised, with a 9-step shortest trace', () => {
    const r = checkSync(peterson({ variant: 'turn-first' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['mutualExclusion(cs)']);
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual([
      'init',
      'P0: a0 -> a1',
      'P0: a1 -> a2', // P0 gives the turn away, its flag still down
      'P1: a0 -> a1',
      'P1: a1 -> a2',
      'P1: a2 -> a3',
      'P1: a3 -> cs', // P1 enters: P0's flag is down
      'P0: a2 -> a3',
      'P0: a3 -> cs', // P0 enters: the turn is its own
    ]);
  });
});

describe('filter-lock', () => {
  it('is Peterson-sized for two processes and holds for 2 and 3', () => {
    const two = checkSync(filterLock({ n: 2 }));
    expect(two.verdict).toBe('holds');
    expect(two.stats).toMatchObject({ distinct: 68, generated: 137, depth: 13 });
    const three = checkSync(filterLock({ n: 3 }));
    expect(three.verdict).toBe('holds');
    expect(three.stats).toMatchObject({ distinct: 3565, generated: 10696, depth: 35 });
  });

  it('catches the victim named before the level is raised', () => {
    const r = checkSync(filterLock({ n: 2, variant: 'victim-first' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual([
      'init',
      'P0: ncs -> level',
      'P0: victim[lvl] := self -> victim',
      'P1: ncs -> level',
      'P1: victim[lvl] := self -> victim',
      'P1: level[self] := lvl -> scan',
      'P1: scan -> scan', // P0's level is still 0: P1 passes
      'P0: level[self] := lvl -> scan',
      'P0: scan -> check',
      'P0: check -> cs', // the victim is P1 now: P0 passes too
      'P1: scan -> cs',
    ]);
    const three = checkSync(filterLock({ n: 3, variant: 'victim-first' }));
    expect(three.verdict).toBe('violated');
    expect(three.stats).toMatchObject({ distinct: 5747, generated: 14160, depth: 21 });
    expect(three.violations[0]!.trace.at(-1)!.state).toMatchObject({ pc: expect.arrayContaining(['cs', 'cs']) });
  });

  it('catches a wait that ignores the victim with starvation freedom only: two processes at one level spin forever', () => {
    const m = filterLock({ n: 2, variant: 'ignore-victim' });
    const r = checkSync(m);
    expect(r.verdict).toBe('violated');
    expect(r.stats).toMatchObject({ distinct: 68, generated: 137, depth: 13 });
    expect(r.violations.map((v) => v.property)).toEqual(['starvationFree(P0)', 'starvationFree(P1)']);
    // Mutual exclusion holds: the wait is only more cautious than Peterson's. Nobody is stuck for good
    // either (no deadlock): both keep scanning.
    expect(r.properties.filter((p) => p.verdict !== 'violated').map((p) => [p.name, p.verdict])).toEqual([
      ['mutualExclusion(cs)', 'holds'],
      ['reachable(cs)', 'holds'],
    ]);
    const v = r.violations[0]!;
    expect(v.trace.map((t) => t.label)).toEqual([
      'init',
      'P0: ncs -> level',
      'P0: level[self] := lvl -> victim',
      'P0: victim[lvl] := self -> scan',
      'P1: ncs -> level',
      'P1: level[self] := lvl -> victim',
      'P1: victim[lvl] := self -> scan', // both at level 1: P1 is the victim, so P0 should pass
      'P1: scan -> check',
      'P1: check -> scan',
      'P0: scan -> check',
      'P0: check -> scan', // but P0 waits for P1's level to drop, as P1 does for P0's
    ]);
    expect(v.loop).toEqual({ start: 6, stutter: false });
    expect(replay(m, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['starvationFree(P0)', 'starvationFree(P1)'] } });
    const three = checkSync(filterLock({ n: 3, variant: 'ignore-victim' }));
    expect(three.stats).toMatchObject({ distinct: 2717, generated: 8152, depth: 36 });
    expect(three.violations.map((w) => w.property)).toEqual(['starvationFree(P0)', 'starvationFree(P1)', 'starvationFree(P2)']);
    expect(three.properties.find((p) => p.name === 'mutualExclusion(cs)')?.verdict).toBe('holds');
  });
});
