/**
 * The mutants of the filter lock: each overrides the rules of {@link FilterLockRules}, and the correct program
 * stays as Peterson writes it.
 *
 * @module
 */
import { nameVictim, raiseLevel } from './rules.js';
import type { FilterLockRules } from './rules.js';

/** Each mutant's overrides of the rules, by variant name. */
export const filterLockMutants = {
  /** A process names itself victim before it raises its level. */
  'victim-first': { first: nameVictim, second: raiseLevel },
  /**
   * A process waits while any other is at its level or above, whatever `victim` says (more cautious than
   * Peterson): still mutually exclusive, but two processes at the same level wait for each other forever.
   */
  'ignore-victim': {
    /** The victim never lets anyone pass: only the scan does, once no other process is that high. */
    yields: () => false,
  },
} satisfies Record<string, Partial<FilterLockRules>>;

/** The name of a mutant of the filter lock. */
export type FilterLockVariant = keyof typeof filterLockMutants;
