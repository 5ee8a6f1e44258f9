import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { echo } from '../../../model/protocols/echo/echo.js';

describe('echo (MCEcho of the TLA+ Examples)', () => {
  it("reproduces TLC's 75 distinct states and depth 16 with guarded receives, and terminates", () => {
    const r = checkSync(echo());
    // TLC's 116 generated: these 113 plus a Terminating stutter in each of the 3 final states.
    expect([r.verdict, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 75, 113, 16]);
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['ParentChild', 'holds'],
      ['AncestorProperties', 'holds'],
      ['terminates', 'holds'],
    ]);
  });

  it('without the echo to the parent, the initiator waits forever', () => {
    const r = checkSync(echo('no-echo'));
    expect(r.violations.map((v) => v.property)).toEqual(['terminates']);
    expect(r.violations[0]!.loop?.stutter).toBe(true);
  });
});
