import { describe, expect, it } from 'vitest';
import { fingerprint, fp } from '../../checker/fingerprint.js';
import { FingerprintSet } from '../../checker/fingerprintSet.js';

/** A deterministic sequence of distinct non-zero fingerprints. */
function fingerprints(n: number, salt = 0): [number, number][] {
  const w = new Int32Array(2);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    w[0] = i;
    w[1] = salt;
    fingerprint(w, 0, 2);
    out.push([fp[0]!, fp[1]!]);
  }
  return out;
}

describe('FingerprintSet', () => {
  it('keeps every fingerprint through many doublings', () => {
    const set = new FingerprintSet(1);
    const initialBytes = set.bytes;
    const fps = fingerprints(300_000);
    // Counted rather than asserted one by one, to keep the test fast.
    expect(fps.filter(([hi, lo]) => set.add(hi, lo)).length).toBe(300_000);
    expect(set.size).toBe(300_000);
    expect(fps.filter(([hi, lo]) => set.has(hi, lo)).length).toBe(300_000);
    expect(fps.filter(([hi, lo]) => set.add(hi, lo)).length).toBe(0);
    expect(set.size).toBe(300_000);
    expect(fingerprints(20_000, 1).filter(([hi, lo]) => set.has(hi, lo)).length).toBe(0);
    // 1,024 slots of 8 bytes to start; doubled whenever more than 3/4 full: 524,288 slots hold 300,000.
    expect(initialBytes).toBe(1024 * 8);
    expect(set.bytes).toBe(524_288 * 8);
  });

  it('is sized up front for the expected number of fingerprints', () => {
    expect(new FingerprintSet(768).bytes).toBe(1024 * 8);
    expect(new FingerprintSet(769).bytes).toBe(2048 * 8);
    expect(new FingerprintSet(1_000_000).bytes).toBe(2 ** 21 * 8);
  });

  it('probes past collisions, wraps around the table end, and keeps halves that are zero', () => {
    const set = new FingerprintSet(16);
    // Same low half (same home slot, the last one of the table), different high halves; then zero halves.
    const items: [number, number][] = [];
    for (let hi = 1; hi <= 2000; hi++) items.push([hi, 0xffffffff]);
    items.push([0, 5], [5, 0], [0xffffffff, 0], [0, 0xffffffff]);
    for (const [hi, lo] of items) expect(set.add(hi, lo)).toBe(true);
    for (const [hi, lo] of items) expect([hi, lo, set.has(hi, lo), set.add(hi, lo)]).toEqual([hi, lo, true, false]);
    expect(set.has(2001, 0xffffffff)).toBe(false);
    expect(set.has(5, 5)).toBe(false);
    expect(set.size).toBe(items.length);
  });
});
