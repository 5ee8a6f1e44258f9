import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { centralMutex } from '../../../model/protocols/central-mutex/centralMutex.js';
import { walk } from '../actors/walk.js';

const labels = (trace: readonly { label: string }[]) => trace.map((s) => s.label);

describe('central-mutex', () => {
  it('keeps mutual exclusion for 4 processes: 9,280 distinct, 25,537 generated, depth 29; everyone can enter', () => {
    const r = checkSync(centralMutex({ n: 4 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 9280, generated: 25537, depth: 29 });
    expect(labels(r.witnesses.find((w) => w.property === 'someoneEnters')!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'deliver  P1 -> C : Request',
      'deliver  C -> P1 : Grant',
    ]);
    // Every process enters in turn: 4 requests, 4 arrivals, then grant, release, release's arrival x 3, grant.
    expect(r.witnesses.find((w) => w.property === 'everyoneEnters')!.trace).toHaveLength(19);
  });

  it('queues a second requester and grants it on release, even when the release is overtaken by a new request', () => {
    const sys = centralMutex({ n: 2 });
    const stops = walk(sys, [
      'input  P1 : request',
      'deliver  P1 -> C : Request',
      'input  P2 : request',
      'deliver  P2 -> C : Request',
      'deliver  C -> P1 : Grant',
      'input  P1 : release',
      'input  P1 : request',
      // The unordered network delivers P1's new request before its release: the holder is queued behind P2.
      'deliver  P1 -> C : Request',
      'deliver  P1 -> C : Release',
      'deliver  C -> P2 : Grant',
    ]);
    expect(stops[4]!.state.nodes.C[0].local).toEqual({ holder: 1, queue: [2] });
    expect(stops[8]!.state.nodes.C[0].local).toEqual({ holder: 1, queue: [2, 1] });
    expect(stops[9]!.state.nodes.C[0].local).toEqual({ holder: 2, queue: [1] });
    expect(stops[10]!.state.nodes.P.map((p: { local: { phase: string } }) => p.local.phase)).toEqual(['waiting', 'cs']);
  });

  it('offers request only to an idle process and release only to one in its critical section', () => {
    const stops = walk(centralMutex({ n: 1 }), ['input  P : request']);
    expect(stops[0]!.offered).toEqual(['input  P : request']);
    expect(stops[1]!.offered).toEqual(['deliver  P -> C : Request']);
  });

  it('catches a coordinator that grants every request: two requests, two grants, two processes inside', () => {
    const r = checkSync(centralMutex({ n: 4, variant: 'grant-all' }));
    expect(r.violations.map((v) => v.property)).toEqual(['mutualExclusion']);
    expect(labels(r.violations[0]!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'input  P2 : request',
      'deliver  P1 -> C : Request',
      'deliver  P2 -> C : Request',
      'deliver  C -> P1 : Grant',
      'deliver  C -> P2 : Grant',
    ]);
  });
});
