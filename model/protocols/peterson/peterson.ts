/**
 * Peterson's mutual exclusion algorithm for two processes (G. L. Peterson, "Myths about the mutual exclusion
 * problem", IPL 12(3), 1981), step for step as the PlusCal algorithm of the TLA+ Examples
 * (`specifications/locks_auxiliary_vars/Peterson.tla`): labels a0..a4 and cs, each label one atomic step.
 *
 * ```
 * a0: skip;  a1: c[self] := TRUE;  a2: turn := other;  a3: await ~c[other] \/ turn = self;
 * cs: skip;  a4: c[self] := FALSE; goto a0
 * ```
 *
 * Processes are 0 and 1 here (1 and 2 in the TLA+ spec); `turn` starts at the first process, as `turn = 1`
 * there. TLC finds 42 distinct states and 77 generated; so does this model.
 *
 * @example
 * ```ts
 * checkSync(peterson()).stats; // { distinct: 42, generated: 77, depth: ..., ... }
 * ```
 *
 * @module
 */
import { always } from '../../core/index.js';
import { mutualExclusion, reachable, starvationFree, threads } from '../../threads/index.js';
import type { ThreadsModel, ThreadsView } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { petersonMutants } from './mutants.js';
import type { PetersonVariant } from './mutants.js';
import { PetersonShared, petersonRules } from './rules.js';

export { PetersonShared } from './rules.js';

/** Options of {@link peterson}. */
export interface PetersonOptions {
  /** The variant: a mutant of `mutants.ts`, or null for the correct algorithm. @defaultValue null */
  readonly variant?: PetersonVariant | null;
}

/**
 * The inductive invariant `Inv` of the TLA+ spec, minus its mutual exclusion clause (checked on its own):
 * a process's flag is up exactly from a2 to a4, and a process in cs or a4 holds the turn or the other is
 * still at a0..a2.
 */
export function petersonInv(t: ThreadsView<typeof PetersonShared>): boolean {
  for (let p = 0; p < 2; p++) {
    const pc = t.pc(p);
    const up = pc === 'a2' || pc === 'a3' || pc === 'cs' || pc === 'a4';
    if (t.shared.c.get(p) !== up) return false;
    if (pc === 'cs' || pc === 'a4') {
      const o = t.pc(1 - p);
      if (!(t.shared.turn === p || o === 'a0' || o === 'a1' || o === 'a2')) return false;
    }
  }
  return true;
}

/** Peterson's algorithm (or its mutant) as a threads model with its properties. */
export function peterson(options: PetersonOptions = {}): ThreadsModel<typeof PetersonShared> {
  const variant = options.variant ?? null;
  const rules = { ...petersonRules, ...(variant === null ? {} : petersonMutants[variant]) };
  return threads({ name: variantId('peterson', variant), shared: PetersonShared, initial: { c: [false, false], turn: 0 } })
    .process({
      name: 'P',
      count: 2,
      labels: ['a0', 'a1', 'a2', 'a3', 'cs', 'a4'],
      steps: (k) => ({
        a0: k.go('a1'),
        a1: k.do(rules.a1, 'a2'),
        a2: k.do(rules.a2, 'a3'),
        a3: k.await((sh, _me, self) => rules.enter(sh.c.get(1 - self), sh.turn, self), 'cs'),
        cs: k.go('a4'),
        a4: k.do((sh, _me, self) => sh.c.set(self, false), 'a0'),
      }),
    })
    .build({
      properties: [mutualExclusion('cs'), reachable('cs'), ...(rules.inv ? [always('Inv', petersonInv)] : []), ...starvationFree(2, ['a1', 'a2', 'a3'], 'cs')],
      // As Peterson.tla: each process weakly fair, except that it may stay in its non-critical section (a0).
      remainder: ['a0'],
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'peterson', options },
    });
}
