import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalWords } from '../../../../model/core/index.js';
import { shuffled } from '../../../helpers/schemas.js';

/** Plain immutable values of every supported kind, nested: what object-tier states are made of. */
const plain: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, NaN, Infinity, 0.5, ''),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 5 }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie('v'), { maxKeys: 4 }),
    fc.array(tie('v'), { maxLength: 4 }).map((xs) => new Set(xs)),
    fc.array(fc.tuple(tie('v'), tie('v')), { maxLength: 4 }).map((es) => new Map(es)),
  ),
})).v;

/**
 * An independent canonical form: a string in which object keys, set members and map entries are sorted.
 * Two values are equal (as object-tier states) exactly when their forms are equal.
 */
function form(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return `b:${v}`;
    case 'number':
      return Object.is(v, -0) ? 'n:-0' : `n:${v}`;
    case 'bigint':
      return `g:${v}`;
    case 'string':
      return `s:${JSON.stringify(v)}`;
    case 'object':
      if (Array.isArray(v)) return `[${v.map(form).join(',')}]`;
      if (v instanceof Set) return `S{${[...v].map(form).sort().join(',')}}`;
      if (v instanceof Map) return `M{${[...v].map(([k, x]) => `${form(k)}=>${form(x)}`).sort().join(',')}}`;
      return `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${form((v as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    default:
      throw new Error(`no form for ${typeof v}`);
  }
}

/** The same value with object keys, set members and map entries rebuilt in another order. */
function reorder(v: unknown, rand: () => number): unknown {
  const shuffle = <T>(xs: T[]): T[] => shuffled(xs, rand);
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((e) => reorder(e, rand));
  if (v instanceof Set) return new Set(shuffle([...v]).map((e) => reorder(e, rand)));
  if (v instanceof Map) return new Map(shuffle([...v]).map(([k, e]) => [reorder(k, rand), reorder(e, rand)]));
  return Object.fromEntries(shuffle(Object.entries(v)).map(([k, e]) => [k, reorder(e, rand)]));
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const same = (a: unknown, b: unknown): boolean => canonicalWords(a).join() === canonicalWords(b).join();

describe('canonicalWords', () => {
  it('does not depend on the order of object keys, set members or map entries', () => {
    fc.assert(
      fc.property(plain, fc.integer(), (v, seed) => {
        expect(canonicalWords(reorder(v, rng(seed)))).toEqual(canonicalWords(v));
      }),
      { numRuns: 500 },
    );
  });

  it('gives equal words exactly to equal values', () => {
    const pairs = plain.chain((a) =>
      fc.tuple(
        fc.constant(a),
        fc.oneof(
          plain,
          fc.integer().map((seed) => reorder(a, rng(seed))),
          fc.constant([a]),
          fc.constant(new Set([a])),
          fc.constant({ a }),
        ),
      ),
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(same(a, b)).toBe(form(a) === form(b));
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart values that a loose comparison would confuse', () => {
    const distinct: unknown[] = [
      null,
      undefined,
      0,
      -0,
      '0',
      0n,
      false,
      [],
      {},
      new Set(),
      new Map(),
      [0],
      [[]],
      { a: undefined },
      { b: undefined },
      'ab',
      'ba',
      'a\u0000',
      'a',
      [1, 2],
      [2, 1],
      new Set([1, 2]),
      new Set([[1, 2]]),
      new Map([[1, 2]]),
      new Map([[2, 1]]),
      { a: 1, b: 2 },
      { a: 2, b: 1 },
      new Set([{ x: 1 }, { x: 1 }]),
      new Set([{ x: 1 }]),
      2 ** 31,
      -(2 ** 31),
      2 ** 31 - 1,
      1.5,
      2n ** 64n,
    ];
    for (let i = 0; i < distinct.length; i++) {
      for (let j = 0; j < distinct.length; j++) {
        expect([i, j, same(distinct[i], distinct[j])]).toEqual([i, j, i === j]);
      }
    }
    expect(same(new Set(['x', 'y']), new Set(['y', 'x']))).toBe(true);
    expect(same(new Map<unknown, unknown>([['k', 1], [2, 'v']]), new Map<unknown, unknown>([[2, 'v'], ['k', 1]]))).toBe(true);
    expect(same(Object.create(null) as object, {})).toBe(true);
  });

  it('encodes maps keyed by objects without a prototype (regression: naming the entry threw)', () => {
    const bare = Object.assign(Object.create(null) as object, { id: 1 });
    expect(canonicalWords(new Map([[bare, 'x']]))).toEqual(canonicalWords(new Map([[{ id: 1 }, 'x']])));
    expect(canonicalWords(new Map([[[bare], 'x']]))).toEqual(canonicalWords(new Map([[[{ id: 1 }], 'x']])));
  });

  it('rejects functions, symbols and class instances, naming where they are', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const cases: [unknown, RegExp][] = [
      [() => 1, /state is a function/],
      [{ f: () => 1 }, /f is a function/],
      [{ s: Symbol('x') }, /s is a symbol/],
      [{ at: [0, new Point(1)] }, /at\[1\] is a Point instance/],
      [new Date(0), /state is a Date instance/],
      [{ m: new Map([[1, new Point(2)]]) }, /Point instance/],
      [new Set([new Uint8Array(1)]), /Uint8Array instance/],
    ];
    for (const [v, message] of cases) {
      expect(() => canonicalWords(v)).toThrow(TypeError);
      expect(() => canonicalWords(v)).toThrow(message);
    }
  });
});
