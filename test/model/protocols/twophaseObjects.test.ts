import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { twoPhase } from '../../../model/protocols/twophase/twophase.js';
import { twoPhaseObjects } from '../../../model/protocols/twophase-objects/twophaseObjects.js';
import { twoPhaseProperties } from '../../../model/protocols/twophase/properties.js';
import { twoPhaseObjectProperties } from '../../../model/protocols/twophase-objects/properties.js';

/** Every statistic but the timings. */
function counts(r: ReturnType<typeof checkSync>) {
  const { seconds: _s, statesPerSecond: _r, ...rest } = r.stats;
  return rest;
}

describe('twoPhaseObjects', () => {
  it.each([1, 2, 3, 4, 5])('with %i RMs gives exactly the statistics of the packed twoPhase', (rms) => {
    const objects = checkSync({ ...twoPhaseObjects({ rms }), properties: twoPhaseObjectProperties });
    const packed = checkSync({ ...twoPhase({ rms }), properties: twoPhaseProperties });
    expect(objects.verdict).toBe('holds');
    expect(counts(objects)).toEqual(counts(packed));
    expect(objects.stats.distinct).toBe(6 ** rms + 4 ** rms + 2 ** rms);
    // The witnesses take the same actions (the states differ in form: Sets and message strings).
    expect(objects.witnesses.map((w) => [w.property, w.trace.map((s) => s.label)])).toEqual(
      packed.witnesses.map((w) => [w.property, w.trace.map((s) => s.label)]),
    );
  });

  it('finds the same shortest counterexample as the packed model when the TM commits eagerly', () => {
    const objects = checkSync({ ...twoPhaseObjects({ rms: 3, variant: 'eager-commit' }), properties: twoPhaseObjectProperties });
    const packed = checkSync({ ...twoPhase({ rms: 3, variant: 'eager-commit' }), properties: twoPhaseProperties });
    expect(objects.verdict).toBe('violated');
    expect(objects.violations[0]!.trace.map((s) => s.label)).toEqual(packed.violations[0]!.trace.map((s) => s.label));
    expect(counts(objects)).toEqual(counts(packed));
    const last = objects.violations[0]!.trace.at(-1)!.state as { rmState: string[]; msgs: Set<string> };
    expect(last.rmState).toEqual(['committed', 'aborted', 'working']);
    expect([...last.msgs].sort()).toEqual(['Commit', 'Prepared(0)']);
  });
});
