/**
 * 64-bit fingerprints of packed states: two 32-bit lanes of MurmurHash3 (x86, 128-bit variant, cut to two
 * lanes) mixed together at the end. The result is left in `fp` to keep the hot loop allocation-free.
 *
 * @module
 */

/** The last fingerprint computed: `fp[0]` the high half, `fp[1]` the low half (never both zero). @internal */
export const fp = new Uint32Array(2);

/** Fingerprints `n` words of `w` from offset `off` into `fp`. */
export function fingerprint(w: Int32Array, off: number, n: number): void {
  let h1 = 0x9747b28c | 0;
  let h2 = 0x2545f491 | 0;
  for (let i = 0; i < n; i++) {
    let k1 = Math.imul(w[off + i]!, 0x239b961b);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, 0xab0e9789);
    h1 ^= k1;
    h1 = (h1 << 19) | (h1 >>> 13);
    h1 = (h1 + h2) | 0;
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
    let k2 = Math.imul(w[off + i]!, 0xab0e9789);
    k2 = (k2 << 16) | (k2 >>> 16);
    k2 = Math.imul(k2, 0x38b34ae5);
    h2 ^= k2;
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (h2 + h1) | 0;
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
  }
  h1 ^= n;
  h2 ^= n;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  fp[0] = h1;
  fp[1] = h2 === 0 && h1 === 0 ? 1 : h2;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
