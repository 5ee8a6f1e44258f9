import { describe, expect, it } from 'vitest';
import { checkSync, replay } from '../../../checker/index.js';
import { replicatedLog } from '../../../model/protocols/replicated-log/replicatedLog.js';

describe('replicated-log (MCDistributedReplicatedLog of the TLA+ Examples)', () => {
  it('fails InSync as TLC does: the leader keeps extending before the followers catch up', () => {
    const m = replicatedLog();
    const r = checkSync(m);
    expect([r.verdict, r.stats.distinct]).toEqual(['violated', 37]);
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['BoundedLag', 'holds'],
      ['InSync(n1, n2)', 'violated'],
      ['InSync(n1, n3)', 'violated'],
      ['InSync(n2, n3)', 'violated'],
    ]);
    const v = r.violations[0]!;
    expect(v.trace.map((t) => t.label)).toEqual(['init', 'Extend(n1, 1)', 'Extend(n1, 1)', 'Copy(n2 from n1, 1)', 'Copy(n3 from n1, 1)']);
    expect(v.loop).toEqual({ start: 1, stutter: false });
    expect(replay(m, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null } });
  });
});
