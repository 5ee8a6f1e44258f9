/**
 * The seam of readers and writers: the rules where a variant may differ from Courtois, Heymans and
 * Parnas's, with theirs. The program (`readersWriters.ts`) uses them; a mutant (`mutants.ts`) overrides some.
 *
 * @module
 */

/** The rules where a variant of the protocol may differ from the paper's; `mutants.ts` overrides them. */
export interface ReadersWritersRules {
  /** Whether a reader that has just raised the count to `readcount` goes on to `wait(wrt)`. */
  locksWriters(readcount: number): boolean;
  /** The largest value `wrt` may reach with `readers` readers. */
  wrtMax(readers: number): number;
  /**
   * Whether everyone passes a turnstile first (`wait(turn); signal(turn)` for a reader; a writer holds it
   * until it has `wrt`): a waiting writer then stops new readers, and no one starves. Without it, readers
   * have the preference (Courtois et al.'s problem 1) and writers may starve.
   */
  readonly turnstile: boolean;
  /**
   * Whether writers, rather than each passing the turnstile, keep it shut from the first writer in to the
   * last one out (a `writecount` under its own mutex): writers' preference (Courtois et al.'s problem 2),
   * where writers that keep coming starve the readers. Needs the turnstile.
   */
  readonly writersFirst: boolean;
}

/** The rules as the paper states them: the first reader in waits on `wrt`, which is a binary semaphore. */
export const readersWritersRules: ReadersWritersRules = {
  locksWriters: (readcount) => readcount === 1,
  wrtMax: () => 1,
  turnstile: true,
  writersFirst: false,
};
