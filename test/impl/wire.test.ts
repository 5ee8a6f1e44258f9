import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError, s } from '../../model/core/index.js';
import type { Schema } from '../../model/core/index.js';
import { WIRE_VERSION, WireError, wireCodec, wireDecode, wireEncode } from '../../impl/wire/index.js';
import { badValueFor, leaves, normalise, schemaAndValue, schemaArb, seededRandom, shuffleBags, valueArb } from '../helpers/schemas.js';

const enc = (schema: Schema, v: unknown): Uint8Array => wireEncode(schema, v as never);
const dec = (schema: Schema, b: Uint8Array | number[]): unknown => wireDecode(schema, b instanceof Uint8Array ? b : Uint8Array.from(b));

/** The WireError thrown by `f`, or a test failure if it throws anything else or nothing. */
function wireError(f: () => unknown): WireError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WireError)) throw new Error(`expected a WireError, got ${String(e)}`);
    return e;
  }
  throw new Error('expected a WireError, nothing was thrown');
}

/** Whether a schema's encodings all have the same length (no seq or multiset inside). */
function fixedSize(schema: Schema): boolean {
  switch (schema.kind) {
    case 'seq':
    case 'multiset':
      return false;
    case 'array':
    case 'map':
      return fixedSize(schema.of);
    case 'record':
      return Object.values(schema.fields).every(fixedSize);
    default:
      return true;
  }
}

describe('the byte format', () => {
  it('encodes the documented example byte for byte', () => {
    const Msg = s.record({ tx: s.int(0, 1000), vote: s.enum(['yes', 'no']), from: s.set(s.int(0, 9)) });
    const bytes = wireEncode(Msg, { tx: 300, vote: 'no', from: [9, 0] });
    expect([...bytes]).toEqual([WIRE_VERSION, 0x01, 0x2c, 0x01, 0x80, 0x40]);
    expect(wireDecode(Msg, bytes)).toEqual({ tx: 300, vote: 'no', from: [0, 9] });
    expect(wireError(() => wireDecode(Msg, bytes.subarray(0, 3))).message).toBe(
      'wire: truncated: 1 more byte needed, 0 left at byte 3 in vote',
    );
    const seq = wireCodec(s.seq(s.boolean(), 4));
    expect([...seq.encode([true, false])]).toEqual([1, 0, 2, 1, 0]);
    expect(seq.maxSize).toBe(7);
  });

  it('writes an int as its offset from min in the narrowest of u8, u16, u32', () => {
    expect([...enc(s.int(-5, 250), -5)]).toEqual([1, 0]);
    expect([...enc(s.int(-5, 250), 250)]).toEqual([1, 255]);
    expect([...enc(s.int(-5, 251), 251)]).toEqual([1, 1, 0]);
    expect([...enc(s.int(0, 65535), 65535)]).toEqual([1, 0xff, 0xff]);
    expect([...enc(s.int(0, 65536), 65536)]).toEqual([1, 0, 1, 0, 0]);
    expect([...enc(s.int(-(2 ** 31), 2 ** 31 - 1), -1)]).toEqual([1, 0x7f, 0xff, 0xff, 0xff]);
    expect([...enc(s.int(0, 2 ** 32 - 1), 2 ** 32 - 1)]).toEqual([1, 0xff, 0xff, 0xff, 0xff]);
    expect([...enc(s.int(7, 7), 7)]).toEqual([1, 0]);
  });

  it('writes an enum as its index, booleans as 0/1, maps in key order and records in field order', () => {
    const big = s.enum(Array.from({ length: 300 }, (_, i) => `v${i}`));
    expect([...enc(big, 'v299')]).toEqual([1, 0x01, 0x2b]);
    expect([...enc(s.map(s.enum(['b', 'a']), s.boolean()), { a: true, b: false })]).toEqual([1, 0, 1]);
    expect([...enc(s.record({ z: s.int(0, 3), a: s.int(0, 3) }), { a: 1, z: 2 })]).toEqual([1, 2, 1]);
    expect([...enc(s.array(s.boolean(), 3), [true, false, true])]).toEqual([1, 1, 0, 1]);
  });

  it('writes a set as a most-significant-bit-first bitmap of ceil(n/8) bytes', () => {
    const Set17 = s.set(s.int(0, 16));
    expect([...enc(Set17, [])]).toEqual([1, 0, 0, 0]);
    expect([...enc(Set17, [0, 7, 8, 16, 16])]).toEqual([1, 0x81, 0x80, 0x80]);
    expect([...enc(s.set(s.boolean()), [true])]).toEqual([1, 0x40]);
  });

  it('writes a multiset sorted by the bytes of its elements, a seq in its own order', () => {
    const E = s.seq(s.int(0, 300), 3);
    // [] is 00 00, [2] is 00 01 00 02, [1, 5] is 00 02 00 01 00 05: the count comes first, so shorter first.
    expect([...enc(s.multiset(E, 3), [[1, 5], [2], []])]).toEqual([1, 0, 3, 0, 0, 0, 1, 0, 2, 0, 2, 0, 1, 0, 5]);
    expect(dec(s.multiset(E, 3), enc(s.multiset(E, 3), [[1, 5], [2], []]))).toEqual([[], [2], [1, 5]]);
    expect([...enc(s.seq(s.int(0, 9), 3), [3, 1])]).toEqual([1, 0, 2, 3, 1]);
    expect([...enc(s.multiset(s.int(0, 9), 3), [3, 1, 3])]).toEqual([1, 0, 3, 1, 3, 3]);
  });
});

