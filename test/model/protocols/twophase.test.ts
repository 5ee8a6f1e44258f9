import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { replay } from '../../../checker/index.js';
import { twoPhaseProperties } from '../../../model/protocols/twophase/properties.js';
import { twoPhase } from '../../../model/protocols/twophase/twophase.js';
import type { TwoPhaseVariant } from '../../../model/protocols/twophase/twophase.js';
import { references } from '../../../specs/index.js';
import { untimed } from '../../helpers/graphs.js';
import { twoPhaseOracle } from '../../helpers/twophaseOracle.js';

const reference = (rms: number) => references['twophase']!.find((r) => r.params['rms'] === rms);
/** The catalogue's instance: the model with its properties, termination included. */
const instance = (rms: number, variant: TwoPhaseVariant | null = null) => ({ ...twoPhase({ rms, variant }), properties: twoPhaseProperties });
const verdicts = (r: ReturnType<typeof checkSync>) => r.properties.map((p) => [p.name, p.verdict]);

describe('twoPhase', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('with %i RMs has 6^N + 4^N + 2^N distinct states and the reference counts', (rms) => {
    const r = checkSync(twoPhase({ rms }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.initial).toBe(1);
    expect(r.stats.distinct).toBe(6 ** rms + 4 ** rms + 2 ** rms);
    // The deepest state needs every RM prepared, received by the TM, the commit, and every RM told:
    // 3N + 1 actions after the initial state.
    expect(r.stats.depth).toBe(3 * rms + 2);
    const ref = reference(rms);
    if (ref) {
      expect(r.stats.distinct).toBe(ref.distinct);
      expect(r.stats.generated).toBe(ref.generated);
    }
    if (rms <= 5) expect({ distinct: r.stats.distinct, generated: r.stats.generated, depth: r.stats.depth }).toEqual(twoPhaseOracle(rms));
  });

  it('matches TLC at 3 RMs: 288 distinct, 1,146 generated, depth 11', () => {
    const r = checkSync(twoPhase({ rms: 3 }));
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([288, 1146, 11]);
  });

  it('gives the same result on the generic engine', () => {
    for (const rms of [1, 2, 3, 4]) {
      for (const variant of [null, 'eager-commit', 'lost-commit', 'no-abort'] as const) {
        const model = twoPhase({ rms, variant });
        expect(untimed(checkSync(model, { engine: 'generic' }))).toEqual(untimed(checkSync(model)));
      }
    }
  });

  it('deadlocks when the commit message is lost, after all RMs prepare and the TM commits', () => {
    const r = checkSync(twoPhase({ rms: 3, variant: 'lost-commit' }));
    expect(r.verdict).toBe('deadlock');
    const trace = r.violations[0]!.trace;
    expect(trace.map((s) => s.label)).toEqual([
      'init',
      'RMPrepare(0)',
      'TMRcvPrepared(0)',
      'RMPrepare(1)',
      'TMRcvPrepared(1)',
      'RMPrepare(2)',
      'TMRcvPrepared(2)',
      'TMCommit',
    ]);
    expect(trace.at(-1)!.state).toEqual({
      rmState: ['prepared', 'prepared', 'prepared'],
      tmState: 'committed',
      tmPrepared: [0, 1, 2],
      msgs: { prepared: [0, 1, 2], commit: false, abort: false },
    });
  });

  it.each([1, 2, 3, 4])('with %i RMs and weakly fair processes, every RM decides (AllDecide), and the counts do not change', (rms) => {
    const r = checkSync(instance(rms));
    expect(r.verdict).toBe('holds');
    expect(verdicts(r)).toEqual([['TCConsistent', 'holds'], ['AllCommitted', 'holds'], ['AllAborted', 'holds'], ['AllDecide', 'holds']]);
    expect(r.stats.distinct).toBe(6 ** rms + 4 ** rms + 2 ** rms);
    expect(r.stats.depth).toBe(3 * rms + 2);
    if (rms === 3) expect([r.stats.distinct, r.stats.generated]).toEqual([288, 1146]);
  });

  it('treats a state where every RM has decided as a legal end: it changes no count, and the lost commit is still a deadlock', () => {
    const { isLegalEnd: _ignored, ...noEnds } = twoPhase({ rms: 3 });
    const a = checkSync(twoPhase({ rms: 3 }));
    const b = checkSync(noEnds);
    expect([b.verdict, b.stats.distinct, b.stats.generated, b.stats.depth]).toEqual([a.verdict, a.stats.distinct, a.stats.generated, a.stats.depth]);
    const lost = checkSync(instance(3, 'lost-commit'));
    expect(lost.verdict).toBe('deadlock');
    expect(lost.violations.map((v) => v.property)).toEqual(['deadlock']);
  });

  it('catches a TM that never aborts on its own only by termination: a prepared RM waits forever (a stuttering lasso)', () => {
    const model = instance(3, 'no-abort');
    const r = checkSync(model);
    expect(r.verdict).toBe('violated');
    // Safety still holds, and both outcomes are still reachable: only AllDecide fails.
    expect(verdicts(r)).toEqual([['TCConsistent', 'holds'], ['AllCommitted', 'holds'], ['AllAborted', 'holds'], ['AllDecide', 'violated']]);
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([72, 218, 11]);
    const v = r.violations[0]!;
    expect([v.property, v.kind]).toEqual(['AllDecide', 'eventually']);
    // RM 0 prepares, the others abort on their own and send nothing: the TM's only enabled action,
    // TMRcvPrepared(0) again, changes nothing.
    expect(v.trace.map((s) => s.label)).toEqual(['init', 'RMPrepare(0)', 'TMRcvPrepared(0)', 'RMChooseToAbort(1)', 'RMChooseToAbort(2)']);
    expect(v.loop).toEqual({ start: 4, stutter: true });
    expect(v.trace.at(-1)!.state).toEqual({
      rmState: ['prepared', 'aborted', 'aborted'],
      tmState: 'init',
      tmPrepared: [0],
      msgs: { prepared: [0], commit: false, abort: false },
    });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['AllDecide'] } });
  });

  it('needs the legal end on the mutant: without it, every RM aborting on its own while the TM waits is a deadlock', () => {
    const { isLegalEnd: _ignored, ...noEnds } = twoPhase({ rms: 3, variant: 'no-abort' });
    const r = checkSync(noEnds);
    expect(r.verdict).toBe('deadlock');
    expect(r.violations[0]!.trace.map((s) => s.label)).toEqual(['init', 'RMChooseToAbort(0)', 'RMChooseToAbort(1)', 'RMChooseToAbort(2)']);
  });

  it('rejects a bad number of RMs', () => {
    expect(() => twoPhase({ rms: 0 })).toThrow(RangeError);
    expect(() => twoPhase({ rms: 17 })).toThrow(RangeError);
  });
});
