/**
 * The seam of readers and writers: the rules where a variant may differ from Courtois, Heymans and
 * Parnas's, with theirs. The program (`readersWriters.ts`) uses them; a mutant (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The rules where a variant of the protocol may differ from the paper's; `mutants.ts` overrides them. */
export interface ReadersWritersRules {
  /** Whether a reader that has just raised the count to `readcount` goes on to `wait(wrt)`. */
  locksWriters(readcount: number): boolean;
  /** The largest value `wrt` may reach with `readers` readers. */
  wrtMax(readers: number): number;
}

/** The rules as the paper states them: the first reader in waits on `wrt`, which is a binary semaphore. */
export const readersWritersRules: ReadersWritersRules = {
  locksWriters: (readcount) => readcount === 1,
  wrtMax: () => 1,
};
