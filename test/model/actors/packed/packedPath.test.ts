import { describe, expect, it } from 'vitest';
import { tierOf } from '../../../../checker/tier.js';
import type { AnyModel } from '../../../../model/core/index.js';
import { lamportMutex } from '../../../../model/protocols/lamport-mutex/lamportMutex.js';
import { twoPhaseLog } from '../../../../model/protocols/twophase-log/twophaseLog.js';

/**
 * The checking path takes a message by its packed slot words (actions come from the in-flight cache) and
 * writes sends straight into slot words; a plain copy of an action (as read back from a trace file) takes
 * the general path. Over the first states of a search, both must give the same successor, action by action.
 */
function samePaths(model: AnyModel, limit: number): number {
  const tier = tierOf(model);
  const seen = new Set<string>();
  const queue = [...tier.initialStates()];
  let compared = 0;
  while (queue.length > 0 && seen.size < limit) {
    const st = queue.shift()!;
    const key = Array.from(st as Int32Array).join(',');
    if (seen.has(key) || !tier.within(st)) continue;
    seen.add(key);
    for (const a of tier.actions(st)) {
      const fast = tier.next(st, a);
      const plain = tier.next(st, { ...(a as object) });
      expect(plain === undefined ? undefined : Array.from(plain as Int32Array)).toEqual(fast === undefined ? undefined : Array.from(fast as Int32Array));
      compared++;
      if (fast !== undefined) queue.push(fast);
    }
  }
  return compared;
}

describe('the packed path of actor systems', () => {
  it('agrees with the general path on an unordered lossy network with duplicates and crashes', () => {
    expect(samePaths(twoPhaseLog({ participants: 2, txs: 1, crashes: 1, drops: 1, duplicates: 1 }), 2000)).toBeGreaterThan(2000);
  });
  it('agrees with the general path on lossy FIFO links', () => {
    expect(samePaths(lamportMutex({ n: 3, maxClock: 5, drops: 1 }), 2000)).toBeGreaterThan(2000);
  });
});
