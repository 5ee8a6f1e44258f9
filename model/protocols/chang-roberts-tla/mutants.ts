/**
 * The mutants of the ChangRoberts port: each overrides one of the rules of `ChangRobertsTlaRules`, and
 * the correct model stays as `ChangRoberts.tla` writes it.
 *
 * @module
 */
import type { ChangRobertsTlaRules } from './rules.js';

/** Each mutant's overrides of the port's rules, by variant name. */
export const changRobertsTlaMutants = {
  /**
   * A candidate that sees a smaller identity forwards it but does not record its loss, so it can still win
   * with its own identity.
   */
  'no-lose': {
    /** The candidate's state is left as it was. */
    seesSmaller: () => {},
  },
  /** A candidate whose identity comes back swallows it instead of winning: safe, but nobody ever wins. */
  'no-win': {
    /** The candidate's state is left as it was. */
    seesOwn: () => {},
  },
} satisfies Record<string, Partial<ChangRobertsTlaRules>>;

/** The name of a mutant of the ChangRoberts port. */
export type ChangRobertsTlaVariant = keyof typeof changRobertsTlaMutants;
