/**
 * The mutant of the bakery: it overrides the steps of {@link BakeryRules}, and the correct program stays as
 * Lamport writes it.
 *
 * @module
 */
import type { BakeryRules } from './rules.js';

/** Each mutant's overrides of the steps, by variant name. */
export const bakeryMutants = {
  /** No `choosing` flag: the steps that set, clear and wait for it just move on, so a ticket still being chosen is read as 0. */
  'no-choosing': {
    /** Straight on to `max`, without raising `choosing[i]`. */
    ncs: (k) => k.go('max'),
    /** Straight on to `wait1`: there is no flag to lower. */
    unchoose: (k) => k.go('wait1'),
    /** Straight on to `wait2`, without waiting for `choosing[j]`. */
    wait1: (k) => k.go('wait2'),
  },
  /**
   * A process keeps its ticket when it leaves: still mutually exclusive, but while it stays in its
   * non-critical section every process with a larger ticket waits for it forever.
   */
  'keeps-ticket': {
    /** Back to `ncs` with `number[i]` unchanged. */
    exit: (k) =>
      k.do((_sh, me) => {
        me.my = 0;
      }, 'ncs'),
  },
} satisfies Record<string, Partial<BakeryRules>>;

/** The name of a mutant of the bakery. */
export type BakeryVariant = keyof typeof bakeryMutants;
