import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { replay } from '../../../checker/index.js';
import { tcommitProperties } from '../../../model/protocols/tcommit/properties.js';
import { tcommit } from '../../../model/protocols/tcommit/tcommit.js';

const verdicts = (r: ReturnType<typeof checkSync>) => r.properties.map((p) => [p.name, p.verdict]);

describe('tcommit', () => {
  it('matches TLC at 3 RMs: 34 distinct, 94 generated, depth 7', () => {
    const r = checkSync(tcommit({ rms: 3 }));
    expect(r.verdict).toBe('holds');
    expect([r.stats.initial, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([1, 34, 94, 7]);
  });

  it('treats a state where every RM has decided as a legal end, not a deadlock', () => {
    // Without the legal ends, the all-committed and all-aborted states would be deadlocks.
    const model = tcommit({ rms: 2 });
    const { isLegalEnd: _ignored, ...noEnds } = model;
    expect(checkSync(model).verdict).toBe('holds');
    expect(checkSync(noEnds).verdict).toBe('deadlock');
  });

  it.each([1, 2, 3, 4, 5])('with %i RMs has 3^N + 2^N - 1 distinct states', (rms) => {
    // Before any commit, every mix of working, prepared and aborted is reachable: 3^N states. Once one RM
    // has committed, none is working or aborted: each is prepared or committed, not all prepared: 2^N - 1.
    expect(checkSync(tcommit({ rms })).stats.distinct).toBe(2 ** rms - 1 + 3 ** rms);
  });

  it('with weakly fair RMs, every RM decides (AllDecide), and the counts do not change', () => {
    const r = checkSync({ ...tcommit({ rms: 3 }), properties: tcommitProperties });
    expect(r.verdict).toBe('holds');
    expect(verdicts(r)).toEqual([['TCTypeOK', 'holds'], ['TCConsistent', 'holds'], ['AllCommitted', 'holds'], ['AllDecide', 'holds']]);
    expect([r.stats.initial, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([1, 34, 94, 7]);
  });

  it('catches an RM that may withdraw its vote only by termination: the RMs prepare and withdraw forever (a cycle)', () => {
    const model = { ...tcommit({ rms: 3, variant: 'withdraw-vote' }), properties: tcommitProperties };
    const r = checkSync(model);
    expect(r.verdict).toBe('violated');
    // Safety still holds on the mutant: only AllDecide fails.
    expect(verdicts(r)).toEqual([['TCTypeOK', 'holds'], ['TCConsistent', 'holds'], ['AllCommitted', 'holds'], ['AllDecide', 'violated']]);
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([46, 151, 7]);
    const v = r.violations[0]!;
    expect([v.property, v.kind]).toEqual(['AllDecide', 'eventually']);
    // Each RM's class is taken infinitely often, so the cycle is fair.
    expect(v.trace.map((s) => s.label)).toEqual(['init', 'Prepare(1)', 'Withdraw(1)', 'Prepare(2)', 'Withdraw(2)', 'Prepare(0)', 'Withdraw(0)']);
    expect(v.loop).toEqual({ start: 0, stutter: false });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['AllDecide'] } });
  });
});
