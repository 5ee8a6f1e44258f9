import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { replay } from '../../../checker/index.js';
import { twoPhase } from '../../../model/protocols/twophase/twophase.js';
import { twoPhaseObjects } from '../../../model/protocols/twophase-objects/twophaseObjects.js';
import { twoPhaseProperties } from '../../../model/protocols/twophase/properties.js';
import { twoPhaseObjectProperties } from '../../../model/protocols/twophase-objects/properties.js';

/** Every statistic but the timings (the liveness graph's too). */
function counts(r: ReturnType<typeof checkSync>) {
  const { seconds: _s, statesPerSecond: _r, graph, ...rest } = r.stats;
  if (!graph) return rest;
  const { livenessSeconds: _l, ...graphCounts } = graph;
  return { ...rest, graph: graphCounts };
}

describe('twoPhaseObjects', () => {
  it.each([1, 2, 3, 4, 5])('with %i RMs gives exactly the statistics of the packed twoPhase', (rms) => {
    const objects = checkSync({ ...twoPhaseObjects({ rms }), properties: twoPhaseObjectProperties });
    const packed = checkSync({ ...twoPhase({ rms }), properties: twoPhaseProperties });
    expect(objects.verdict).toBe('holds');
    expect(objects.properties).toEqual(packed.properties);
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

  it('catches a TM that never aborts on its own only by termination, with the packed model\'s stuttering lasso', () => {
    const model = { ...twoPhaseObjects({ rms: 3, variant: 'no-abort' }), properties: twoPhaseObjectProperties };
    const objects = checkSync(model);
    const packed = checkSync({ ...twoPhase({ rms: 3, variant: 'no-abort' }), properties: twoPhaseProperties });
    expect(objects.verdict).toBe('violated');
    // Safety still holds, and both outcomes are still reachable: only AllDecide fails.
    expect(objects.properties.map((p) => [p.name, p.verdict])).toEqual([['TCConsistent', 'holds'], ['AllCommitted', 'holds'], ['AllAborted', 'holds'], ['AllDecide', 'violated']]);
    expect(counts(objects)).toEqual(counts(packed));
    expect([objects.stats.distinct, objects.stats.generated, objects.stats.depth]).toEqual([72, 218, 11]);
    const v = objects.violations[0]!;
    expect(v.property).toBe('AllDecide');
    expect(v.trace.map((s) => s.label)).toEqual(['init', 'RMPrepare(0)', 'TMRcvPrepared(0)', 'RMChooseToAbort(1)', 'RMChooseToAbort(2)']);
    expect(v.trace.map((s) => s.label)).toEqual(packed.violations[0]!.trace.map((s) => s.label));
    expect(v.loop).toEqual({ start: 4, stutter: true });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['AllDecide'] } });
  });

  it('treats a state where every RM has decided as a legal end, as the packed model does', () => {
    const { isLegalEnd: _ignored, ...noEnds } = twoPhaseObjects({ rms: 2, variant: 'no-abort' });
    expect(checkSync(twoPhaseObjects({ rms: 2, variant: 'no-abort' })).verdict).toBe('holds');
    expect(checkSync(noEnds).verdict).toBe('deadlock');
  });
});
