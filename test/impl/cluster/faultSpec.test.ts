import { describe, expect, it } from 'vitest';
import { FaultSpecError, brokenAssumptions, parseFaultSpec, resolveFaultSpec } from '../../../impl/cluster/index.js';

const nodes = [
  { name: 'C', kind: 'coordinator' },
  { name: 'P1', kind: 'participant' },
  { name: 'P2', kind: 'participant' },
];

describe('fault specifications', () => {
  it('schedules a kill and its restart, by kind and number or by name', () => {
    const s = resolveFaultSpec(parseFaultSpec('kill=participant-1@2s,restart@3s,kill=coordinator@500ms'), nodes, 60_000);
    expect(s.events).toEqual([
      { at: 500, kind: 'kill', node: 0 },
      { at: 2000, kind: 'kill', node: 1 },
      { at: 5000, kind: 'restart', node: 1 },
    ]);
    expect(resolveFaultSpec(parseFaultSpec('kill=P2@1s'), nodes, 10_000).events).toEqual([{ at: 1000, kind: 'kill', node: 2 }]);
  });

  it('repeats a kill every period up to the horizon', () => {
    const s = resolveFaultSpec(parseFaultSpec('kill=C@1s,restart@200ms,every=2s'), nodes, 6000);
    expect(s.events.map((e) => `${e.kind}@${e.at}`)).toEqual(['kill@1000', 'restart@1200', 'kill@3000', 'restart@3200', 'kill@5000', 'restart@5200']);
  });

  it('draws random kills from the seed, one node down at a time, the same for the same seed', () => {
    const a = resolveFaultSpec(parseFaultSpec('random,seed=7,mean=1s,down=300ms'), nodes, 20_000).events;
    const b = resolveFaultSpec(parseFaultSpec('random,seed=7,mean=1s,down=300ms'), nodes, 20_000).events;
    const c = resolveFaultSpec(parseFaultSpec('random,seed=8,mean=1s,down=300ms'), nodes, 20_000).events;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBeGreaterThan(10);
    expect(a[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(resolveFaultSpec(parseFaultSpec('random,seed=7,after=5s'), nodes, 20_000).events[0]!.at).toBeGreaterThanOrEqual(5000);
    for (let i = 0; i < a.length; i += 2) {
      expect(a[i]).toMatchObject({ kind: 'kill' });
      expect(a[i + 1]).toEqual({ kind: 'restart', node: a[i]!.node, at: a[i]!.at + 300 });
      if (i + 2 < a.length) expect(a[i + 2]!.at).toBeGreaterThanOrEqual(a[i + 1]!.at);
    }
  });

  it('gives every link the global plan and one link its own', () => {
    const s = resolveFaultSpec(parseFaultSpec('loss=0.01,delay=1-5ms,P1->C.delay=150ms,seed=3'), nodes, 1000);
    expect(s.linkPlan(0, 1)).toEqual({ seed: 3, loss: 0.01, delay: { min: 1, max: 5 } });
    expect(s.linkPlan(1, 0)).toEqual({ seed: 3, loss: 0.01, delay: { min: 150, max: 150 } });
    expect(resolveFaultSpec(parseFaultSpec('kill=C@1s'), nodes, 1000).linkPlan(0, 1)).toBeUndefined();
    expect(resolveFaultSpec(parseFaultSpec('random'), nodes, 1000).linkPlan(0, 1)).toMatchObject({ reorder: 0.01, loss: 0.001 });
  });

  it('kills every node at once with kill=all, and marks power losses', () => {
    const s = resolveFaultSpec(parseFaultSpec('kill=all@2s,restart@1s,kill=P1@5s,powerloss,restart@500ms'), nodes, 10_000);
    expect(s.events.filter((e) => e.at === 2000).map((e) => [e.kind, e.node])).toEqual(nodes.map((_, id) => ['kill', id]));
    expect(s.events.filter((e) => e.at === 3000)).toHaveLength(nodes.length);
    expect(s.events.find((e) => e.at === 5000)).toEqual({ at: 5000, kind: 'kill', node: 1, powerLoss: true });
    const random = resolveFaultSpec(parseFaultSpec('random,seed=3,mean=500ms,down=100ms,powerloss=1'), nodes, 20_000).events.filter((e) => e.kind === 'kill');
    expect(random.length).toBeGreaterThan(5);
    expect(random.every((e) => e.powerLoss === true)).toBe(true);
    // Without powerloss= the random kills are those of before power losses existed.
    const plain = resolveFaultSpec(parseFaultSpec('random,seed=3,mean=500ms,down=100ms'), nodes, 20_000).events;
    expect(plain.some((e) => e.powerLoss)).toBe(false);
    expect(() => parseFaultSpec('powerloss')).toThrow(/'powerloss' must follow a kill=NODE@TIME/);
    expect(() => parseFaultSpec('powerloss=0.5')).toThrow(/apply to random kills/);
  });

  it("keeps random mode from reordering links the model assumes FIFO, and names an explicit reorder there", () => {
    const plan = resolveFaultSpec(parseFaultSpec('random'), nodes, 1000, { fifo: true }).linkPlan(0, 1);
    expect(plan).toMatchObject({ loss: 0.001 });
    expect(plan!.reorder).toBeUndefined();
    expect(brokenAssumptions(parseFaultSpec('random'), { fifo: true }, 'lamport-mutex')).toEqual([]);
    expect(brokenAssumptions(parseFaultSpec('P1->C.reorder=0.1'), { fifo: true }, 'lamport-mutex')).toEqual(["reorder on links that lamport-mutex's model assumes FIFO"]);
    expect(brokenAssumptions(parseFaultSpec('reorder=0.1'), { fifo: false }, 'central-mutex')).toEqual([]);
  });

  it('rejects bad specifications with a message naming the item', () => {
    const bad: [string, RegExp][] = [
      ['kill=P1', /bad kill 'kill=P1': expected kill=NODE@TIME/],
      ['restart@1s', /must follow a kill/],
      ['kill=P1@2', /bad time '2' in 'kill=P1@2'/],
      ['loss=2', /bad probability '2'/],
      ['delay=5-1ms', /must not be decreasing/],
      ['jitter=1ms', /unknown fault 'jitter'/],
      ['P1->C.speed=1', /unknown link fault 'speed'/],
      ['mean=1s', /add 'random'/],
      ['after=1s', /add 'random'/],
      ['kill=C@1s,restart@3s,every=2s', /restart@ must come before the next kill/],
      ['', /empty/],
    ];
    for (const [text, why] of bad) expect(() => parseFaultSpec(text), text).toThrow(why);
    expect(() => resolveFaultSpec(parseFaultSpec('kill=participant-3@1s'), nodes, 1000)).toThrow(FaultSpecError);
    expect(() => resolveFaultSpec(parseFaultSpec('kill=Q@1s'), nodes, 1000)).toThrow(/no node 'Q' \(nodes: C, P1, P2; or KIND-N with kinds coordinator, participant\)/);
  });
});
