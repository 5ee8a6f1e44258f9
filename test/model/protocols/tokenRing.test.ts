import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { tokenRing, tokens } from '../../../model/protocols/token-ring/tokenRing.js';
import type { TokenRingView } from '../../../model/protocols/token-ring/tokenRing.js';
import { walk } from '../actors/walk.js';

const labels = (trace: readonly { label: string }[]) => trace.map((s) => s.label);

describe('token-ring', () => {
  it('keeps one token and mutual exclusion on a ring of 4: 1,792 distinct, 5,505 generated, depth 22', () => {
    const r = checkSync(tokenRing({ n: 4, crashes: 0 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ initial: 1, distinct: 1792, generated: 5505, depth: 22 });
    // P1 starts with the token, so it enters at once; the others enter as the token comes round.
    expect(labels(r.witnesses.find((w) => w.property === 'someoneEnters')!.trace)).toEqual(['init', 'input  P1 : request']);
    expect(labels(r.witnesses.find((w) => w.property === 'everyoneEnters')!.trace)).toEqual([
      'init',
      'input  P1 : request',
      'input  P1 : release',
      'input  P2 : request',
      'input  P3 : request',
      'input  P4 : request',
      'deliver  P1 -> P2 : Token',
      'input  P2 : release',
      'deliver  P2 -> P3 : Token',
      'input  P3 : release',
      'deliver  P3 -> P4 : Token',
    ]);
  });

  it('counts the token whether held or in flight, and passes it on when idle', () => {
    const sys = tokenRing({ n: 3, crashes: 0 });
    const stops = walk(sys, ['timeout  P1 : pass', 'deliver  P1 -> P2 : Token', 'input  P2 : request', 'input  P2 : release']);
    const tokenAt = (k: number) => stops[k]!.state.nodes.P.map((p: { local: { token: boolean } }) => p.local.token);
    expect(tokenAt(0)).toEqual([true, false, false]);
    expect(tokenAt(1)).toEqual([false, false, false]);
    expect(stops[1]!.state.net).toHaveLength(1);
    expect(stops[2]!.state.nodes.P[1].timers).toEqual(['pass']);
    expect(stops[3]!.state.nodes.P[1]).toMatchObject({ timers: [], local: { phase: 'cs', token: true } });
    expect(tokenAt(4)).toEqual([false, false, false]);
    // The helper behind atMostOneToken sees one token in every state of the walk.
    const r = checkSync({ ...sys, properties: [{ kind: 'always', name: 'exactlyOneToken', holds: (st: TokenRingView) => tokens(st) === 1 }] });
    expect(r.verdict).toBe('holds');
  });

  it('loses the token when its holder crashes: a deadlock once every live process waits (crash-stop)', () => {
    const r = checkSync(tokenRing({ n: 3, crashes: 1, recovery: false }));
    expect(r.verdict).toBe('deadlock');
    expect(r.stats).toMatchObject({ distinct: 94, generated: 207, depth: 4 });
    const trace = r.violations[0]!.trace;
    expect(labels(trace)).toEqual(['init', 'input  P2 : request', 'input  P3 : request', 'crash  P1']);
    // No token anywhere: P1 held it, idle, and lost it in the crash; nothing is in flight.
    const last = trace.at(-1)!.state as { nodes: { P: { local: { token: boolean } }[] }; net: unknown[] };
    expect(last.nodes.P.map((p) => p.local.token)).toEqual([false, false, false]);
    expect(last.net).toEqual([]);
  });

  it('is no better with recovery: the restarted holder comes back without the token, requests, and waits too', () => {
    const r = checkSync(tokenRing({ n: 3, crashes: 1, recovery: true }));
    expect(r.verdict).toBe('deadlock');
    expect(labels(r.violations[0]!.trace)).toEqual(['init', 'input  P2 : request', 'input  P3 : request', 'crash  P1', 'recover  P1', 'input  P1 : request']);
  });

  it('catches a process that regenerates the token on a timeout: two tokens at once', () => {
    const r = checkSync(tokenRing({ n: 4, crashes: 0, variant: 'regenerate' }));
    expect(r.violations.map((v) => v.property)).toEqual(['atMostOneToken']);
    expect(labels(r.violations[0]!.trace)).toEqual(['init', 'timeout  P2 : lost']);
  });
});
