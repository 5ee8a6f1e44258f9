import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { replay } from '../../../checker/replay.js';
import { readersWriters } from '../../../model/protocols/readers-writers/readersWriters.js';

describe('readers-writers', () => {
  it('keeps writers exclusive, lets readers read together, and starves no one (the turnstile)', () => {
    const r = checkSync(readersWriters({ readers: 2, writers: 2 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 1232, generated: 3701, depth: 22 });
    expect(r.witnesses.map((w) => w.property)).toEqual(['reachable(write)', 'reachable(read)', 'concurrentReaders']);
    expect(r.properties.filter((p) => p.kind === 'leadsTo').map((p) => [p.name, p.verdict])).toEqual([
      ['writerProgress(W0)', 'holds'],
      ['writerProgress(W1)', 'holds'],
      ['readerProgress(R0)', 'holds'],
      ['readerProgress(R1)', 'holds'],
    ]);
    expect(checkSync(readersWriters({ readers: 3, writers: 2 })).stats).toMatchObject({ distinct: 7132, generated: 25167 });
  });

  it('catches a first reader that skips wrt: a writer gets in beside it', () => {
    const r = checkSync(readersWriters({ readers: 2, writers: 2, variant: 'first-reader-skips-wrt' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['exclusiveWriter']);
    expect(r.violations[0]!.trace.map((t) => t.label).slice(-4)).toEqual(['W0: widle -> wturn', 'W0: wait(turn) -> wstart', 'W0: wait(wrt) -> wpass', 'W0: signal(turn) -> write']);
  });

  it("starves a writer with the readers' preference: two readers take turns reading, and wrt is never free", () => {
    const m = readersWriters({ readers: 2, writers: 2, variant: 'writer-starvation' });
    const r = checkSync(m);
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['writerProgress(W0)', 'writerProgress(W1)']);
    const v = r.violations[0]!;
    const loop = v.trace.slice(v.loop!.start + 1);
    // The writer waits at wait(wrt) throughout, while some reader is always reading.
    expect(v.trace.slice(v.loop!.start).every((t) => (t.state as { pc: string[] }).pc[2] === 'wstart')).toBe(true);
    expect(loop.some((t) => t.label.startsWith('R0')) && loop.some((t) => t.label.startsWith('R1'))).toBe(true);
    expect(loop.some((t) => t.label.startsWith('W0'))).toBe(false);
    expect(replay(m, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null } });
    expect(r.properties.find((p) => p.name === 'readerProgress(R0)')?.verdict).toBe('holds');
  });
});
