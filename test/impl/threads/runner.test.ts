import { describe, expect, it } from 'vitest';
import { s } from '../../../model/core/index.js';
import { threads } from '../../../model/threads/index.js';
import { bakery } from '../../../model/protocols/bakery/bakery.js';
import { filterLock } from '../../../model/protocols/filter-lock/filterLock.js';
import { PetersonShared, peterson } from '../../../model/protocols/peterson/peterson.js';
import { readersWriters } from '../../../model/protocols/readers-writers/readersWriters.js';
import { semaphoreCs } from '../../../model/protocols/semaphore-cs/semaphoreCs.js';
import { tokenChannelMutex } from '../../../model/protocols/token-channel-mutex/tokenChannelMutex.js';
import { BoundsLog, CTL, Tracker, accessor, bugObserved, formatThreadsReport, initialiseMemory, memoryLayout, memoryPlan, runProcess, runThreads } from '../../../impl/threads/index.js';
import type { ThreadsRunReport } from '../../../impl/threads/index.js';

const words = (n: number) => new Int32Array(new SharedArrayBuffer(n * 4));

describe('shared-memory layout', () => {
  it('gives every scalar a word of its own and reads and writes like a draft', () => {
    const layout = memoryLayout(PetersonShared, 3);
    expect(layout.slots.map((x) => [x.word, x.name])).toEqual([
      [3, 'c[0]'],
      [4, 'c[1]'],
      [5, 'turn'],
    ]);
    const w = words(6);
    const tracker = new Tracker();
    const sh = accessor(layout, w, { atomic: true, tracker }) as { c: { get(i: number): boolean; set(i: number, v: boolean): void }; turn: number };
    sh.c.set(1, true);
    sh.turn = 1;
    expect([...w]).toEqual([0, 0, 0, 0, 1, 1]);
    expect(sh.c.get(1)).toBe(true);
    expect(tracker.n).toBe(2);
    expect(tracker.rmw).toBe(false);
  });

  it('records a read-modify-write and values beyond the schema bounds', () => {
    const layout = memoryLayout(s.record({ n: s.int(0, 2) }), 0);
    const w = words(1);
    const tracker = new Tracker();
    const bounds = new BoundsLog();
    const sh = accessor(layout, w, { atomic: true, tracker, bounds }) as { n: number };
    sh.n = sh.n + 5;
    expect(tracker.rmw).toBe(true);
    expect(w[0]).toBe(5);
    expect(bounds.seen.get(0)).toEqual({ min: 5, max: 5 });
  });

  it('refuses systems with channels, which are not compiled to shared memory', () => {
    expect(() => memoryPlan(tokenChannelMutex({ n: 2 }).system)).toThrow(/channels \(token\) do not run on real threads/);
  });
});

describe('one process on this thread', () => {
  it('runs the verified steps and counts its section entries', () => {
    const sys = semaphoreCs({ n: 1 }).system;
    const plan = memoryPlan(sys);
    const w = words(plan.words);
    initialiseMemory(sys, plan, w);
    const out = runProcess(sys, plan, w, 0, { iterations: 100 });
    expect(out).toMatchObject({ passes: 100, exclusivePasses: 100, overlaps: 0, label: 'ncs', stopped: false });
    expect(w[CTL.COUNTER]).toBe(100);
    expect(w[plan.semaphores.get('mutex')!]).toBe(1);
  });

  it('sees an overlap when a second process enters an occupied section', () => {
    // Processes that stop inside the section (a final label) leave it occupied.
    const sys = threads({ name: 'stay' })
      .process({ name: 'P', count: 2, labels: ['enter', 'cs'], steps: (k) => ({ enter: k.go('cs') }) })
      .build({ sections: [{ label: 'cs', exclusive: true }] }).system;
    const plan = memoryPlan(sys);
    const w = words(plan.words);
    expect(runProcess(sys, plan, w, 0, { iterations: 1 }).overlaps).toBe(0);
    expect(runProcess(sys, plan, w, 1, { iterations: 1 }).overlaps).toBe(1);
    expect(w[CTL.OVERLAPS]).toBe(1);
  });

  it('rejects a step that writes shared memory and then reports itself blocked', () => {
    const sys = threads({ name: 'sloppy', shared: s.record({ x: s.int(0, 1) }), initial: { x: 0 } })
      .process({
        name: 'P',
        labels: ['a', 'b'],
        steps: (k) => ({
          a: k.step('b', (sh) => {
            sh.x = 1;
            return false;
          }),
        }),
      })
      .build().system;
    const plan = memoryPlan(sys);
    expect(() => runProcess(sys, plan, words(plan.words), 0, { iterations: 1 })).toThrow(/wrote shared memory and then reported itself blocked/);
  });
});

