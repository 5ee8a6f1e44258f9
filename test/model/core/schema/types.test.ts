/**
 * Type tests: what a schema infers for its plain value, its view and its draft. These assertions are
 * checked by `tsc` (the suite is part of `npm run typecheck`); at run time they are no-ops.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { defineModel, draftOf, s, viewOf } from '../../../../model/core/index.js';
import type {
  ArrayDraft,
  ArrayView,
  DraftOf,
  KeyOf,
  MultisetDraft,
  MultisetView,
  SeqDraft,
  SeqView,
  SetDraft,
  SetView,
  ValueOf,
  ViewOf,
} from '../../../../model/core/index.js';

const Phase = s.enum(['idle', 'busy', 'done']);
const Msg = s.record({ from: s.int(0, 2), kind: s.enum(['ping', 'pong']) });
const State = s.record({
  phase: Phase,
  flag: s.boolean(),
  n: s.int(0, 9),
  rm: s.array(s.enum(['w', 'p']), 3),
  votes: s.map(s.enum(['a', 'b']), s.boolean()),
  ids: s.map(s.int(0, 2), Msg),
  peers: s.set(s.int(0, 4)),
  queue: s.seq(s.int(0, 7), 3),
  net: s.multiset(Msg, 3),
  inner: s.record({ x: s.int(0, 3), ys: s.array(Msg, 2) }),
});
type S = typeof State;
/** Type-checks `body` without running it: for lines that must not compile, whose effect would throw. */
function typeOnly(body: () => void): void {
  void body;
}

type MsgValue = { readonly from: number; readonly kind: 'ping' | 'pong' };

describe('ValueOf', () => {
  it('infers literal unions for enums, and arrays for sets, sequences and multisets', () => {
    expectTypeOf<ValueOf<typeof Phase>>().toEqualTypeOf<'idle' | 'busy' | 'done'>();
    expectTypeOf<ValueOf<ReturnType<typeof s.boolean>>>().toEqualTypeOf<boolean>();
    expectTypeOf<ValueOf<typeof Msg>>().toEqualTypeOf<MsgValue>();
    expectTypeOf<ValueOf<S>['rm']>().toEqualTypeOf<('w' | 'p')[]>();
    expectTypeOf<ValueOf<S>['peers']>().toEqualTypeOf<number[]>();
    expectTypeOf<ValueOf<S>['queue']>().toEqualTypeOf<number[]>();
    expectTypeOf<ValueOf<S>['net']>().toEqualTypeOf<MsgValue[]>();
    expectTypeOf<ValueOf<S>['inner']>().toEqualTypeOf<{ readonly x: number; readonly ys: MsgValue[] }>();
  });

  it('infers maps keyed by their keys', () => {
    expectTypeOf<ValueOf<S>['votes']>().toEqualTypeOf<{ a: boolean; b: boolean }>();
    expectTypeOf<ValueOf<S>['ids']>().toEqualTypeOf<{ [k: number]: MsgValue }>();
    expectTypeOf<KeyOf<ReturnType<typeof s.boolean>>>().toEqualTypeOf<boolean>();
  });
});

describe('ViewOf', () => {
  type V = ViewOf<S>;
  it('gives scalars as values and composites as read-only views', () => {
    expectTypeOf<V['phase']>().toEqualTypeOf<'idle' | 'busy' | 'done'>();
    expectTypeOf<V['flag']>().toEqualTypeOf<boolean>();
    expectTypeOf<V['rm']>().toEqualTypeOf<ArrayView<'w' | 'p', 'w' | 'p'>>();
    expectTypeOf<V['peers']>().toEqualTypeOf<SetView<number>>();
    expectTypeOf<V['queue']>().toEqualTypeOf<SeqView<number>>();
    expectTypeOf<V['net']>().toEqualTypeOf<MultisetView<MsgValue>>();
    expectTypeOf<V['inner']['ys']>().toEqualTypeOf<ArrayView<MsgValue, { readonly from: number; readonly kind: 'ping' | 'pong' }>>();
  });

  it('reads map entries by key', () => {
    const v = viewOf(State).view;
    expectTypeOf(v.votes.get('a')).toEqualTypeOf<boolean>();
    expectTypeOf(v.ids.get(2).kind).toEqualTypeOf<'ping' | 'pong'>();
    typeOnly(() => {
        // @ts-expect-error: not a key of the map
        v.votes.get('c');
    });
  });

  it('has no way to write', () => {
    const v = viewOf(State).view;
    typeOnly(() => {
      // @ts-expect-error: a view's fields are read-only
      v.phase = 'idle';
      // @ts-expect-error: an array view has no set
      v.rm.set(0, 'w');
      // @ts-expect-error: a set view has no add
      v.peers.add(1);
      // @ts-expect-error: a sequence view has no push
      v.queue.push(1);
      // @ts-expect-error: a multiset view has no add
      v.net.add({ from: 0, kind: 'ping' });
      // @ts-expect-error: nested record fields are read-only too
      v.inner.x = 1;
    });
    expectTypeOf(v).not.toBeAny();
  });
});

describe('DraftOf', () => {
  type D = DraftOf<S>;
  it('makes scalar fields assignable and composites drafts', () => {
    expectTypeOf<D['phase']>().toEqualTypeOf<'idle' | 'busy' | 'done'>();
    expectTypeOf<D['rm']>().toEqualTypeOf<ArrayDraft<'w' | 'p', 'w' | 'p'>>();
    expectTypeOf<D['peers']>().toEqualTypeOf<SetDraft<number>>();
    expectTypeOf<D['queue']>().toEqualTypeOf<SeqDraft<number>>();
    expectTypeOf<D['net']>().toEqualTypeOf<MultisetDraft<MsgValue>>();
    const d = draftOf(State).view;
    d.votes.set('b', false);
    d.inner.ys.get(1).kind = 'pong';
    expectTypeOf(d.inner.ys.get(1)).toExtend<{ from: number; kind: 'ping' | 'pong' }>();
    typeOnly(() => {
        // @ts-expect-error: not a value of the nested enum
        d.inner.ys.get(1).kind = 'pang';
    });
  });

  it('accepts only values of the schema', () => {
    const d = draftOf(State).view;
    d.phase = 'done';
    d.inner.x = 2;
    typeOnly(() => {
      // @ts-expect-error: not a value of the enum
      d.phase = 'sleeping';
      // @ts-expect-error: a number is not a boolean
      d.flag = 1;
      // @ts-expect-error: composite fields cannot be replaced, only edited
      d.inner = { x: 1, ys: [] };
      // @ts-expect-error: a wrong map key
      d.votes.set('c', true);
      // @ts-expect-error: a message of the wrong shape
      d.net.add({ from: 0 });
    });
    expectTypeOf(d).not.toBeAny();
  });

  it('types the arguments of a model from its schema', () => {
    defineModel({
      name: 'typed',
      state: State,
      initialStates: () => [],
      actions: () => [{ to: 'busy' as const }],
      next(st, a, out) {
        expectTypeOf(st).toEqualTypeOf<ViewOf<S>>();
        expectTypeOf(out).toEqualTypeOf<DraftOf<S>>();
        expectTypeOf(a).toEqualTypeOf<{ to: 'busy' }>();
        out.phase = a.to;
        return true;
      },
      properties: [],
    });
  });
});
