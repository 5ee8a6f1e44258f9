/**
 * Lamport's bakery algorithm (L. Lamport, "A new solution of Dijkstra's concurrent programming problem",
 * CACM 17(8), 1974). A process takes a ticket one larger than every ticket it sees and waits for all
 * smaller (ticket, id) pairs; the `choosing` flag makes others wait while it is still picking its ticket.
 *
 * ```
 * ncs:      choosing[i] := true
 * max:      for j: mx := max(mx, number[j])          -- one read per step
 * ticket:   number[i] := mx + 1
 * unchoose: choosing[i] := false
 * for j:
 *   wait1:  await not choosing[j]
 *   wait2:  await number[j] = 0 or (number[j], j) >= (number[i], i)
 * cs;  exit: number[i] := 0
 * ```
 *
 * Every step reads or writes one shared variable, as in Lamport's paper, which requires no atomicity of
 * reads against writes; a process keeps a private copy of its own ticket (`my`) so `wait2` reads only
 * `number[j]`. Tickets grow without bound, so the model bounds them with a state constraint (TLC's
 * `CONSTRAINT`): successors with a ticket above `bound` are counted but not explored.
 *
 * @example
 * ```ts
 * checkSync(bakery({ n: 2, bound: 3 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { s } from '../../core/index.js';
import { mutualExclusion, reachable, starvationFree, threads } from '../../threads/index.js';
import type { ThreadsModel } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { bakeryMutants } from './mutants.js';
import type { BakeryVariant } from './mutants.js';
import { bakeryRules, bakeryShared } from './rules.js';

export { bakeryShared } from './rules.js';

/** Options of {@link bakery}. */
export interface BakeryOptions {
  /** The number of processes, 1 to 8. */
  readonly n: number;
  /** The largest ticket explored (the state constraint), at least 1. */
  readonly bound: number;
  /** The variant: a mutant of `mutants.ts`, or null for the correct algorithm. @defaultValue null */
  readonly variant?: BakeryVariant | null;
}

/** The bakery algorithm as a threads model, with its properties and ticket bound. */
export function bakery(options: BakeryOptions): ThreadsModel<ReturnType<typeof bakeryShared>> {
  const { n, bound } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new RangeError(`bakery: n must be an integer in [1, 8], got ${n}`);
  if (!Number.isInteger(bound) || bound < 1) throw new RangeError(`bakery: bound must be a positive integer, got ${bound}`);
  const rules = { ...bakeryRules, ...(variant === null ? {} : bakeryMutants[variant]) };
  return threads({
    name: variantId('bakery', variant),
    shared: bakeryShared(n, bound),
    initial: { choosing: Array<boolean>(n).fill(false), number: Array<number>(n).fill(0) },
  })
    .process({
      name: 'P',
      count: n,
      local: s.record({ j: s.int(0, n), mx: s.int(0, bound + 1), my: s.int(0, bound + 1) }),
      initial: { j: 0, mx: 0, my: 0 },
      labels: ['ncs', 'max', 'ticket', 'unchoose', 'wait1', 'wait2', 'cs', 'exit'],
      steps: (k) => ({
        ncs: rules.ncs(k),
        max: k.step(['max', 'ticket'], (sh, me) => {
          const t = sh.number.get(me.j);
          if (t > me.mx) me.mx = t;
          me.j++;
          return me.j === n ? 'ticket' : 'max';
        }),
        ticket: k.do((sh, me, self) => {
          me.my = me.mx + 1;
          sh.number.set(self, me.my);
          me.j = 0;
          me.mx = 0;
        }, 'unchoose'),
        unchoose: rules.unchoose(k),
        wait1: rules.wait1(k),
        wait2: k.step(['wait1', 'cs'], (sh, me, self) => {
          const t = sh.number.get(me.j);
          if (!(t === 0 || t > me.my || (t === me.my && me.j >= self))) return false;
          me.j++;
          if (me.j < n) return 'wait1';
          me.j = 0;
          return 'cs';
        }),
        cs: k.go('exit'),
        exit: rules.exit(k),
      }),
    })
    .build({
      properties: [mutualExclusion('cs'), reachable('cs'), ...starvationFree(n, ['max', 'ticket', 'unchoose', 'wait1', 'wait2'], 'cs')],
      remainder: ['ncs'],
      within: (t) => {
        for (let i = 0; i < n; i++) if (t.shared.number.get(i) > bound) return false;
        return true;
      },
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'bakery', options },
    });
}
