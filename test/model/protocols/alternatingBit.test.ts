import { describe, expect, it } from 'vitest';
import { checkSync, replay } from '../../../checker/index.js';
import { alternatingBit } from '../../../model/protocols/alternating-bit/alternatingBit.js';

describe('alternating-bit (MCAlternatingBit of the TLA+ Examples)', () => {
  it("reproduces TLC's figures, and what is sent is received over fair-loss queues", () => {
    const r = checkSync(alternatingBit());
    expect([r.verdict, r.stats.initial, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 8, 240, 1392, 10]);
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['SentLeadsToRcvd(d1)', 'holds'],
      ['SentLeadsToRcvd(d2)', 'holds'],
    ]);
  });

  it('with reception only weakly fair, every copy may be lost', () => {
    const m = alternatingBit('weak-receive');
    const r = checkSync(m);
    expect(r.violations.map((v) => v.property)).toEqual(['SentLeadsToRcvd(d1)', 'SentLeadsToRcvd(d2)']);
    const v = r.violations[0]!;
    expect(v.trace.slice(v.loop!.start + 1).map((t) => t.label)).toContain('LoseMsg(1)');
    expect(replay(m, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null } });
    // The same loop is unfair under the spec's strong fairness.
    expect(replay(alternatingBit(), v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: expect.stringMatching(/strongly fair/) } });
  });
});
