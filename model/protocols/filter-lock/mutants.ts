/**
 * The mutant of the filter lock: it overrides the rules of {@link FilterLockRules}, and the correct program
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
} satisfies Record<string, Partial<FilterLockRules>>;

/** The name of a mutant of the filter lock. */
export type FilterLockVariant = keyof typeof filterLockMutants;
