/**
 * The filter lock: Peterson's algorithm generalised to N processes (Peterson, "Myths about the mutual
 * exclusion problem", IPL 1981; Herlihy and Shavit, "The Art of Multiprocessor Programming", §2.4). There
 * are N-1 waiting rooms, the levels; at each level at least one process that tries to enter is held back
 * (the victim), so at most N-L processes pass level L and one reaches the critical section.
 *
 * ```
 * for L in 1..N-1:
 *   level[i] := L; victim[L] := i;
 *   while (exists k != i: level[k] >= L) and victim[L] = i: spin
 * cs; level[i] := 0
 * ```
 *
 * Every step reads or writes **one** shared variable: the wait condition is scanned one `level[k]` at a time
 * (`scan`), and `victim[L]` is read on its own (`check`), as a real processor executes it. That is sound:
 * once `victim[L] != i` it stays so while `i` waits, since only `i` writes `i` there.
 *
 * @example
 * ```ts
 * checkSync(filterLock({ n: 3 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { s } from '../../core/index.js';
import { mutualExclusion, reachable, starvationFree, threads } from '../../threads/index.js';
import type { ThreadsModel } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { filterLockMutants } from './mutants.js';
import type { FilterLockVariant } from './mutants.js';
import { filterLockRules, filterShared } from './rules.js';

export { filterShared } from './rules.js';

/** Options of {@link filterLock}. */
export interface FilterLockOptions {
  /** The number of processes, 2 to 8. */
  readonly n: number;
  /** The variant: a mutant of `mutants.ts`, or null for the correct lock. @defaultValue null */
  readonly variant?: FilterLockVariant | null;
}

/** The filter lock for `n` processes as a threads model, with its properties. */
export function filterLock(options: FilterLockOptions): ThreadsModel<ReturnType<typeof filterShared>> {
  const { n } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(n) || n < 2 || n > 8) throw new RangeError(`filterLock: n must be an integer in [2, 8], got ${n}`);
  const top = n - 1;
  /** The next process to look at after `k`, skipping oneself; `n` when done. */
  const after = (k: number, self: number): number => (k + 1 === self ? k + 2 : k + 1);
  const rules = { ...filterLockRules, ...(variant === null ? {} : filterLockMutants[variant]) };
  return threads({
    name: variantId('filter-lock', variant),
    shared: filterShared(n),
    initial: { level: Array<number>(n).fill(0), victim: Array<number>(n).fill(0) },
  })
    .process({
      name: 'P',
      count: n,
      local: s.record({ lvl: s.int(0, top), k: s.int(0, n) }),
      initial: { lvl: 0, k: 0 },
      labels: ['ncs', 'level', 'victim', 'scan', 'check', 'cs', 'exit'],
      steps: (k) => {
        /** Passing level `lvl`: up one level, or into the critical section from the top one. */
        const pass = (me: { lvl: number; k: number }): 'level' | 'cs' => {
          me.k = 0;
          if (me.lvl === top) return 'cs';
          me.lvl++;
          return 'level';
        };
        return {
          ncs: k.do((_sh, me) => void (me.lvl = 1), 'level'),
          level: k.do(rules.first.run, 'victim', rules.first.name),
          victim: k.do(rules.second.run, 'scan', rules.second.name),
          scan: k.step(['scan', 'check', 'level', 'cs'], (sh, me, self) => {
            if (me.k >= n) return pass(me);
            if (sh.level.get(me.k) < me.lvl) {
              me.k = after(me.k, self);
              return 'scan';
            }
            return 'check';
          }),
          check: k.step(['scan', 'level', 'cs'], (sh, me, self) => (rules.yields(sh.victim.get(me.lvl), self) ? pass(me) : 'scan')),
          cs: k.go('exit'),
          exit: k.do((sh, me, self) => {
            sh.level.set(self, 0);
            me.lvl = 0;
          }, 'ncs'),
        };
      },
    })
    .build({
      properties: [mutualExclusion('cs'), reachable('cs'), ...starvationFree(n, ['level', 'victim', 'scan', 'check'], 'cs')],
      remainder: ['ncs'],
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'filterLock', options },
    });
}
