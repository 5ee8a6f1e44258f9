import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { always, s } from '../../../model/core/index.js';
import { mutualExclusion, reachable, threads } from '../../../model/threads/index.js';
import type { ThreadAction, ThreadsModel, ThreadsView } from '../../../model/threads/index.js';
import { packedTier } from '../../../checker/tier.js';

const labels = (m: ThreadsModel, r = checkSync(m)) => r.violations[0]?.trace.map((t) => t.label) ?? [];

/** The module's example: a semaphore-guarded critical section. */
function mutex(n: number, initial = 1) {
  return threads({ name: 'mutex', semaphores: { mutex: { initial, max: 2 } } })
    .process({
      name: 'P',
      count: n,
      labels: ['ncs', 'cs', 'exit'],
      steps: (k) => ({ ncs: k.wait('mutex', 'cs'), cs: k.go('exit'), exit: k.signal('mutex', 'ncs') }),
    })
    .build({ properties: [mutualExclusion('cs'), reachable('cs')] });
}

/** Successor labels of the initial state, formatted, for the enabled actions only. */
function enabledAt(m: ThreadsModel, path: readonly string[] = []): string[] {
  const tier = packedTier(m);
  let st = tier.initialStates()[0]!;
  for (const label of path) {
    const a = tier.actions(st).find((x) => tier.label(x) === label && tier.next(st, x) !== undefined);
    if (a === undefined) throw new Error(`no enabled ${label}`);
    st = tier.next(st, a)!;
  }
  return tier.actions(st).filter((a) => tier.next(st, a) !== undefined).map((a) => tier.label(a));
}

