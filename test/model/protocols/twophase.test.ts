import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { twoPhase } from '../../../model/protocols/twophase/twophase.js';
import { references } from '../../../specs/index.js';
import { untimed } from '../../helpers/graphs.js';
import { twoPhaseOracle } from '../../helpers/twophaseOracle.js';

const reference = (rms: number) => references['twophase']!.find((r) => r.params['rms'] === rms);

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
      for (const variant of [null, 'eager-commit', 'lost-commit'] as const) {
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

  it('rejects a bad number of RMs', () => {
    expect(() => twoPhase({ rms: 0 })).toThrow(RangeError);
    expect(() => twoPhase({ rms: 17 })).toThrow(RangeError);
  });
});
