import { describe, expect, it } from 'vitest';
import { checkSync, replay } from '../../../checker/index.js';
import { fifoLink } from '../../../model/protocols/fifo-link/fifoLink.js';
import { findSpec, defaults } from '../../../specs/index.js';

const labels = (trace: readonly { label: string }[]) => trace.map((t) => t.label);

describe('fifo-link', () => {
  it('one message, no loss: four states, counted by hand', () => {
    // Nothing sent; Data(0) in flight; delivered (Ack(1) in flight); acknowledged. Generated: the send,
    // then timeout + delivery, then timeout + redelivery (rejected) + ack, then redelivery + re-ack.
    const r = checkSync(fifoLink({ messages: 1, drops: 0, crashes: 0 }));
    expect([r.verdict, r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual(['holds', 4, 9, 4]);
  });

  it('holds on its default instance, and every message can get through', () => {
    const spec = findSpec('fifo-link');
    const r = checkSync(spec.build(defaults(spec)));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinct, r.stats.generated, r.stats.depth]).toEqual([251, 1443, 10]);
    expect(r.witnesses.map((w) => w.property)).toEqual(['allDelivered']);
  });

  it('catches the receiver that delivers on arrival: past a gap first, and a duplicate too', () => {
    const spec = findSpec('fifo-link-deliver-on-arrival');
    const model = spec.build(defaults(spec));
    const r = checkSync(model, { continueAfterViolation: true });
    const dup = r.violations.find((v) => v.property === 'noDuplicateDelivery')!;
    expect(labels(dup.trace)).toEqual(['init', 'input  S : send', 'deliver  S -> R : Data(0)', 'deliver  S -> R : Data(0)']);
    const fifo = r.violations.find((v) => v.property === 'fifoDelivery')!;
    // Data(1) is delivered while Data(0), sent before it on the link, is not: a gap skipped is a violation at
    // once, whether or not Data(0) ever comes.
    expect(labels(fifo.trace)).toEqual(['init', 'input  S : send', 'input  S : send', 'deliver  S -> R : Data(1)']);
    const replayed = replay(model, fifo.trace);
    expect(replayed.ok && replayed.violations.map((v) => v.property)).toContain('fifoDelivery');
  });

  it('breaks when the receiver may crash, since it keeps nothing durable', () => {
    const r = checkSync(fifoLink({ messages: 2, drops: 0, crashes: 1 }));
    expect(labels(r.violations[0]!.trace)).toEqual(['init', 'input  S : send', 'deliver  S -> R : Data(0)', 'crash  R', 'recover  R', 'deliver  S -> R : Data(0)']);
  });

  it('over fair-loss links (no loss budget, no counter): delivered under strong fairness, and only under it', () => {
    const fair = fifoLink({ messages: 2, drops: 0, crashes: 0, fairLoss: true });
    const r = checkSync(fair);
    expect(r.verdict).toBe('holds');
    expect(r.properties.find((p) => p.name === 'eventuallyDelivered')?.verdict).toBe('holds');
    // Weak fairness on delivery is not enough: a message re-sent forever may be lost every time.
    const weak = checkSync({ ...fair, fairness: fair.fairness!.map((f) => (f.name === 'delivery' ? { ...f, kind: 'weak' as const } : f)) });
    expect(weak.violations.map((v) => v.property)).toEqual(['eventuallyDelivered']);
    expect(weak.violations[0]!.loop?.stutter).toBe(false);
    expect(() => fifoLink({ messages: 2, drops: 1, crashes: 0, fairLoss: true })).toThrow('a fair-loss network loses without a budget');
  });
});

