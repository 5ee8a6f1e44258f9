import { describe, expect, it } from 'vitest';
import { checkSync, formatTrace, replay } from '../../../checker/index.js';
import { findSpec, defaults } from '../../../specs/index.js';
import { twoPhaseLog } from '../../../model/protocols/twophase-log/twophaseLog.js';
import type { TwoPhaseLogView } from '../../../model/protocols/twophase-log/twophaseLog.js';
import { twoPhaseLogLiveness } from '../../../model/protocols/twophase-log/properties.js';

const labels = (trace: readonly { label: string }[]) => trace.map((t) => t.label);
const voteRound = [
  'input  C : begin',
  'deliver  C -> P1 : VoteReq',
  'deliver  C -> P2 : VoteReq',
  'deliver  C -> P3 : VoteReq',
  'deliver  P1 -> C : Vote(yes)',
  'deliver  P2 -> C : Vote(yes)',
  'deliver  P3 -> C : Vote(yes)',
];

function mutant(id: string) {
  const spec = findSpec(id);
  const model = spec.build(defaults(spec));
  return { model, result: checkSync(model) };
}

describe('twophase-log', () => {
  it('has the defaults of the issue: 3 participants, one transaction, one drop, one crash with recovery', () => {
    expect(defaults(findSpec('twophase-log'))).toEqual({ participants: 3, txs: 1, crashes: 1, drops: 1, duplicates: 0, decisionTimer: 0, maxInFlight: 5 });
  });

  it('holds on its default instance, and can commit, also after a crash', () => {
    const spec = findSpec('twophase-log');
    const r = checkSync(spec.build(defaults(spec)));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([223439, 1365254, 17]);
    // With recovery, the protocol decides: the liveness properties hold.
    expect(r.properties.filter((p) => p.kind === 'alwaysEventually').map((p) => [p.name, p.verdict])).toEqual([
      ['coordinatorDecides', 'holds'],
      ['participantsDecide', 'holds'],
    ]);
    expect(r.witnesses.map((w) => w.property)).toEqual(['allCommitted', 'recoveredAndCommitted']);
  });

  it('holds with two transactions through the same handlers', () => {
    const r = checkSync(twoPhaseLog({ participants: 2, txs: 2, drops: 0, crashes: 0, duplicates: 0 }));
    expect([r.verdict, r.stats.distinct]).toEqual(['holds', 38809]);
  });

  it('catches a participant that votes before logging: it forgets its vote in a crash, and its client then refuses', () => {
    const { model, result } = mutant('twophase-log-vote-before-log');
    const trace = result.violations[0]!.trace;
    expect(result.violations.map((v) => v.property)).toEqual(['agreement']);
    // Recovery no longer aborts a transaction without a record (P2 had not logged its vote, so it believes
    // it never voted): P2 is working again, and a refusal from its client now aborts what P1 committed.
    expect(labels(trace)).toEqual(['init', ...voteRound, 'deliver  C -> P1 : Decision(commit)', 'crash  P2', 'recover  P2', 'input  P2 : refuse']);
    expect(replay(model, trace)).toMatchObject({ ok: true, violations: [{ property: 'agreement', step: 11 }] });
  });

  it('catches a coordinator that sends its decision before logging it: it changes its mind after a crash', () => {
    const { model, result } = mutant('twophase-log-decide-before-log');
    const trace = result.violations[0]!.trace;
    expect(result.violations.map((v) => v.property)).toEqual(['stability']);
    expect(labels(trace)).toEqual(['init', ...voteRound, 'crash  C', 'recover  C']);
    expect(replay(model, trace).ok).toBe(true);
  });

  it('catches a coordinator that commits on timeout, in two steps', () => {
    const { result } = mutant('twophase-log-commit-on-timeout');
    expect(result.violations.map((v) => v.property)).toEqual(['validity']);
    expect(labels(result.violations[0]!.trace)).toEqual(['init', 'input  C : begin', 'timeout  C : vote(0)']);
  });

  it('prints a trace that reads like a message sequence chart, each step followed by what changed', () => {
    const { result } = mutant('twophase-log-commit-on-timeout');
    const text = formatTrace(result.violations[0]!.trace).split('\n');
    expect(text).toContain('  1. input  C : begin');
    expect(text).toContain('  2. timeout  C : vote(0)');
    expect(text.some((l) => /nodes\.C\[0\]\.seen: \[\] -> \[commit\]/.test(l))).toBe(true);
    expect(text.some((l) => /nodes\.C\[0\]\.durable\.log\[0\]: precommit -> commit/.test(l))).toBe(true);
  });

  it('catches a coordinator that waits for votes without a timeout: a lost vote request blocks it (liveness only)', () => {
    const { model, result } = mutant('twophase-log-no-vote-timeout');
    expect(result.violations.map((v) => v.property)).toEqual(['coordinatorDecides']);
    const v = result.violations[0]!;
    expect(labels(v.trace).at(-1)).toMatch(/^drop {2}C -> P\d : VoteReq$/);
    expect(v.loop).toEqual({ start: v.trace.length - 1, stutter: true });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['coordinatorDecides'] } });
  });

  it('blocks with crash-stop nodes: the coordinator crashes for good after the votes, and the participants wait forever', () => {
    const { model, result } = mutant('twophase-log-blocking');
    expect(result.violations.map((v) => v.property)).toEqual(['participantsDecide']);
    const v = result.violations[0]!;
    expect(labels(v.trace)).toEqual(['init', 'input  C : begin', 'deliver  C -> P1 : VoteReq', 'deliver  C -> P2 : VoteReq', 'deliver  C -> P3 : VoteReq', 'crash  C']);
    expect(v.loop).toEqual({ start: 5, stutter: true });
    expect(replay(model, v.trace, v.loop)).toMatchObject({ ok: true, lasso: { broken: null, violates: ['participantsDecide'] } });
  });

  it('with the decision timer every participant decides, even after a lost message (twophase-log-retry)', () => {
    const { result } = mutant('twophase-log-retry');
    expect(result.verdict).toBe('holds');
    expect(result.stats).toMatchObject({ distinct: 91321, generated: 488579, cutOff: 63600, depth: 24 });
    expect(result.properties.find((p) => p.name === 'participantsDecide')).toMatchObject({ kind: 'alwaysEventually', verdict: 'holds' });
  });

  it('without it, a lost Decision leaves a participant waiting for ever: what the default instance excuses', () => {
    const model = twoPhaseLog({ participants: 2, txs: 1, crashes: 1, drops: 1, duplicates: 0 });
    const strict = twoPhaseLogLiveness<TwoPhaseLogView>(2, 1, false);
    const r = checkSync({ ...model, properties: strict });
    expect(r.violations.map((v) => v.property)).toEqual(['participantsDecide']);
    const v = r.violations[0]!;
    expect(labels(v.trace).filter((l) => l.startsWith('drop'))).toEqual(['drop  C -> P2 : Decision(commit)']);
    expect(v.loop?.stutter).toBe(true);
  });
});
