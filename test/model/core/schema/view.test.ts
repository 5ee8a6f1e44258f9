import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapacityError, SchemaError, decode, draftOf, encode, s, viewOf } from '../../../../model/core/index.js';
import type { Schema, ValueOf } from '../../../../model/core/index.js';
import { packedTier } from '../../../../checker/tier.js';
import { twoPhase } from '../../../../model/protocols/twophase/twophase.js';
import { normalise, stateSchemaArb, universe, valueArb } from '../../../helpers/schemas.js';

const Msg = s.record({ from: s.int(0, 2), kind: s.enum(['ping', 'pong']) });
const State = s.record({
  phase: s.enum(['idle', 'busy', 'done']),
  flag: s.boolean(),
  n: s.int(-3, 12),
  rm: s.array(s.enum(['w', 'p', 'c']), 3),
  votes: s.map(s.enum(['a', 'b', 'c']), s.boolean()),
  peers: s.set(s.int(0, 40)),
  queue: s.seq(s.int(0, 7), 3),
  net: s.multiset(Msg, 3),
  inner: s.record({ x: s.int(0, 3), ys: s.array(s.record({ z: s.boolean() }), 2) }),
});
type St = ValueOf<typeof State>;

const sample: St = {
  phase: 'busy',
  flag: true,
  n: -2,
  rm: ['w', 'c', 'p'],
  votes: { a: true, b: false, c: true },
  peers: [3, 33, 40],
  queue: [5, 0],
  net: [
    { from: 2, kind: 'ping' },
    { from: 0, kind: 'pong' },
  ],
  inner: { x: 3, ys: [{ z: false }, { z: true }] },
};

/** A draft of `State` over a copy of `value`'s words, and those words. */
function draftOver(value: St) {
  const words = encode(State, value);
  const d = draftOf(State);
  d.bind(words, 0);
  return { d: d.view, words };
}

/** Reads a whole value through the view API alone (no decode), to compare with `decode`. */
function readThrough(schema: Schema, v: unknown): unknown {
  const view = v as Record<string, unknown> & { get(k: unknown): unknown; length: number; size: number };
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int':
      return v;
    case 'record':
      expect(Object.keys(view)).toEqual(Object.keys(schema.fields));
      return Object.fromEntries(Object.entries(schema.fields).map(([k, f]) => [k, readThrough(f, view[k])]));
    case 'array': {
      expect(view.length).toBe(schema.length);
      const viaGet = Array.from({ length: schema.length }, (_, i) => readThrough(schema.of, view.get(i)));
      expect([...(v as Iterable<unknown>)].map((e) => readThrough(schema.of, e))).toEqual(viaGet);
      return viaGet;
    }
    case 'map':
      return Object.fromEntries(universe(schema.keys).map((k) => [String(k), readThrough(schema.of, view.get(k))]));
    case 'set': {
      const set = v as { has(e: unknown): boolean; values(): unknown[]; size: number };
      const members = universe(schema.of).filter((e) => set.has(e));
      expect(set.values()).toEqual(members);
      expect([...(v as Iterable<unknown>)]).toEqual(members);
      expect(set.size).toBe(members.length);
      return members;
    }
    case 'seq':
    case 'multiset': {
      const n = schema.kind === 'seq' ? view.length : view.size;
      const out = Array.from({ length: n }, (_, i) => view.get(i));
      expect([...(v as Iterable<unknown>)]).toEqual(out);
      expect((v as { capacity: number }).capacity).toBe(schema.capacity);
      if (schema.kind === 'multiset') for (const e of out) expect((v as { has(e: unknown): boolean }).has(e)).toBe(true);
      return out;
    }
  }
}

/** Writes `value` into a draft through the draft API alone (no encode). */
function writeThrough(schema: Schema, draft: unknown, value: unknown, set?: (x: unknown) => void): void {
  const d = draft as Record<string, unknown> & {
    get(k: unknown): unknown;
    set(k: unknown, x: unknown): void;
    add(x: unknown): void;
    push(x: unknown): void;
    clear(): void;
  };
  switch (schema.kind) {
    case 'enum':
    case 'boolean':
    case 'int':
      set!(value);
      return;
    case 'record':
      for (const [k, f] of Object.entries(schema.fields)) {
        writeThrough(f, d[k], (value as Record<string, unknown>)[k], (x) => (d[k] = x));
      }
      return;
    case 'array':
    case 'map': {
      const keys = schema.kind === 'array' ? Array.from({ length: schema.length }, (_, i) => i) : universe(schema.keys);
      keys.forEach((k, i) => {
        const x = schema.kind === 'array' ? (value as unknown[])[i] : (value as Record<string, unknown>)[String(k)];
        writeThrough(schema.of, d.get(k), x, (y) => d.set(k, y));
      });
      return;
    }
    case 'set':
      d.clear();
      for (const e of value as unknown[]) d.add(e);
      return;
    case 'seq':
      d.clear();
      for (const e of value as unknown[]) d.push(e);
      return;
    case 'multiset':
      d.clear();
      for (const e of value as unknown[]) d.add(e);
      return;
  }
}

