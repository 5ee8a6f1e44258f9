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

  it("starves a reader with the writers' preference: two writers take turns, and the turnstile is never open", () => {
    const m = readersWriters({ readers: 2, writers: 2, variant: 'writers-preference' });
    const r = checkSync(m);
    expect(r.verdict).toBe('violated');
    expect(r.stats).toMatchObject({ distinct: 5528, generated: 16645, depth: 35 });
    expect(r.violations.map((v) => v.property)).toEqual(['readerProgress(R0)', 'readerProgress(R1)']);
    // Writers still write alone and never starve; readers still read together.
    expect(r.properties.filter((p) => p.verdict !== 'violated').map((p) => [p.name, p.verdict])).toEqual([
      ['exclusiveWriter', 'holds'],
      ['reachable(write)', 'holds'],
      ['reachable(read)', 'holds'],
      ['concurrentReaders', 'holds'],
      ['writerProgress(W0)', 'holds'],
      ['writerProgress(W1)', 'holds'],
    ]);
    const v = r.violations[0]!;
    expect(v.loop).toEqual({ start: 6, stutter: false });
    // W0 shuts the turnstile as the first writer in; R0 waits at it throughout.
    expect(v.trace.slice(1, 7).map((t) => t.label)).toEqual([
      'R0: ridle -> turn',
      'W0: widle -> wlock',
      'W0: wait(wmutex) -> winc',
      'W0: winc -> wshut',
      'W0: wait(turn) -> wrel1',
      'W0: signal(wmutex) -> wstart',
    ]);
    const loop = v.trace.slice(v.loop!.start + 1);
    expect(v.trace.slice(v.loop!.start).every((t) => (t.state as { pc: string[] }).pc[0] === 'turn')).toBe(true);
    // In the loop both writers write, and each re-enters before the other leaves: writecount never drops to 0.
    expect(loop.filter((t) => t.label.endsWith('write -> wexit')).map((t) => t.label)).toEqual(['W0: write -> wexit', 'W1: write -> wexit']);
    expect(loop.some((t) => t.label.includes('signal(turn)'))).toBe(false);
    expect(loop.every((t) => (t.state as { shared: { writecount: number } }).shared.writecount > 0)).toBe(true);
    expect(replay(m, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['readerProgress(R0)'] } });
    // One writer alone must open the turnstile each time it leaves: then no one starves.
    expect(checkSync(readersWriters({ readers: 2, writers: 1, variant: 'writers-preference' }))).toMatchObject({ verdict: 'holds', stats: { distinct: 934, generated: 2363 } });
  });
});
