import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pack, s } from '../../../../model/core/index.js';
import type { Schema } from '../../../../model/core/index.js';
import type { Field, Layout } from '../../../../model/core/schema/layout.js';
import { twoPhaseState } from '../../../../model/protocols/twophase/twophase.js';
import { bitsFor, schemaArb, universe } from '../../../helpers/schemas.js';

/** Every bit field of a layout at its absolute word, with the number of codes it must hold. */
function fields(layout: Layout, base = 0): { word: number; shift: number; width: number; codes: number }[] {
  const abs = (f: Field, codes: number) => ({ word: base + f.word, shift: f.shift, width: f.width, codes });
  switch (layout.kind) {
    case 'scalar':
      return [abs(layout.field, layout.codec.size)];
    case 'set':
      return layout.chunks.map((c, i) => abs(c, 2 ** Math.min(32, layout.universe.size - 32 * i)));
    case 'record':
      return layout.fields.flatMap(([, f]) => fields(f, base));
    case 'array':
      return layout.elems.flatMap((e) => fields(e, base));
    case 'seq':
    case 'multiset': {
      const out = [abs(layout.length, layout.capacity + 1)];
      for (let i = 0; i < layout.capacity; i++) out.push(...fields(layout.elem, base + layout.slotBase + i * layout.slotWords));
      return out;
    }
  }
}

/** The number of values of a scalar schema, or -1. */
function scalarSize(schema: Schema): number {
  if (schema.kind === 'int') return schema.max - schema.min + 1;
  return schema.kind === 'enum' || schema.kind === 'boolean' ? universe(schema).length : -1;
}

describe('pack', () => {
  it('gives each scalar the fewest bits that hold its values', () => {
    const cases: [Schema, number][] = [
      [s.enum(['a']), 0],
      [s.enum(['a', 'b']), 1],
      [s.enum(['a', 'b', 'c']), 2],
      [s.enum(['a', 'b', 'c', 'd', 'e']), 3],
      [s.boolean(), 1],
      [s.int(5, 5), 0],
      [s.int(-3, 4), 3],
      [s.int(0, 8), 4],
      [s.int(0, 2 ** 31 - 1), 31],
      [s.int(-(2 ** 31), 2 ** 31 - 1), 32],
      [s.int(10, 10 + 2 ** 32 - 1), 32],
    ];
    for (const [schema, width] of cases) {
      const { layout } = pack(s.record({ x: schema }));
      expect(layout.kind === 'record' && layout.fields[0]![1].kind === 'scalar' && layout.fields[0]![1].field.width).toBe(width);
    }
  });

  it('lays out TwoPhase with 3 RMs in one word and with 8 RMs in two', () => {
    // rmState 3 x 2 bits, tmState 2, tmPrepared 3, msgs.prepared 3, commit 1, abort 1: 16 bits.
    expect(pack(twoPhaseState(3)).words).toBe(1);
    // 8 x 2 + 2 + 8 = 26 bits; msgs.prepared (8 bits) does not fit in the 6 left, so it opens word 1.
    const p = pack(twoPhaseState(8));
    expect(p.words).toBe(2);
    const all = fields(p.layout);
    expect(all.filter((f) => f.word === 0).reduce((n, f) => n + f.width, 0)).toBe(26);
    expect(all.filter((f) => f.word === 1).reduce((n, f) => n + f.width, 0)).toBe(10);
  });

  it('puts sequence slots in whole words after the length field', () => {
    // a: 1 bit; q.length: bitsFor(4) = 2 bits; then 3 slots of one word each.
    const p = pack(s.record({ a: s.boolean(), q: s.seq(s.int(0, 9), 3) }));
    expect(p.words).toBe(4);
    const q = p.layout.kind === 'record' ? p.layout.fields[1]![1] : undefined;
    expect(q?.kind === 'seq' && [q.length.word, q.length.shift, q.length.width, q.slotBase, q.slotWords]).toEqual([0, 1, 2, 1, 1]);
  });

  it('splits a set over a universe wider than a word into word-sized chunks', () => {
    const p = pack(s.record({ b: s.boolean(), x: s.set(s.int(0, 69)) }));
    // b in word 0; 32 + 32 + 6 bits of the set cannot share word 0's remaining 31 bits.
    expect(p.words).toBe(4);
    expect(fields(p.layout).map((f) => [f.word, f.shift, f.width])).toEqual([
      [0, 0, 1],
      [1, 0, 32],
      [2, 0, 32],
      [3, 0, 6],
    ]);
  });

  it('uses at least one word, even for a schema of no bits', () => {
    expect(pack(s.record({})).words).toBe(1);
    expect(pack(s.record({ only: s.enum(['one']) })).words).toBe(1);
  });

  it('compiles each schema object once', () => {
    const schema = s.record({ x: s.boolean() });
    expect(pack(schema)).toBe(pack(schema));
  });

  it('never lets a scalar straddle a word, never overlaps fields, and counts words exactly', () => {
    fc.assert(
      fc.property(schemaArb, (schema) => {
        const p = pack(s.record({ v: schema }));
        const all = fields(p.layout);
        const used = new Map<number, number>();
        let lastWord = -1;
        for (const f of all) {
          expect(f.shift).toBeGreaterThanOrEqual(0);
          expect(f.shift + f.width).toBeLessThanOrEqual(32);
          expect(f.width).toBe(bitsFor(f.codes));
          if (f.width === 0) continue;
          const mask = f.width === 32 ? 0xffffffff : ((2 ** f.width - 1) * 2 ** f.shift) >>> 0;
          const prev = used.get(f.word) ?? 0;
          expect((prev & mask) >>> 0).toBe(0);
          used.set(f.word, (prev | mask) >>> 0);
          lastWord = Math.max(lastWord, f.word);
        }
        // Sequences reserve whole slot words even when their elements need no bits.
        expect(p.words).toBeGreaterThanOrEqual(Math.max(1, lastWord + 1));
        const size = scalarSize(schema);
        if (size >= 0) {
          expect(p.words).toBe(1);
          expect(all).toHaveLength(1);
          expect(all[0]!.width).toBe(bitsFor(size));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives a sequence of capacity c exactly c slots of the words its element needs', () => {
    fc.assert(
      fc.property(schemaArb, fc.integer({ min: 0, max: 4 }), (elem, capacity) => {
        const alone = pack(s.record({ e: elem })).words;
        const p = pack(s.record({ q: s.seq(elem, capacity) }));
        // Word 0 holds the length; slots start at word 1.
        expect(p.words).toBe(1 + capacity * alone);
      }),
      { numRuns: 200 },
    );
  });
});
