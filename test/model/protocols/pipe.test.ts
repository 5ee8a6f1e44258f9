import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { replay } from '../../../checker/index.js';
import { pipe } from '../../../model/protocols/pipe/pipe.js';

describe('pipe', () => {
  it('loses, duplicates and reorders nothing, and ends without deadlock once the producer closes', () => {
    const r = checkSync(pipe({ capacity: 2, bytes: 4 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 27, generated: 39, depth: 15 });
    expect(r.properties.map((p) => `${p.name}: ${p.verdict}`)).toEqual(['inOrderNoDuplicates: holds', 'nothingLost: holds', 'allRead: holds']);
    expect(checkSync(pipe({ capacity: 3, bytes: 6 })).verdict).toBe('holds');
    expect(checkSync(pipe({ capacity: 1, bytes: 3 })).verdict).toBe('holds');
  });

  it('deadlocks when the producer never closes: the consumer waits on an empty pipe forever', () => {
    const r = checkSync(pipe({ capacity: 2, bytes: 4, variant: 'no-close' }));
    expect(r.verdict).toBe('deadlock');
    const trace = r.violations[0]!.trace;
    expect(trace).toHaveLength(13);
    expect(trace.filter((t) => t.label.startsWith('Consumer0: receive(pipe)'))).toHaveLength(4);
    expect(trace.at(-1)!.state).toMatchObject({ pc: ['done', 'read'], chan: { pipe: { buf: [], closed: false } } });
  });

  it('catches a pipe that drops writes when full: the consumer sees a gap', () => {
    const r = checkSync(pipe({ capacity: 2, bytes: 4, variant: 'drop-when-full' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['inOrderNoDuplicates']);
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual([
      'init',
      'Producer0: send(pipe) -> count',
      'Producer0: count -> write',
      'Producer0: send(pipe) -> count',
      'Producer0: count -> write',
      'Producer0: send(pipe) -> count', // the pipe is full: byte 2 is lost
      'Producer0: count -> write',
      'Consumer0: receive(pipe) -> read',
      'Producer0: send(pipe) -> count',
      'Consumer0: receive(pipe) -> read',
      'Consumer0: receive(pipe) -> read', // byte 3 where 2 was expected
    ]);
  });

  it('catches an edge-triggered consumer that reads one byte per edge: only allRead sees it spin forever', () => {
    const model = pipe({ capacity: 2, bytes: 4, variant: 'edge-triggered' });
    const r = checkSync(model);
    expect(r.verdict).toBe('violated');
    expect(r.stats).toMatchObject({ distinct: 69, generated: 122, depth: 25 });
    expect(r.violations.map((v) => v.property)).toEqual(['allRead']);
    const v = r.violations[0]!;
    expect(v.trace.map((t) => t.label)).toEqual([
      'init',
      'Producer0: send(pipe) -> notify', // into an empty pipe: an edge
      'Producer0: EPOLLIN -> count',
      'Producer0: count -> write',
      'Producer0: send(pipe) -> count', // into a non-empty pipe: no edge
      'Producer0: count -> write',
      'Consumer0: epoll_wait -> read',
      'Consumer0: receive(pipe) -> poll', // one byte per event; byte 1 stays
      'Producer0: send(pipe) -> count',
      'Producer0: count -> write', // the pipe is full: the producer blocks, the consumer spins
    ]);
    expect(v.loop).toEqual({ start: 9, stutter: true });
    expect(v.trace.at(-1)!.state).toMatchObject({ shared: { ready: false }, pc: ['write', 'poll'], chan: { pipe: { buf: [1, 2], closed: false } } });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, deadlocked: false, lasso: { broken: null, violates: ['allRead'] } });
    // Every other property holds on the mutant, and the spin is no deadlock.
    const all = checkSync(model, { continueAfterViolation: true });
    expect(all.properties.map((p) => `${p.name}: ${p.verdict}`)).toEqual(['inOrderNoDuplicates: holds', 'nothingLost: holds', 'allRead: violated']);
    expect(all.violations.map((x) => x.property)).toEqual(['allRead']);
  });

  it('loses end of file to edge coalescing even when every write raises an edge (capacity 1)', () => {
    const model = pipe({ capacity: 1, bytes: 3, variant: 'edge-triggered' });
    const r = checkSync(model, { continueAfterViolation: true });
    expect(r.violations.map((v) => v.property)).toEqual(['allRead']);
    const v = r.violations[0]!;
    // The last byte's EPOLLIN and the close's EPOLLHUP raise one flag: the consumer reads the byte, never EOF.
    expect(v.trace.map((t) => t.label).slice(-6)).toEqual([
      'Producer0: EPOLLIN -> count',
      'Producer0: count -> close',
      'Producer0: close(pipe) -> hangup',
      'Producer0: EPOLLHUP -> done',
      'Consumer0: epoll_wait -> read',
      'Consumer0: receive(pipe) -> poll',
    ]);
    expect(v.trace.at(-1)!.state).toMatchObject({ pc: ['done', 'poll'], chan: { pipe: { buf: [], closed: true } }, local: { Consumer: [{ next: 3 }] } });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['allRead'] } });
  });
});