const schemaWithTwoValues = stateSchemaArb.chain((schema) => fc.tuple(fc.constant(schema), valueArb(schema), valueArb(schema)));

describe('views', () => {
  it('read every part of any value as decode does', () => {
    fc.assert(
      fc.property(schemaWithTwoValues, ([schema, a]) => {
        const v = viewOf(schema);
        const words = encode(schema, a as never);
        v.bind(words, 0);
        expect(readThrough(schema, v.view)).toEqual(decode(schema, words));
      }),
      { numRuns: 300 },
    );
  });

  it('read a state at any offset of a larger array, and move to another state on bind', () => {
    const other: St = { ...sample, phase: 'done', rm: ['c', 'c', 'c'], queue: [] };
    const w1 = encode(State, sample);
    const w2 = encode(State, other);
    const both = new Int32Array(w1.length + w2.length + 3);
    both.set(w1, 3);
    both.set(w2, 3 + w1.length);
    const v = viewOf(State);
    const view = v.view;
    const rm = view.rm;
    v.bind(both, 3);
    expect([view.phase, rm.get(1), view.queue.head(), view.votes.get('b'), view.inner.ys.get(1).z]).toEqual(['busy', 'c', 5, false, true]);
    v.bind(both, 3 + w1.length);
    expect(v.view).toBe(view);
    expect([view.phase, rm.get(1), view.queue.head(), view.queue.length]).toEqual(['done', 'c', undefined, 0]);
  });

  it('read multisets in canonical order whatever the order they were built in', () => {
    const { d } = draftOver({ ...sample, net: [] });
    d.net.add({ from: 2, kind: 'pong' });
    d.net.add({ from: 0, kind: 'ping' });
    d.net.add({ from: 2, kind: 'pong' });
    const v = viewOf(State);
    v.bind(encode(State, { ...sample, net: [{ from: 2, kind: 'pong' }, { from: 0, kind: 'ping' }, { from: 2, kind: 'pong' }] }), 0);
    expect(d.net.toArray()).toEqual(v.view.net.toArray());
    expect(d.net.count({ from: 2, kind: 'pong' })).toBe(2);
    expect(d.net.count({ from: 1, kind: 'pong' })).toBe(0);
  });

  it('throw on any attempt to write through them', () => {
    const v = viewOf(State);
    const words = encode(State, sample);
    const before = Int32Array.from(words);
    v.bind(words, 0);
    const view = v.view as unknown as Record<string, any>;
    expect(() => (view['phase'] = 'idle')).toThrow(TypeError);
    expect(() => (view['inner']['x'] = 0)).toThrow(TypeError);
    expect(() => (view['inner'] = {})).toThrow(TypeError);
    expect(() => view['rm'].set(0, 'p')).toThrow(TypeError);
    expect(() => view['rm'].fill('p')).toThrow(TypeError);
    expect(() => view['votes'].set('a', false)).toThrow(TypeError);
    expect(() => view['peers'].add(1)).toThrow(TypeError);
    expect(() => view['peers'].clear()).toThrow(TypeError);
    expect(() => view['queue'].push(1)).toThrow(TypeError);
    expect(() => view['queue'].shift()).toThrow(TypeError);
    expect(() => view['net'].add({ from: 0, kind: 'ping' })).toThrow(TypeError);
    expect(() => view['net'].removeAt(0)).toThrow(TypeError);
    expect(() => (view['inner']['ys'].get(0)['z'] = true)).toThrow(TypeError);
    expect(Object.isFrozen(view)).toBe(true);
    expect(words).toEqual(before);
  });
});

