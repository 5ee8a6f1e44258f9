/**
 * The mutants of readers and writers: each overrides rules of {@link ReadersWritersRules}, and the correct
 * program stays as the paper writes it.
 *
 * @module
 */
import type { ReadersWritersRules } from './rules.js';

/** Each mutant's overrides of the rules, by variant name. */
export const readersWritersMutants = {
  /**
   * The first reader in does not wait on `wrt`. The last reader out may then signal a `wrt` nobody took:
   * it counts up rather than overflow.
   */
  'first-reader-skips-wrt': {
    /** No reader waits on `wrt`. */
    locksWriters: () => false,
    /** Each reader out may signal `wrt`, one more than the writer's own. */
    wrtMax: (readers) => readers + 1,
  },
  /** The notes' readers-preference solution: no turnstile, so readers that keep coming starve a writer. */
  'writer-starvation': { turnstile: false },
  /**
   * Writers' preference (Courtois et al.'s problem 2): the first writer in shuts the turnstile and the last
   * one out opens it. Writers still write alone and do not starve, but writers that keep coming starve a reader.
   */
  'writers-preference': { writersFirst: true },
} satisfies Record<string, Partial<ReadersWritersRules>>;

/** The name of a mutant of readers and writers. */
export type ReadersWritersVariant = keyof typeof readersWritersMutants;
