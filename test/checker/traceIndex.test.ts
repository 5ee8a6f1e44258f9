import { describe, expect, it } from 'vitest';
import { NO_PARENT, TraceIndex } from '../../checker/traceIndex.js';

describe('TraceIndex', () => {
  it('numbers states in order and keeps parents and actions through growth', () => {
    const t = new TraceIndex();
    const n = 100_000;
    expect(t.push(NO_PARENT, 0)).toBe(0);
    expect(t.push(NO_PARENT, 1)).toBe(1);
    // State i > 1 has parent floor(i / 2) and action i mod 7.
    let wrong = 0;
    for (let i = 2; i < n; i++) if (t.push(i >> 1, i % 7) !== i) wrong++;
    expect(t.size).toBe(n);
    for (let i = 2; i < n; i++) if (t.parent(i) !== i >> 1 || t.action(i) !== i % 7) wrong++;
    expect(wrong).toBe(0);
    expect([t.parent(1), t.action(1)]).toEqual([NO_PARENT, 1]);
    expect(t.path(99_999)).toEqual([1, 3, 6, 12, 24, 48, 97, 195, 390, 781, 1562, 3124, 6249, 12499, 24999, 49999, 99999]);
    expect(t.path(0)).toEqual([0]);
    // 4,096 entries to start, doubled: 131,072 entries of 4 + 2 bytes.
    expect(t.bytes).toBe(131_072 * 6);
  });

  it('widens action positions beyond 16 bits without losing the earlier ones', () => {
    const t = new TraceIndex();
    t.push(NO_PARENT, 0);
    for (let i = 1; i < 5000; i++) t.push(i - 1, 0xffff - (i % 3));
    t.push(4999, 0x10000);
    t.push(5000, 0xfffffffe);
    for (let i = 1; i < 5000; i++) expect(t.action(i)).toBe(0xffff - (i % 3));
    expect([t.action(5000), t.action(5001), t.parent(5001)]).toEqual([0x10000, 0xfffffffe, 5000]);
    expect(t.path(5001)).toHaveLength(5002);
    expect(t.bytes).toBe(8192 * 8);
  });
});
