import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { readersWriters } from '../../../model/protocols/readers-writers/readersWriters.js';

describe('readers-writers', () => {
  it('keeps writers exclusive and lets readers read together', () => {
    const r = checkSync(readersWriters({ readers: 2, writers: 2 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 65, generated: 121, depth: 12 });
    expect(r.witnesses.map((w) => w.property)).toEqual(['reachable(write)', 'reachable(read)', 'concurrentReaders']);
    expect(checkSync(readersWriters({ readers: 3, writers: 2 })).stats).toMatchObject({ distinct: 181, generated: 364 });
  });

  it('catches a first reader that skips wrt: a writer gets in beside it', () => {
    const r = checkSync(readersWriters({ readers: 2, writers: 2, variant: 'first-reader-skips-wrt' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['exclusiveWriter']);
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual([
      'init',
      'R0: wait(mutex) -> inc',
      'R0: inc -> rel1',
      'R0: signal(mutex) -> read',
      'W0: wait(wrt) -> write',
    ]);
  });
});
