import { describe, expect, it } from 'vitest';
import { checkSync, replay } from '../../../checker/index.js';
import { causalBss } from '../../../model/protocols/causal-bss/causalBss.js';
import { findSpec, defaults } from '../../../specs/index.js';

const labels = (trace: readonly { label: string }[]) => trace.map((t) => t.label);

describe('causal-bss', () => {
  it('two members, one multicast each: 13 states, counted by hand', () => {
    // Each message is unsent, in flight or delivered (9 combinations), and the ghost clocks remember
    // whether a message was sent after its sender delivered the other one: 2 ways when one message is
    // delivered and the other sent, 3 when both are delivered (neither, or either one depends on the
    // other): 1 + 2 + 2 + 1 + 4 + 3. Generated: 14 enabled steps over these states, plus the initial one.
    const r = checkSync(causalBss({ members: 2, multicasts: 1, drops: 0, duplicates: 0, crashes: 0 }));
    expect([r.verdict, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 13, 15, 5]);
  });

  it('holds on its default instance (3 members, one multicast each, one duplication)', () => {
    const spec = findSpec('causal-bss');
    expect(defaults(spec)).toMatchObject({ members: 3, multicasts: 1, duplicates: 1 });
    const r = checkSync(spec.build(defaults(spec)));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([3818, 11995, 12]);
    expect(r.witnesses.map((w) => w.property)).toEqual(['allDelivered']);
  });

  it('catches delivery on arrival with the classic violation: a reply overtakes the message it answers', () => {
    const spec = findSpec('causal-bss-deliver-on-arrival');
    const model = spec.build(defaults(spec));
    const r = checkSync(model);
    expect(r.violations.map((v) => v.property)).toEqual(['causalDelivery']);
    const trace = r.violations[0]!.trace;
    // A multicasts m; C delivers m and replies r; B receives r first and delivers it while m, causally
    // before r and addressed to B, is not delivered there yet: the violation is that delivery.
    expect(labels(trace)).toEqual([
      'init',
      'input  A : multicast',
      'deliver  A -> C : m[1,0,0]',
      'input  C : multicast',
      'deliver  C -> B : m[1,0,1]',
    ]);
    expect(replay(model, trace)).toMatchObject({ ok: true, violations: [{ property: 'causalDelivery', step: 4 }] });
  });
});

describe('causal-bss with a crash', () => {
  // A member keeps no durable state: after a restart it has forgotten its deliveries and its own sends.
  // The network, the ghost and the hold-back queue leave room for the restarted member's new multicasts,
  // so the model never throws; what the check finds is the protocol's own limit.
  it('forgets what it delivered in a restart: causal order fails in 6 steps, and the model never throws', () => {
    const model = causalBss({ members: 3, multicasts: 1, drops: 0, duplicates: 1, crashes: 1 });
    const r = checkSync(model);
    expect(r.verdict).toBe('violated');
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([2690, 6022, 7]);
    // C delivers m, crashes, forgets it, and multicasts a message that B delivers before m.
    expect(labels(r.violations[0]!.trace)).toEqual([
      'init',
      'input  A : multicast',
      'deliver  A -> C : m[1,0,0]',
      'crash  C',
      'recover  C',
      'input  C : multicast',
      'deliver  C -> B : m[0,0,1]',
    ]);
    expect(replay(model, r.violations[0]!.trace)).toMatchObject({ ok: true, violations: [{ property: 'causalDelivery', step: 6 }] });
  });

  it('explores the whole space with --continue: no capacity error, and a restarted member redelivers too', () => {
    const r = checkSync(causalBss({ members: 3, multicasts: 1, drops: 0, duplicates: 1, crashes: 1 }), { continueAfterViolation: true });
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['causalDelivery', 'noDuplicateDelivery']);
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([219569, 736535, 17]);
    // B delivers m, crashes, forgets it, and delivers a copy of m again.
    expect(labels(r.violations[1]!.trace)).toEqual([
      'init',
      'input  A : multicast',
      'duplicate  A -> B : m[1,0,0]',
      'deliver  A -> B : m[1,0,0]',
      'crash  B',
      'recover  B',
      'deliver  A -> B : m[1,0,0]',
    ]);
    expect(r.witnesses.map((w) => w.property)).toEqual(['allDelivered']);
  });
});
