import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError, decode, encode, pack, s, validate } from '../../../../model/core/index.js';
import type { Schema } from '../../../../model/core/index.js';
import { badValueFor, leaves, normalise, schemaAndValue, seededRandom, shuffleBags, valueArb } from '../../../helpers/schemas.js';

const enc = (schema: Schema, v: unknown): Int32Array => encode(schema, v as never);

/** The SchemaError thrown by `f`, or a failure. */
function schemaError(f: () => unknown): SchemaError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaError);
    return e as SchemaError;
  }
  throw new Error('expected a SchemaError, nothing was thrown');
}

describe('encode and decode', () => {
  it('round-trip any value of any schema to its canonical value', () => {
    fc.assert(
      fc.property(schemaAndValue, ({ schema, value }) => {
        const w = enc(schema, value);
        expect(w).toHaveLength(pack(schema).words);
        const back = decode(schema, w);
        expect(normalise(schema, back)).toEqual(normalise(schema, value));
        // Decoding gives the canonical value itself: encoding it again gives the same words and value.
        expect(enc(schema, back)).toEqual(w);
        expect(decode(schema, enc(schema, back))).toEqual(back);
      }),
      { numRuns: 400 },
    );
  });

  it('gives equal words for values that differ only in the order of set and multiset members', () => {
    fc.assert(
      fc.property(schemaAndValue, fc.integer(), ({ schema, value }, seed) => {
        expect(enc(schema, shuffleBags(schema, value, seededRandom(seed)))).toEqual(enc(schema, value));
      }),
      { numRuns: 300 },
    );
  });

  it('gives equal words exactly for equal canonical values', () => {
    const pair = schemaAndValue.chain(({ schema, value }) => {
      const ls = leaves(schema, value);
      // Either an independent value, or the same value with one leaf (or set) changed to another valid one.
      const other =
        ls.length === 0
          ? valueArb(schema)
          : fc.oneof(valueArb(schema), fc.constantFrom(...ls).chain((leaf) => valueArb(leaf.schema).map((x) => leaf.replace(x))));
      return other.map((b) => ({ schema, a: value, b }));
    });
    fc.assert(
      fc.property(pair, ({ schema, a, b }) => {
        const sameValue = JSON.stringify(normalise(schema, a)) === JSON.stringify(normalise(schema, b));
        expect(enc(schema, a).join() === enc(schema, b).join()).toBe(sameValue);
      }),
      { numRuns: 400 },
    );
  });

  it('reads sets in universe order without repetition', () => {
    const schema = s.record({ x: s.set(s.enum(['a', 'b', 'c', 'd'])), y: s.set(s.int(-2, 40)) });
    const w = encode(schema, { x: ['d', 'a', 'd'], y: [40, -2, 31, 30, 32] });
    expect(decode(schema, w)).toEqual({ x: ['a', 'd'], y: [-2, 30, 31, 32, 40] });
  });

  it('stores integers across the full 32-bit range', () => {
    const schema = s.record({ u: s.int(0, 2 ** 32 - 1), i: s.int(-(2 ** 31), 2 ** 31 - 1), far: s.int(2 ** 40, 2 ** 40 + 2 ** 32 - 1) });
    for (const v of [
      { u: 0, i: -(2 ** 31), far: 2 ** 40 },
      { u: 2 ** 32 - 1, i: 2 ** 31 - 1, far: 2 ** 40 + 2 ** 32 - 1 },
      { u: 2 ** 31, i: -1, far: 2 ** 40 + 2 ** 31 },
    ]) {
      expect(decode(schema, encode(schema, v))).toEqual(v);
    }
  });

  it('keys maps by the string form of their keys', () => {
    const schema = s.record({ m: s.map(s.int(-1, 1), s.boolean()) });
    const v = { m: { '-1': true, '0': false, '1': true } };
    expect(decode(schema, encode(schema, v))).toEqual(v);
  });
});

describe('SchemaError', () => {
  it('names the path of a bad scalar or set member anywhere in a value', () => {
    fc.assert(
      fc.property(
        schemaAndValue.chain(({ schema, value }) => {
          const ls = leaves(schema, value);
          return ls.length === 0 ? fc.constant(null) : fc.constantFrom(...ls).map((leaf) => ({ schema, leaf }));
        }),
        (c) => {
          if (c === null) return;
          const { schema, leaf } = c;
          const bad = leaf.replace(badValueFor(leaf.schema));
          const e = schemaError(() => enc(schema, bad));
          expect(e.path).toBe(leaf.path);
          expect(e.message.startsWith(`${leaf.path}: `)).toBe(true);
          expect(() => validate(schema, bad)).toThrow(SchemaError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the record, map or sequence whose shape is wrong', () => {
    const schema = s.record({
      r: s.record({ a: s.boolean() }),
      m: s.map(s.enum(['p', 'q']), s.int(0, 3)),
      q: s.seq(s.boolean(), 2),
      b: s.multiset(s.int(0, 3), 1),
      xs: s.array(s.boolean(), 2),
    });
    const ok = { r: { a: true }, m: { p: 1, q: 2 }, q: [true], b: [3], xs: [true, false] };
    expect(decode(schema, encode(schema, ok))).toEqual(ok);
    const cases: [unknown, string, RegExp][] = [
      [{ ...ok, r: { a: true, z: 1 } }, 'r', /unknown field "z"/],
      [{ ...ok, r: {} }, 'r', /missing field "a"/],
      [{ ...ok, m: { p: 1 } }, 'm', /missing key "q"/],
      [{ ...ok, m: { p: 1, q: 2, z: 3 } }, 'm', /unknown key "z"/],
      [{ ...ok, q: [true, true, false] }, 'q', /3 elements exceed the capacity 2/],
      [{ ...ok, b: [0, 0] }, 'b', /capacity 1/],
      [{ ...ok, xs: [true] }, 'xs', /length 2/],
      [{ ...ok, q: 'no' }, 'q', /expected an array/],
      [{ ...ok, r: null }, 'r', /expected a record/],
      [{ ...ok, extra: 1 }, '', /unknown field "extra"/],
    ];
    for (const [v, path, message] of cases) {
      const e = schemaError(() => enc(schema, v));
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
    }
  });

  it('rejects values of the wrong type for each scalar', () => {
    const schema = s.record({ e: s.enum(['x']), b: s.boolean(), i: s.int(0, 3) });
    for (const [v, path] of [
      [{ e: 'y', b: true, i: 0 }, 'e'],
      [{ e: 'x', b: 'true', i: 0 }, 'b'],
      [{ e: 'x', b: true, i: 1.5 }, 'i'],
      [{ e: 'x', b: true, i: -1 }, 'i'],
      [{ e: 'x', b: true, i: '2' }, 'i'],
    ] as const) {
      expect(schemaError(() => enc(schema, v)).path).toBe(path);
    }
  });
});
