import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { internalMemory } from '../../../model/protocols/internal-memory/internalMemory.js';

describe('internal-memory (MCLiveInternalMemory of the TLA+ Examples)', () => {
  it("reproduces TLC's figures, and every request is answered under WF(Do(p) \\/ Rsp(p))", () => {
    const r = checkSync(internalMemory());
    expect([r.verdict, r.stats.initial, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 8, 4408, 21400, 10]);
    expect(r.properties.map((p) => [p.name, p.kind, p.verdict])).toEqual([
      ['LivenessProperty(p1)', 'leadsTo', 'holds'],
      ['LivenessProperty(p2)', 'leadsTo', 'holds'],
    ]);
  });

  it('with weak fairness on Do alone, a ready answer may never be given', () => {
    const r = checkSync(internalMemory('unfair-rsp'));
    expect(r.violations.map((v) => v.property)).toEqual(['LivenessProperty(p1)', 'LivenessProperty(p2)']);
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'Req(p1, Rd a1)', 'Do(p1)']);
    expect(r.violations[0]!.loop).toEqual({ start: 2, stutter: true });
  });
});
