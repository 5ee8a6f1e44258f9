import { describe, expect, it } from 'vitest';
import { checkDecisions } from '../../bench/soakCheck.js';

describe("the soak's independent checker", () => {
  const ok = checkDecisions(['commit', 'abort', 'precommit'], [['commit', 'abort', 'precommit'], ['commit', 'none', 'precommit']], [{ op: 0, outcome: 'committed' }, { op: 1, outcome: 'aborted' }]);

  it('accepts logs that hold every acknowledged decision, and counts the uncertain', () => {
    expect(ok).toEqual({ acknowledged: 2, lost: 0, contradicting: 0, uncertain: 2, problems: [] });
  });

  it('finds an acknowledged commit the coordinator forgot, and one a participant never voted for', () => {
    const forgot = checkDecisions(['abort'], [['abort']], [{ op: 0, outcome: 'committed' }]);
    expect(forgot).toMatchObject({ lost: 0, contradicting: 1 });
    const none = checkDecisions(['none'], [['none']], [{ op: 0, outcome: 'committed' }]);
    expect(none).toMatchObject({ lost: 1, contradicting: 0 });
    expect(none.problems[0]).toBe("tx 0: acknowledged commit, but the coordinator's log says none");
    const unvoted = checkDecisions(['commit'], [['commit'], ['none']], [{ op: 0, outcome: 'committed' }]);
    expect(unvoted).toMatchObject({ lost: 1, contradicting: 0, problems: ["tx 0: acknowledged commit, but participant 2's log has no record of its vote"] });
  });

  it('finds logs that disagree even when nothing was acknowledged', () => {
    expect(checkDecisions(['precommit'], [['commit'], ['abort']], [])).toMatchObject({ acknowledged: 0, lost: 0, contradicting: 1, uncertain: 0 });
  });

  it('refuses an acknowledgement it cannot read', () => {
    expect(() => checkDecisions(['commit'], [['commit']], [{ op: 0, outcome: 'maybe' }])).toThrow(/unknown outcome "maybe"/);
  });
});
