import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { pipe } from '../../../model/protocols/pipe/pipe.js';

describe('pipe', () => {
  it('loses, duplicates and reorders nothing, and ends without deadlock once the producer closes', () => {
    const r = checkSync(pipe({ capacity: 2, bytes: 4 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 27, generated: 39, depth: 15 });
    expect(checkSync(pipe({ capacity: 3, bytes: 6 })).verdict).toBe('holds');
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
});