describe('drafts', () => {
  it('written field by field produce exactly the words of the value written', () => {
    fc.assert(
      fc.property(schemaWithTwoValues, ([schema, a, b]) => {
        const source = encode(schema, a as never);
        const sourceBefore = Int32Array.from(source);
        const out = Int32Array.from(source);
        const view = viewOf(schema);
        const draft = draftOf(schema);
        view.bind(source, 0);
        draft.bind(out, 0);
        writeThrough(schema, draft.view, b);
        expect(out).toEqual(encode(schema, b as never));
        expect(normalise(schema, decode(schema, out))).toEqual(normalise(schema, b));
        expect(source).toEqual(sourceBefore);
        expect(readThrough(schema, view.view)).toEqual(decode(schema, sourceBefore));
      }),
      { numRuns: 300 },
    );
  });

  it('assign scalars of records, arrays and maps', () => {
    const { d, words } = draftOver(sample);
    d.phase = 'done';
    d.flag = false;
    d.n = 12;
    d.rm.set(0, 'c');
    d.votes.set('b', true);
    d.inner.x = 0;
    d.inner.ys.get(0).z = true;
    const expected = { ...sample, phase: 'done', flag: false, n: 12, rm: ['c', 'c', 'p'], votes: { a: true, b: true, c: true }, inner: { x: 0, ys: [{ z: true }, { z: true }] } };
    expect(normalise(State, decode(State, words))).toEqual(normalise(State, expected));
    expect(words).toEqual(encode(State, expected as St));
    d.rm.fill('p');
    expect(d.rm.toArray()).toEqual(['p', 'p', 'p']);
  });

  it('reject values outside the schema with a SchemaError naming the field, and bad indices with a RangeError', () => {
    const { d, words } = draftOver(sample);
    const before = Int32Array.from(words);
    const err = (f: () => void): SchemaError => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(SchemaError);
        return e as SchemaError;
      }
      throw new Error('no error');
    };
    expect(err(() => ((d as { phase: string }).phase = 'sleeping')).path).toBe('phase');
    expect(err(() => (d.n = 13)).path).toBe('n');
    expect(err(() => (d.inner.x = -1)).path).toBe('inner.x');
    expect(err(() => d.rm.set(1, 'x' as 'w')).path).toBe('rm[1]');
    expect(err(() => d.votes.set('c', 1 as unknown as boolean)).path).toBe('votes[c]');
    expect(() => d.rm.set(3, 'w')).toThrow(RangeError);
    expect(() => d.votes.get('d' as 'a')).toThrow(RangeError);
    expect(() => d.peers.add(41)).toThrow(SchemaError);
    expect(() => d.queue.push(8)).toThrow(SchemaError);
    expect(() => d.net.add({ from: 3, kind: 'ping' })).toThrow(SchemaError);
    expect(words).toEqual(before);
  });

  it('add, delete and clear set members', () => {
    const { d, words } = draftOver({ ...sample, peers: [] });
    for (const e of [40, 0, 31, 32, 0]) d.peers.add(e);
    expect([d.peers.size, d.peers.values(), d.peers.has(31), d.peers.has(1), d.peers.has(99)]).toEqual([4, [0, 31, 32, 40], true, false, false]);
    d.peers.delete(31);
    d.peers.delete(1);
    d.peers.delete(-5);
    expect(d.peers.values()).toEqual([0, 32, 40]);
    expect(decode(State, words).peers).toEqual([0, 32, 40]);
    d.peers.clear();
    expect([d.peers.size, decode(State, words).peers]).toEqual([0, []]);
  });

  it('push, shift, pop, set and remove sequence elements in order, up to the capacity', () => {
    const { d, words } = draftOver({ ...sample, queue: [] });
    const q = d.queue;
    expect([q.length, q.head(), q.capacity]).toEqual([0, undefined, 3]);
    expect(() => q.shift()).toThrow(RangeError);
    expect(() => q.pop()).toThrow(RangeError);
    q.push(4);
    q.push(1);
    q.push(4);
    expect(q.toArray()).toEqual([4, 1, 4]);
    const full = Int32Array.from(words);
    expect(() => q.push(2)).toThrow(CapacityError);
    expect(words).toEqual(full);
    expect(q.shift()).toBe(4);
    expect(q.pop()).toBe(4);
    q.push(7);
    q.set(0, 2);
    expect(q.toArray()).toEqual([2, 7]);
    expect(() => q.get(2)).toThrow(RangeError);
    expect(() => q.set(2, 0)).toThrow(RangeError);
    q.removeAt(0);
    expect(decode(State, words).queue).toEqual([7]);
    q.clear();
    expect(decode(State, words).queue).toEqual([]);
    // Removing leaves no trace in the words: an emptied sequence equals a fresh one.
    expect(words).toEqual(encode(State, { ...sample, queue: [] }));
  });

  it('keep multisets canonical whatever the order of insertion, and bounded by the capacity', () => {
    const msgs = [
      { from: 2, kind: 'ping' },
      { from: 0, kind: 'pong' },
      { from: 2, kind: 'ping' },
    ] as const;
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const results = orders.map((order) => {
      const { d, words } = draftOver({ ...sample, net: [] });
      for (const i of order) d.net.add(msgs[i]!);
      expect(() => d.net.add({ from: 1, kind: 'ping' })).toThrow(CapacityError);
      return Array.from(words);
    });
    for (const r of results) expect(r).toEqual(results[0]);

    const { d, words } = draftOver({ ...sample, net: [...msgs] });
    expect([d.net.size, d.net.count(msgs[0]), d.net.has({ from: 1, kind: 'ping' })]).toEqual([3, 2, false]);
    expect(d.net.remove({ from: 1, kind: 'ping' })).toBe(false);
    expect(d.net.remove(msgs[0])).toBe(true);
    expect(d.net.count(msgs[0])).toBe(1);
    expect(() => (d.net as unknown as { set(i: number, e: unknown): void }).set(0, msgs[0])).toThrow(TypeError);
    const [first] = d.net.toArray();
    d.net.removeAt(0);
    expect(d.net.toArray()).toHaveLength(1);
    expect(d.net.has(first!)).toBe(false);
    expect(words).toEqual(encode(State, { ...sample, net: d.net.toArray() }));
  });

  it('never change the state a transition reads (every TwoPhase step, 3 RMs)', () => {
    const model = twoPhase({ rms: 3 });
    const tier = packedTier(model);
    let frontier = tier.initialStates();
    const seen = new Set<string>(frontier.map((st) => st.join()));
    let steps = 0;
    while (frontier.length > 0) {
      const next: Int32Array[] = [];
      for (const st of frontier) {
        const before = Int32Array.from(st);
        for (const a of tier.actions(st)) {
          const succ = tier.next(st, a);
          expect(st).toEqual(before);
          if (succ === undefined) continue;
          steps++;
          expect(succ).not.toBe(st);
          const key = succ.join();
          if (!seen.has(key)) {
            seen.add(key);
            next.push(succ);
          }
        }
      }
      frontier = next;
    }
    // 288 distinct states, 1,145 steps from them (TLC: 1,146 generated, counting the initial state).
    expect(seen.size).toBe(288);
    expect(steps).toBe(1145);
  });

  it('are refused for a scalar state schema', () => {
    expect(() => draftOf(s.boolean())).toThrow(TypeError);
    expect(() => viewOf(s.int(0, 3))).toThrow(TypeError);
  });
});