describe('threads layer', () => {
  it('runs the module example: a semaphore admits one process at a time', () => {
    const r = checkSync(mutex(3));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 7, generated: 10, depth: 3 });
    expect(r.witnesses.map((w) => w.property)).toEqual(['reachable(cs)']);
  });

  it('blocks wait while the semaphore is 0 and lets signal increment it', () => {
    expect(enabledAt(mutex(2))).toEqual(['P0: wait(mutex) -> cs', 'P1: wait(mutex) -> cs']);
    // P0 holds the semaphore: P1's wait is blocked, only P0 moves.
    expect(enabledAt(mutex(2), ['P0: wait(mutex) -> cs'])).toEqual(['P0: cs -> exit']);
    expect(enabledAt(mutex(2), ['P0: wait(mutex) -> cs', 'P0: cs -> exit', 'P0: signal(mutex) -> ncs'])).toEqual([
      'P0: wait(mutex) -> cs',
      'P1: wait(mutex) -> cs',
    ]);
  });

  it('reports mutual exclusion violated with the shortest trace when the semaphore starts at 2', () => {
    const r = checkSync(mutex(3, 2));
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.property).toBe('mutualExclusion(cs)');
    expect(labels(mutex(3, 2), r)).toEqual(['init', 'P0: wait(mutex) -> cs', 'P1: wait(mutex) -> cs']);
  });

  it('reports a signal beyond the declared bound as a model error', () => {
    const m = threads({ name: 'over', semaphores: { s: { initial: 1 } } })
      .process({ name: 'P', labels: ['a', 'b'], steps: (k) => ({ a: k.signal('s', 'b') }) })
      .build();
    const r = checkSync(m);
    expect(r.verdict).toBe('error');
    expect(r.violations[0]!.message).toMatch(/signal\(s\) would exceed its declared bound 1/);
  });

  it('tells a deadlock (everyone blocked) from a legal end (everyone finished)', () => {
    const build = (release: boolean) =>
      threads({ name: 'end', semaphores: { s: { initial: 0 } } })
        .process({ name: 'A', labels: ['go', 'done'], steps: (k) => ({ go: release ? k.signal('s', 'done') : k.go('done') }) })
        .process({ name: 'B', labels: ['go', 'done'], steps: (k) => ({ go: k.wait('s', 'done') }) })
        .build();
    const ok = checkSync(build(true));
    expect(ok.verdict).toBe('holds');
    expect(ok.stats).toMatchObject({ distinct: 3, generated: 3 });
    const stuck = checkSync(build(false));
    expect(stuck.verdict).toBe('deadlock');
    expect(labels(build(false), stuck)).toEqual(['init', 'A0: go -> done']);
  });

  it('discards the writes of a blocked step', () => {
    const Shared = s.record({ x: s.int(0, 3) });
    const m = threads({ name: 'discard', shared: Shared, initial: { x: 0 } })
      .process({
        name: 'P',
        labels: ['a', 'b'],
        steps: (k) => ({
          a: k.step('b', (sh) => {
            sh.x = 3;
            return false;
          }),
        }),
      })
      .build({ properties: [always<ThreadsView<typeof Shared>>('x stays 0', (t) => t.shared.x === 0)] });
    const r = checkSync(m, { checkDeadlock: false });
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 1, generated: 1 });
  });

  it('has one action per target of a branching step, so traces name the label taken', () => {
    const m = threads({ name: 'branch', shared: s.record({ x: s.int(0, 2) }), initial: { x: 0 } })
      .process({
        name: 'P',
        labels: ['loop', 'done'],
        steps: (k) => ({
          loop: k.step(['loop', 'done'], (sh) => {
            if (sh.x === 2) return 'done';
            sh.x++;
            return 'loop';
          }),
        }),
      })
      .build();
    const r = checkSync(m);
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 4, generated: 4, depth: 4 });
    expect(enabledAt(m)).toEqual(['P0: loop -> loop']);
    expect(enabledAt(m, ['P0: loop -> loop', 'P0: loop -> loop'])).toEqual(['P0: loop -> done']);
  });

  it('makes a rendezvous one joint step of sender and receiver', () => {
    const m = threads({ name: 'rv', channels: { c: { capacity: 0, of: s.int(0, 9) } } })
      .process({ name: 'S', local: s.record({ v: s.int(0, 9) }), initial: { v: 0 }, labels: ['send', 'done'], steps: (k) => ({ send: k.send('c', () => 7, 'done') }) })
      .process({
        name: 'R',
        local: s.record({ got: s.int(0, 9) }),
        initial: { got: 0 },
        labels: ['recv', 'done'],
        steps: (k) => ({ recv: k.receive('c', (_sh, me, _self, v) => void (me.got = v), 'done') }),
      })
      .build({ properties: [always<ThreadsView>('got 7 when done', (t) => t.pc(1) !== 'done' || t.local<{ got: number }>(1).got === 7)] });
    expect(enabledAt(m)).toEqual(['S0: send(c) -> done || R0: receive(c) -> done']);
    const r = checkSync(m);
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 2, generated: 2 });
  });

  it('keeps a bounded channel FIFO, blocking send when full and receive when empty; several senders share a mailbox', () => {
    const Shared = s.record({ last: s.int(0, 9) });
    const m = threads({ name: 'mailbox', shared: Shared, initial: { last: 0 }, channels: { box: { capacity: 1, of: s.int(0, 9) } } })
      .process({ name: 'S', count: 2, labels: ['send', 'done'], steps: (k) => ({ send: k.send('box', (_sh, _me, self) => self + 1, 'done') }) })
      .process({
        name: 'R',
        labels: ['r1', 'r2', 'done'],
        steps: (k) => ({ r1: k.receive('box', (sh, _me, _s, v) => void (sh.last = v), 'r2'), r2: k.receive('box', (sh, _me, _s, v) => void (sh.last = v), 'done') }),
      })
      .build();
    // Empty: the receiver is blocked; both senders may go.
    expect(enabledAt(m)).toEqual(['S0: send(box) -> done', 'S1: send(box) -> done']);
    // Full: the other sender is blocked; the receiver may go.
    expect(enabledAt(m, ['S0: send(box) -> done'])).toEqual(['R0: receive(box) -> r2']);
    // init, S0 first / S1 first (2), the receiver takes it (2), the other sends (2), the receiver takes it (2):
    // 9 distinct; generated = 1 initial + 2 + one from each of the 6 inner states.
    const r = checkSync(m);
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 9, generated: 9 });
  });

  it('delivers end of file on a drained, closed channel', () => {
    const m = threads({ name: 'eof', channels: { p: { capacity: 2, of: s.int(0, 3), initial: [1] } } })
      .process({ name: 'W', labels: ['close', 'done'], steps: (k) => ({ close: k.close('p', 'done') }) })
      .process({ name: 'R', labels: ['read', 'done'], steps: (k) => ({ read: k.receive('p', () => {}, 'read', { eof: 'done' }) }) })
      .build();
    expect(enabledAt(m)).toEqual(['W0: close(p) -> done', 'R0: receive(p) -> read']);
    expect(enabledAt(m, ['W0: close(p) -> done', 'R0: receive(p) -> read'])).toEqual(['R0: eof(p) -> done']);
    expect(checkSync(m).verdict).toBe('holds');
  });

  it('tells a send into an empty buffer apart (wasEmpty), and receives without blocking (empty)', () => {
    const m = threads({ name: 'edge', channels: { p: { capacity: 2, of: s.int(0, 3) } } })
      .process({
        name: 'W',
        labels: ['a', 'b', 'woke', 'done'],
        steps: (k) => ({ a: k.send('p', () => 1, 'b', { wasEmpty: 'woke' }), woke: k.go('b'), b: k.send('p', () => 2, 'done', { wasEmpty: 'woke' }) }),
      })
      .process({ name: 'R', labels: ['read', 'idle'], steps: (k) => ({ read: k.receive('p', () => {}, 'idle', { empty: 'idle' }) }) })
      .build();
    // Empty and open: the writer's send takes the wasEmpty outcome, the reader's receive does not block.
    expect(enabledAt(m)).toEqual(['W0: send(p) -> woke', 'R0: empty(p) -> idle']);
    // One value in the buffer: the ordinary outcome; the reader takes the value.
    expect(enabledAt(m, ['W0: send(p) -> woke', 'W0: woke -> b'])).toEqual(['W0: send(p) -> done', 'R0: receive(p) -> idle']);
    // The reader drained it first: the second send finds it empty again.
    expect(enabledAt(m, ['W0: send(p) -> woke', 'W0: woke -> b', 'R0: receive(p) -> idle'])).toEqual(['W0: send(p) -> woke']);
    const closed = threads({ name: 'nb', channels: { p: { capacity: 1, of: s.int(0, 3) } } })
      .process({ name: 'W', labels: ['close', 'done'], steps: (k) => ({ close: k.close('p', 'done') }) })
      .process({ name: 'R', labels: ['read', 'again', 'eof'], steps: (k) => ({ read: k.receive('p', () => {}, 'read', { eof: 'eof', empty: 'again' }) }) })
      .build();
    // Closed and drained: end of file, not EAGAIN.
    expect(enabledAt(closed, ['W0: close(p) -> done'])).toEqual(['R0: eof(p) -> eof']);
  });

  it('checks actions on replay: an action of another model is misuse', () => {
    const m = mutex(2);
    const tier = packedTier(m);
    const st = tier.initialStates()[0]!;
    const forged: ThreadAction = { index: 0, process: 'P9', step: 'wait(mutex)', to: 'cs' };
    expect(() => tier.next(st, forged)).toThrow(/not an action of this model/);
    // A deserialised copy of a real action is accepted.
    expect(tier.next(st, JSON.parse(JSON.stringify(tier.actions(st)[0])))).toBeDefined();
  });

  it('rejects ill-formed systems with a message naming the part', () => {
    expect(() =>
      threads({ name: 'bad' })
        .process({ name: 'P', labels: ['a'], steps: (k) => ({ a: k.go('nowhere' as 'a') }) })
        .build(),
    ).toThrow(/threads\(bad\): process P, step at 'a': target 'nowhere' is not one of its labels \(a\)/);
    expect(() =>
      threads({ name: 'bad', semaphores: { s: { initial: 1 } } })
        .process({ name: 'P', labels: ['a', 'b'], steps: (k) => ({ a: k.wait('t' as 's', 'b') }) })
        .build(),
    ).toThrow(/no semaphore 't' \(declared: s\)/);
    expect(() => threads({ name: 'bad' }).build()).toThrow(/declares no process/);
    expect(() =>
      threads({ name: 'bad', channels: { c: { capacity: 0, of: s.boolean() } } })
        .process({ name: 'P', labels: ['a', 'b'], steps: (k) => ({ a: k.close('c', 'b') }) })
        .build(),
    ).toThrow(/rendezvous channel \(capacity 0\) cannot be closed/);
    expect(() =>
      threads({ name: 'bad', channels: { c: { capacity: 0, of: s.boolean() } } })
        .process({ name: 'P', labels: ['a', 'b'], steps: (k) => ({ a: k.send('c', () => true, 'b', { wasEmpty: 'a' }) }) })
        .process({ name: 'Q', labels: ['a', 'b'], steps: (k) => ({ a: k.receive('c', () => {}, 'b') }) })
        .build(),
    ).toThrow(/rendezvous channel \(capacity 0\) has no buffer to be empty/);
    expect(() =>
      threads({ name: 'bad', channels: { c: { capacity: 1, of: s.boolean() } } })
        .process({ name: 'P', labels: ['a', 'b'], steps: (k) => ({ a: k.send('c', () => true, 'b', { wasEmpty: 'b' }) }) })
        .build(),
    ).toThrow(/wasEmpty is its ordinary target 'b'/);
  });

  it('types steps by the system: unknown semaphores, channels and labels do not compile', () => {
    threads({ name: 'types', semaphores: { s: { initial: 1 } }, channels: { c: { capacity: 1, of: s.int(0, 1) } } }).process({
      name: 'P',
      labels: ['a', 'b'],
      steps: (k) => ({
        // @ts-expect-error: no semaphore 'nope'
        a: k.wait('nope', 'b'),
        // @ts-expect-error: 'c' carries integers
        b: k.send('c', () => 'x', 'a'),
      }),
    });
    threads({ name: 'types' }).process({
      name: 'P',
      labels: ['a'],
      // @ts-expect-error: 'z' is not a label
      steps: (k) => ({ a: k.go('z') }),
    });
  });
});