describe('decoding rejects every malformed input with a one-line reason', () => {
  const cases: [string, Schema, number[], string][] = [
    ['an empty input', s.boolean(), [], 'wire: truncated: 1 more byte needed, 0 left at byte 0'],
    ['a wrong version byte', s.boolean(), [2, 0], 'wire: unsupported version 2 (this codec reads version 1) at byte 0'],
    ['trailing bytes', s.boolean(), [1, 0, 0, 0], 'wire: 2 trailing bytes after the value at byte 2'],
    ['an enum index out of range', s.array(s.enum(['a', 'b', 'c']), 2), [1, 0, 3], 'wire: enum index 3 out of range (one of a, b, c) at byte 2 in [1]'],
    ['an int out of range', s.record({ n: s.int(10, 20) }), [1, 11], 'wire: int offset 11 out of range (an integer in [10, 20]) at byte 1 in n'],
    ['a boolean byte other than 0 or 1', s.map(s.int(0, 1), s.boolean()), [1, 0, 2], 'wire: boolean byte 2 out of range (a boolean) at byte 2 in [1]'],
    ['a count above the capacity', s.record({ q: s.seq(s.boolean(), 2) }), [1, 0, 3, 0, 0, 0], 'wire: capacity exceeded: 3 elements, capacity 2 at byte 1 in q'],
    ['set bits beyond the universe', s.set(s.int(0, 9)), [1, 0, 0x20], 'wire: set bitmap has bits set beyond its 10 members at byte 2'],
    ['a multiset out of canonical order', s.record({ m: s.multiset(s.int(0, 9), 3) }), [1, 0, 2, 5, 4], 'wire: multiset elements out of canonical order at byte 4 in m[1]'],
    ['a truncated u32', s.int(0, 2 ** 32 - 1), [1, 0, 0], 'wire: truncated: 4 more bytes needed, 2 left at byte 1'],
  ];
  it.each(cases)('%s', (_, schema, bytes, message) => {
    const e = wireError(() => dec(schema, bytes));
    expect(e.message).toBe(message);
    expect(e.message).not.toContain('\n');
  });
});