describe('keys that are not integers', () => {
  it('are refused by arrays of scalars and of records alike, never read or written silently', () => {
    const S = s.record({ a: s.array(s.enum(['x', 'y']), 3), r: s.array(s.record({ b: s.boolean() }), 2) });
    const d = draftOf(S);
    d.bind(encode(S, { a: ['y', 'y', 'y'], r: [{ b: false }, { b: true }] }), 0);
    expect(() => d.view.a.get(1.5)).toThrow(RangeError);
    expect(() => d.view.a.set(1.5, 'x')).toThrow(RangeError);
    expect(() => d.view.r.get(0.5)).toThrow(RangeError);
  });
});

describe('field(i, name) on sequences and multisets of records', () => {
  const Msg = s.record({ type: s.enum(['req', 'ack']), clock: s.int(0, 7) });
  const S = s.record({ q: s.seq(Msg, 3), bag: s.multiset(Msg, 3), nums: s.seq(s.int(0, 3), 2) });
  const v = viewOf(S);
  v.bind(encode(S, { q: [{ type: 'ack', clock: 0 }, { type: 'req', clock: 5 }], bag: [{ type: 'req', clock: 2 }], nums: [1] }), 0);

  it('reads one scalar field of an element as get(i) would, typed by the element', () => {
    expect(v.view.q.field(1, 'clock')).toBe(5);
    expect(v.view.q.field(0, 'type')).toBe('ack');
    expect(v.view.bag.field(0, 'clock')).toBe(v.view.bag.get(0).clock);
    const t: 'req' | 'ack' = v.view.q.field(1, 'type');
    expect(t).toBe('req');
  });

  it('refuses an index outside the sequence, an unknown field, and elements that are not records', () => {
    expect(() => v.view.q.field(2, 'clock')).toThrow(RangeError);
    expect(() => v.view.q.field(0, 'nope' as never)).toThrow(/no scalar field "nope"/);
    expect(() => v.view.nums.field(0, 'x' as never)).toThrow(TypeError);
  });
});