/** A correct algorithm on real threads: every entry counted, no overlap, no lost update. */
function expectClean(r: ThreadsRunReport, threads: number, iterations: number): void {
  expect(r.errors).toEqual([]);
  expect(r.stoppedBy).toBeNull();
  expect(r.threads).toBe(threads);
  expect(r.passes).toBe(threads * iterations);
  expect(r.overlaps).toBe(0);
  expect(r.counter).toBe(r.expectedCounter);
  expect(bugObserved(r)).toBe(false);
}

describe('on worker threads', () => {
  const patient = { stallMs: 20_000 };

  it('runs Peterson with no overlap, and names a3 as atomic only in the model', async () => {
    const r = await runThreads(peterson(), { iterations: 20_000, ...patient });
    expectClean(r, 2, 20_000);
    expect(r.expectedCounter).toBe(40_000);
    expect(r.atomicity).toHaveLength(1);
    expect(r.atomicity[0]).toMatchObject({ program: 'P', step: 'a3', readModifyWrite: false });
    expect(r.atomicity[0]!.variables).toHaveLength(2);
    expect(formatThreadsReport(r, { mutant: false })).toMatch(/overlaps observed {2}0\n[^]*P a3: touches 2 shared variables[^]*no violation observed/);
  });

  it('runs the filter lock and the bakery, one shared access per step', async () => {
    const f = await runThreads(filterLock({ n: 2 }), { iterations: 5_000, ...patient });
    expectClean(f, 2, 5_000);
    expect(f.atomicity).toEqual([]);
    const b = await runThreads(bakery({ n: 2, bound: 3 }), { iterations: 5_000, ...patient });
    expectClean(b, 2, 5_000);
    expect(b.atomicity).toEqual([]);
  });

  it('runs the semaphore critical section on 3 threads with compare-and-swap waits', async () => {
    const r = await runThreads(semaphoreCs({ n: 3 }), { iterations: 20_000, ...patient });
    expectClean(r, 3, 20_000);
    expect(r.atomicity).toEqual([]);
  });

  it('runs readers and writers: only writers count, and the reader count updates are flagged', async () => {
    const r = await runThreads(readersWriters({ readers: 2, writers: 2 }), { iterations: 5_000, ...patient });
    expectClean(r, 4, 5_000);
    expect(r.expectedCounter).toBe(10_000);
    expect(r.atomicity.map((a) => [a.step, a.readModifyWrite])).toEqual(
      expect.arrayContaining([
        ['inc', true],
        ['dec', true],
      ]),
    );
  });

  it('reports a mutant that deadlocks as a stall, with where every thread waits', async () => {
    const r = await runThreads(semaphoreCs({ n: 2, variant: 'no-signal' }), { iterations: 1_000, stallMs: 300 });
    expect(r.stoppedBy).toBe('stall');
    expect(r.passes).toBe(1);
    expect(r.stoppedAt).toEqual([
      { process: 'P0', label: 'ncs' },
      { process: 'P1', label: 'ncs' },
    ]);
    expect(bugObserved(r)).toBe(true);
    expect(formatThreadsReport(r, { mutant: true })).toMatch(/stalled {12}every thread blocked: P0 at ncs, P1 at ncs\n[^]*the hardware shows the bug/);
  });
});
