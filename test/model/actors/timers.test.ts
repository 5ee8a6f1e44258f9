import { describe, expect, it } from 'vitest';
import { checkSync, replay } from '../../../checker/index.js';
import { always, s } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages, plainTimers, timerTable } from '../../../model/actors/index.js';
import type { SystemView } from '../../../model/actors/index.js';
import { walk } from './walk.js';

describe('timer tables', () => {
  it('give a plain timer its name as label and a keyed timer one slot per key', () => {
    const t = timerTable('c', { vote: s.int(0, 2), flush: null, phase: s.enum(['a', 'b']) });
    expect(t.names).toEqual(['vote', 'flush', 'phase']);
    expect(t.labels).toEqual(['vote(0)', 'vote(1)', 'vote(2)', 'flush', 'phase(a)', 'phase(b)']);
    expect(t.slot('vote', 2)).toEqual({ index: 2, label: 'vote(2)', timer: 'vote', key: 2 });
    expect(t.slot('flush').index).toBe(3);
    expect(t.byLabel('phase(b)')?.key).toBe('b');
    expect(timerTable('c', ['x', 'y']).labels).toEqual(['x', 'y']);
    expect(timerTable('c', { ...plainTimers(['x']), y: undefined }).labels).toEqual(['x']);
  });

  it('refuse a bad key, a key for a plain timer, a missing key and an unknown timer, naming the actor', () => {
    const t = timerTable('coordinator', { vote: s.int(0, 1), flush: null });
    expect(() => t.slot('vote', 5)).toThrow("coordinator: key 5 of timer 'vote' is outside its universe 0..1");
    expect(() => t.slot('vote')).toThrow("coordinator: timer 'vote' needs a key in 0..1");
    expect(() => t.slot('flush', 0)).toThrow("coordinator: timer 'flush' takes no key (given 0)");
    expect(() => t.slot('nope')).toThrow("coordinator: no timer 'nope'");
    expect(() => timerTable('c', { k: s.boolean() as never })).toThrow("defineActor(c): the key of timer 'k' must be an s.int or an s.enum, not boolean");
    expect(() => timerTable('c', ['a', 'a'])).toThrow('timer names must be distinct');
  });
});

/** One node waiting for two jobs, each with its own deadline: a job's timer firing gives up that job only. */
const Msg = messages({ Done: { job: s.int(0, 1) } });
const waiter = defineActor({
  kind: 'waiter',
  state: s.record({ job: s.array(s.enum(['waiting', 'done', 'gaveUp']), 2) }),
  messages: Msg,
  timers: { deadline: s.int(0, 1) },
  initial: () => ({ job: ['waiting', 'waiting'] as ('waiting' | 'done' | 'gaveUp')[] }),
  onStart(_st, ctx) {
    ctx.setTimer('deadline', 0);
    ctx.setTimer('deadline', 1);
    ctx.send(1, { type: 'Done', job: 0 });
  },
  onMessage() {},
  onTimer(st, timer, _ctx, key) {
    if (timer === 'deadline') st.job.set(key as number, 'gaveUp');
  },
});
const worker = defineActor({
  kind: 'worker',
  state: s.record({}),
  messages: Msg,
  initial: () => ({}),
  onMessage() {},
});
const roles = { W: { actor: waiter, count: 1 }, X: { actor: worker, count: 1 } };
const deadlines = () => actorSystem({ name: 'deadlines', roles, network: { kind: 'unordered', capacity: 1 } });
const system = actorSystem({
  name: 'deadlines',
  roles,
  network: { kind: 'unordered', capacity: 1 },
  properties: [always<SystemView<typeof roles>>('notBothGaveUp', (st) => !(st.nodes.W.get(0).local.job.get(0) === 'gaveUp' && st.nodes.W.get(0).local.job.get(1) === 'gaveUp'))],
});

describe('keyed timers', () => {
  it('fire apart: each key is its own armed slot, and a firing disarms only its own', () => {
    const r = checkSync(system);
    expect(r.violations.filter((v) => v.kind === 'error').map((v) => v.message)).toEqual([]);
    expect(r.verdict).toBe('violated');
    const trace = r.violations[0]!.trace;
    expect(trace.map((t) => t.label)).toEqual(['init', 'timeout  W : deadline(0)', 'timeout  W : deadline(1)']);
    expect((trace[1]!.state as { nodes: { W: { timers: string[] }[] } }).nodes.W[0]!.timers).toEqual(['deadline(1)']);
    expect(trace[1]!.action).toEqual({ type: 'timeout', node: 0, timer: 'deadline', key: 0 });
    // A trace survives a round trip through JSON, keys included.
    expect(replay(system, JSON.parse(JSON.stringify(trace)))).toMatchObject({ ok: true, violations: [{ property: 'notBothGaveUp', step: 2 }] });
  });

  it('explore exactly the states of two independent deadlines', () => {
    // deadline(0) fired or not, deadline(1) fired or not, Done in flight or delivered.
    expect(checkSync(deadlines()).stats.distinct).toBe(8);
    const [, fired] = walk(system, ['timeout  W : deadline(0)']);
    expect(fired!.offered).toContain('timeout  W : deadline(1)');
    expect(fired!.offered).not.toContain('timeout  W : deadline(0)');
  });

  it('refuse a handler that arms a key outside the universe, naming node, timer and key', () => {
    const bad = defineActor({
      kind: 'bad',
      state: s.record({}),
      messages: Msg,
      timers: { t: s.int(0, 1) },
      initial: () => ({}),
      onStart: (_st, ctx) => ctx.setTimer('t', 2),
      onMessage() {},
    });
    expect(() => actorSystem({ name: 'bad', roles: { B: { actor: bad, count: 1 } }, network: { kind: 'unordered', capacity: 1 } }).initialStates()).toThrow("bad: key 2 of timer 't' is outside its universe 0..1");
  });
});
