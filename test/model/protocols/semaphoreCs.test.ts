import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { semaphoreCs } from '../../../model/protocols/semaphore-cs/semaphoreCs.js';

describe('semaphore-cs', () => {
  it('holds for 3 processes', () => {
    const r = checkSync(semaphoreCs({ n: 3 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 7, generated: 10, depth: 3 });
  });

  it('catches a semaphore initialised to 2: two waits in a row', () => {
    const r = checkSync(semaphoreCs({ n: 3, variant: 'init-2' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'P0: wait(mutex) -> cs', 'P1: wait(mutex) -> cs']);
  });

  it('catches a process that forgets to signal: a deadlock as soon as it has left', () => {
    const r = checkSync(semaphoreCs({ n: 3, variant: 'no-signal' }));
    expect(r.verdict).toBe('deadlock');
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'P0: wait(mutex) -> cs', 'P0: cs -> exit', 'P0: forget -> ncs']);
    expect(r.violations[0]!.trace.at(-1)!.state).toMatchObject({ sem: { mutex: 0 }, pc: ['ncs', 'ncs', 'ncs'] });
  });
});
