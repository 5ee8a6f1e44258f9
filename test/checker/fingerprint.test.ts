import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, fp } from '../../checker/fingerprint.js';

/** The fingerprint of `n` words of `w` at `off`, as one bigint. */
function fpOf(w: Int32Array, off = 0, n = w.length - off): bigint {
  fingerprint(w, off, n);
  return (BigInt(fp[0]!) << 32n) | BigInt(fp[1]!);
}

describe('fingerprint', () => {
  it('depends only on the words, not on where they are stored', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 12 }), fc.nat(5), fc.nat(5), (ws, pre, post) => {
        const alone = Int32Array.from(ws);
        const embedded = new Int32Array(pre + ws.length + post).fill(-1);
        embedded.set(alone, pre);
        expect(fpOf(embedded, pre, ws.length)).toBe(fpOf(alone));
        expect(fpOf(Int32Array.from(ws))).toBe(fpOf(alone));
      }),
      { numRuns: 300 },
    );
  });

  it('gives 2^16 distinct one-word states 2^16 distinct fingerprints, none of them zero', () => {
    const seen = new Set<bigint>();
    const w = new Int32Array(1);
    for (let i = 0; i < 1 << 16; i++) {
      w[0] = Math.imul(i, 0x10001) ^ (i << 7);
      seen.add(fpOf(w));
    }
    expect(seen.size).toBe(1 << 16);
    expect(seen.has(0n)).toBe(false);
  });

  it('tells apart states of different lengths, all-zero ones included', () => {
    const fps = new Set([0, 1, 2, 3, 4, 8].map((n) => fpOf(new Int32Array(n))));
    expect(fps.size).toBe(6);
    expect(fpOf(Int32Array.of(1, 0))).not.toBe(fpOf(Int32Array.of(0, 1)));
  });
});
