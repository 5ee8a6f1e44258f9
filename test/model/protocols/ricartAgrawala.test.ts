import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { ricartAgrawala } from '../../../model/protocols/ricart-agrawala/ricartAgrawala.js';
import { walk } from '../actors/walk.js';

const labels = (trace: readonly { label: string }[]) => trace.map((s) => s.label);

describe('ricart-agrawala', () => {
  it('keeps mutual exclusion for 3 processes and sequence numbers up to 3: 20,768 distinct, 72,048 generated, depth 41', () => {
    const r = checkSync(ricartAgrawala({ n: 3, maxSeq: 3 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 20768, generated: 72048, depth: 41 });
    expect(labels(r.witnesses.find((w) => w.property === 'someoneEnters')!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'deliver  P1 -> P2 : Request(1)',
      'deliver  P1 -> P3 : Request(1)',
      'deliver  P2 -> P1 : Reply',
      'deliver  P3 -> P1 : Reply',
    ]);
    expect(r.witnesses.map((w) => w.property)).toContain('everyoneEnters');
  });

  it('breaks a tie of sequence numbers by id: P2 replies to P1, P1 defers P2 until it leaves', () => {
    const stops = walk(ricartAgrawala({ n: 2, maxSeq: 2 }), [
      'input  P1 : request',
      'input  P2 : request',
      'deliver  P1 -> P2 : Request(1)',
      'deliver  P2 -> P1 : Request(1)',
      'deliver  P2 -> P1 : Reply',
      'input  P1 : release',
      'deliver  P1 -> P2 : Reply',
    ]);
    const local = (k: number, p: number) => stops[k]!.state.nodes.P[p].local;
    expect(local(4, 0)).toMatchObject({ phase: 'waiting', ourSeq: 1, deferred: [1] });
    expect(local(5, 0)).toMatchObject({ phase: 'cs' });
    expect(local(6, 0)).toMatchObject({ phase: 'idle', deferred: [] });
    expect(local(7, 1)).toMatchObject({ phase: 'cs', replies: [0] });
  });

  it('takes a sequence number above every one received (not its own, as in the paper), and refuses to go beyond maxSeq', () => {
    const stops = walk(ricartAgrawala({ n: 2, maxSeq: 2 }), [
      'input  P1 : request',
      'deliver  P1 -> P2 : Request(1)',
      'input  P2 : request',
      'deliver  P2 -> P1 : Reply',
      'input  P1 : release',
      'deliver  P2 -> P1 : Request(2)',
      'deliver  P1 -> P2 : Reply',
      'input  P2 : release',
    ]);
    expect(stops[3]!.state.nodes.P[1].local).toMatchObject({ ourSeq: 2, highest: 1 });
    expect(stops[6]!.state.nodes.P[0].local).toMatchObject({ ourSeq: 1, highest: 2 });
    // P1 has received 2 = maxSeq and refuses; P2 has received only 1, so it may request with 2 again.
    expect(stops[8]!.offered).toEqual(['input  P2 : request']);
  });

  it('catches a process that replies from inside its critical section', () => {
    const r = checkSync(ricartAgrawala({ n: 3, maxSeq: 3, variant: 'reply-in-cs' }));
    expect(r.violations.map((v) => v.property)).toEqual(['mutualExclusion']);
    // P1 wins the tie and enters; P2's request then reaches P1 inside, which replies at once.
    expect(labels(r.violations[0]!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'input  P2 : request',
      'deliver  P1 -> P2 : Request(1)',
      'deliver  P1 -> P3 : Request(1)',
      'deliver  P2 -> P3 : Request(1)',
      'deliver  P2 -> P1 : Reply',
      'deliver  P3 -> P1 : Reply',
      'deliver  P2 -> P1 : Request(1)',
      'deliver  P1 -> P2 : Reply',
      'deliver  P3 -> P2 : Reply',
    ]);
  });
});
