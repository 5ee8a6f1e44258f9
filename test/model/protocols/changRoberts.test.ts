import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { changRoberts, permutations } from '../../../model/protocols/chang-roberts/changRoberts.js';
import { walk } from '../actors/walk.js';

const labels = (trace: readonly { label: string }[]) => trace.map((s) => s.label);

describe('chang-roberts (actor version)', () => {
  it('elects one leader, the largest identity, for every permutation on a ring of 4: 74,340 distinct, 220,796 generated, depth 39', () => {
    const r = checkSync(changRoberts({ n: 4, ids: 'all' }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 24, distinct: 74340, generated: 220796, depth: 39 });
    expect(labels(r.witnesses[0]!.trace)).toEqual([
      'init',
      'input  P4 : elect',
      'deliver  P4 -> P1 : Election(4)',
      'deliver  P1 -> P2 : Election(4)',
      'deliver  P2 -> P3 : Election(4)',
      'deliver  P3 -> P4 : Election(4)',
    ]);
  });

  it("checks every permutation at once: the 'all' model is the disjoint union of the single-permutation models", () => {
    const perms = permutations(3);
    expect(perms).toEqual([
      [1, 2, 3],
      [1, 3, 2],
      [2, 1, 3],
      [2, 3, 1],
      [3, 1, 2],
      [3, 2, 1],
    ]);
    expect(permutations(4)).toHaveLength(24);
    let distinct = 0;
    let generated = 0;
    let depth = 0;
    for (const ids of perms) {
      const r = checkSync(changRoberts({ n: 3, ids }));
      expect(r.verdict).toBe('holds');
      distinct += r.stats.distinct;
      generated += r.stats.generated;
      depth = Math.max(depth, r.stats.depth);
    }
    const all = checkSync(changRoberts({ n: 3, ids: 'all' }));
    expect(all.stats).toMatchObject({ initial: 6, distinct: 1548 });
    expect([distinct, generated, depth]).toEqual([all.stats.distinct, all.stats.generated, all.stats.depth]);
  });

  it('swallows smaller identities, replaces them once with its own, and announces the winner round the ring', () => {
    const stops = walk(changRoberts({ n: 3, ids: [2, 3, 1] }), [
      'input  P3 : elect',
      'deliver  P3 -> P1 : Election(1)',
      'deliver  P1 -> P2 : Election(2)',
      'deliver  P2 -> P3 : Election(3)',
      'deliver  P3 -> P1 : Election(3)',
      'deliver  P1 -> P2 : Election(3)',
      'deliver  P2 -> P3 : Elected(3)',
      'deliver  P3 -> P1 : Elected(3)',
      'deliver  P1 -> P2 : Elected(3)',
    ]);
    const leaders = (k: number) => stops[k]!.state.nodes.P.map((p: { local: { leader: number } }) => p.local.leader);
    expect(stops[2]!.state.nodes.P[0].local).toEqual({ id: 2, participant: true, leader: 0 });
    expect(leaders(6)).toEqual([0, 3, 0]);
    expect(stops[6]!.state.nodes.P[1].seen).toEqual(['elected']);
    expect(leaders(9)).toEqual([3, 3, 3]);
    expect(stops[9]!.state.net).toEqual([]);
    // A process that knows the leader starts no election.
    expect(stops[9]!.offered).toEqual([]);
  });

  it('catches a process that forwards smaller identities: the smallest comes back to its owner, a second leader', () => {
    const r = checkSync(changRoberts({ n: 4, ids: 'all', variant: 'forward-all' }));
    expect(r.violations.map((v) => v.property)).toEqual(['atMostOneLeader']);
    const trace = r.violations[0]!.trace;
    // On the first permutation (ids 1, 2, 3, 4 along the ring): 1 goes round and P1 wins, then 2 does and P2 wins.
    expect(labels(trace)).toEqual([
      'init',
      'input  P1 : elect',
      'deliver  P1 -> P2 : Election(1)',
      'deliver  P2 -> P3 : Election(1)',
      'deliver  P3 -> P4 : Election(1)',
      'deliver  P4 -> P1 : Election(1)',
      'deliver  P2 -> P3 : Election(2)',
      'deliver  P3 -> P4 : Election(2)',
      'deliver  P4 -> P1 : Election(2)',
      'deliver  P1 -> P2 : Election(2)',
    ]);
    expect((trace.at(-1)!.state as { nodes: { P: { local: { leader: number } }[] } }).nodes.P.map((p) => p.local.leader)).toEqual([1, 2, 0, 0]);
  });

  it('rejects identities that are not a permutation', () => {
    expect(() => changRoberts({ n: 3, ids: [1, 1, 3] })).toThrow(/permutation of 1..3/);
  });

  it('with crashes (a deployed run kills and restarts processes): one leader, and any leader known is the largest', () => {
    // A restarted process knows no leader while the others still know n: agreement is waived after a
    // crash, the rest of quiescentAgreement is not.
    const r = checkSync(changRoberts({ n: 3, ids: [2, 3, 1], crashes: 2 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinct).toBeGreaterThan(checkSync(changRoberts({ n: 3, ids: [2, 3, 1] })).stats.distinct);
    expect(() => changRoberts({ n: 3, ids: 'all', crashes: 1 })).toThrow(/crashes need fixed ids/);
  });
});
