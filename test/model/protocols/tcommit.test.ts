import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { tcommit } from '../../../model/protocols/tcommit/tcommit.js';

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
});
