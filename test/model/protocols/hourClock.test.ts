import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { hourClock } from '../../../model/protocols/hour-clock/hourClock.js';

describe('hour-clock (LiveHourClock of the TLA+ Examples)', () => {
  it("reproduces TLC's figures, and every hour comes round forever under WF_hr(HCnxt)", () => {
    const r = checkSync(hourClock());
    expect([r.verdict, r.stats.initial, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 12, 12, 24, 1]);
    expect(r.properties.filter((p) => p.verdict === 'holds')).toHaveLength(13);
  });

  it('without fairness the clock may stop in its initial state', () => {
    const r = checkSync(hourClock('no-fairness'));
    expect(r.violations.map((v) => v.property)).toEqual(Array.from({ length: 12 }, (_, i) => `AllTimes(${i + 1})`));
    expect(r.violations[0]!.loop).toEqual({ start: 0, stutter: true });
  });
});