describe('properties over random schemas and values', () => {
  it('round-trips every value to its canonical value, and re-encodes that to the same bytes', () => {
    fc.assert(
      fc.property(schemaAndValue, ({ schema, value }) => {
        const codec = wireCodec(schema);
        const bytes = codec.encode(value as never);
        expect(bytes[0]).toBe(WIRE_VERSION);
        expect(bytes.length).toBeLessThanOrEqual(codec.maxSize);
        if (fixedSize(schema)) expect(bytes.length).toBe(codec.maxSize);
        const back = codec.decode(bytes);
        expect(normalise(schema, back)).toEqual(normalise(schema, value));
        expect(codec.encode(back)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('is canonical: reordering set and multiset members does not change the bytes', () => {
    fc.assert(
      fc.property(schemaAndValue, fc.integer(), ({ schema, value }, seed) => {
        expect(enc(schema, shuffleBags(schema, value, seededRandom(seed)))).toEqual(enc(schema, value));
      }),
      { numRuns: 300 },
    );
  });

  it('gives different bytes to different canonical values', () => {
    const twoValues = schemaArb.chain((schema) => fc.tuple(fc.constant(schema), valueArb(schema), valueArb(schema)));
    fc.assert(
      fc.property(twoValues, ([schema, a, b]) => {
        const same = JSON.stringify(normalise(schema, a)) === JSON.stringify(normalise(schema, b));
        expect(Buffer.from(enc(schema, a)).equals(Buffer.from(enc(schema, b)))).toBe(same);
      }),
      { numRuns: 300 },
    );
  });

  it('fails cleanly on every proper prefix of a valid encoding and on any extra byte', () => {
    fc.assert(
      fc.property(schemaAndValue, fc.integer({ min: 0, max: 255 }), ({ schema, value }, extra) => {
        const bytes = enc(schema, value);
        for (let n = 0; n < bytes.length; n++) {
          const e = wireError(() => dec(schema, bytes.subarray(0, n)));
          expect(e.message).toMatch(/^wire: truncated: /);
        }
        const longer = Uint8Array.from([...bytes, extra]);
        expect(wireError(() => dec(schema, longer)).message).toBe(`wire: 1 trailing byte after the value at byte ${bytes.length}`);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws anything but a WireError on random garbage, and accepts only exact encodings', () => {
    fc.assert(
      fc.property(schemaArb, fc.uint8Array({ maxLength: 64 }), fc.boolean(), (schema, garbage, versioned) => {
        const bytes = versioned && garbage.length > 0 ? Uint8Array.from([WIRE_VERSION, ...garbage.subarray(1)]) : garbage;
        let value: unknown;
        try {
          value = dec(schema, bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(WireError);
          expect((e as Error).message).toMatch(/^wire: [^\n]+ at byte \d+/);
          return;
        }
        expect(enc(schema, value)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('either rejects a valid encoding with one byte changed or decodes it to the value it then encodes', () => {
    fc.assert(
      fc.property(schemaAndValue, fc.nat(), fc.integer({ min: 1, max: 255 }), ({ schema, value }, where, delta) => {
        const bytes = enc(schema, value);
        const bad = Uint8Array.from(bytes);
        const i = where % bad.length;
        bad[i] = (bad[i]! + delta) & 0xff;
        let back: unknown;
        try {
          back = dec(schema, bad);
        } catch (e) {
          expect(e).toBeInstanceOf(WireError);
          return;
        }
        expect(enc(schema, back)).toEqual(bad);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a value that does not fit its schema with a SchemaError naming the path', () => {
    fc.assert(
      fc.property(
        schemaAndValue.chain(({ schema, value }) => {
          const ls = leaves(schema, value);
          return ls.length === 0 ? fc.constant(null) : fc.constantFrom(...ls).map((leaf) => ({ schema, leaf }));
        }),
        (picked) => {
          if (picked === null) return;
          const { schema, leaf } = picked;
          try {
            enc(schema, leaf.replace(badValueFor(leaf.schema)));
          } catch (e) {
            expect(e).toBeInstanceOf(SchemaError);
            expect((e as SchemaError).path).toBe(leaf.path);
            return;
          }
          throw new Error(`no SchemaError for a bad value at ${leaf.path}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('encoding misuse', () => {
  it('names missing and unknown fields and exceeded capacities', () => {
    const R = s.record({ a: s.boolean(), q: s.seq(s.boolean(), 1) });
    expect(() => enc(R, { a: true })).toThrow(new SchemaError('', 'missing field "q"'));
    expect(() => enc(R, { a: true, q: [], b: 1 })).toThrow(new SchemaError('', 'unknown field "b"'));
    expect(() => enc(R, { a: true, q: [true, false] })).toThrow(new SchemaError('q', '2 elements exceed the capacity 1'));
    expect(() => enc(R, { a: true, toString: 1, q: [] })).toThrow(SchemaError);
  });

  it('keeps a field named __proto__ as an own field', () => {
    const R = s.record({ ['__proto__']: s.int(0, 3) } as { readonly __proto__: ReturnType<typeof s.int> });
    const v = JSON.parse('{"__proto__": 2}') as unknown;
    const back = dec(R, enc(R, v)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect(JSON.stringify(back)).toBe('{"__proto__":2}');
  });
});
