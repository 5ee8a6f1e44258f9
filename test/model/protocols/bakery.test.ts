import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { bakery } from '../../../model/protocols/bakery/bakery.js';

describe('bakery', () => {
  it('holds for 2 and 3 processes within the ticket bound', () => {
    const two = checkSync(bakery({ n: 2, bound: 2 }));
    expect(two.verdict).toBe('holds');
    expect(two.stats).toMatchObject({ distinct: 253, generated: 462, depth: 33 });
    const three = checkSync(bakery({ n: 3, bound: 3 }));
    expect(three.verdict).toBe('holds');
    expect(three.stats).toMatchObject({ distinct: 16861, generated: 43575, depth: 73 });
  });

  it('explores more as the bound grows: the constraint cuts, it does not forbid', () => {
    expect(checkSync(bakery({ n: 2, bound: 3 })).stats).toMatchObject({ distinct: 441, generated: 794 });
  });

  it('catches the missing choosing flag: both take ticket 1, and the lower id enters after the other', () => {
    const r = checkSync(bakery({ n: 2, bound: 3, variant: 'no-choosing' }));
    expect(r.verdict).toBe('violated');
    expect(r.stats).toMatchObject({ distinct: 223, generated: 396, depth: 19 });
    const labels = r.violations[0]!.trace.map((t) => t.label);
    expect(labels).toHaveLength(19);
    // P0 reads every ticket (all 0) before P1 has written its own...
    expect(labels.slice(0, 4)).toEqual(['init', 'P0: ncs -> max', 'P0: max -> max', 'P0: max -> ticket']);
    // ...P1 then takes ticket 1 and gets past P0, whose ticket is still 0...
    expect(labels.indexOf('P1: wait2 -> wait1')).toBeLessThan(labels.indexOf('P0: ticket -> unchoose'));
    // ...and P0 takes ticket 1 too, and wins the tie on its lower id.
    expect(labels.slice(-3)).toEqual(['P0: wait2 -> cs', 'P1: wait1 -> wait2', 'P1: wait2 -> cs']);
    const last = r.violations[0]!.trace.at(-1)!.state as { shared: { number: number[] } };
    expect(last.shared.number).toEqual([1, 1]);
  });
});
