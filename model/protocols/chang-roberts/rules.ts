/**
 * The seam of Chang and Roberts' ring election: the rules where a variant may differ from the algorithm,
 * with the algorithm's own. The handlers (`changRoberts.ts`) call them; a mutant (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The rules where a variant of the election may differ from Chang and Roberts'; `mutants.ts` overrides them. */
export interface ChangRobertsRules {
  /**
   * A process with identity `own` receives `Election(u)` with `u < own`: whether it forwards the message to
   * its successor (besides sending its own identity if it was not yet a participant).
   */
  forwardsSmaller(u: number, own: number): boolean;
  /** The leader receives its own `Elected` back: whether the announcement stops there (it has gone round). */
  stopsAnnouncement(): boolean;
}

/** The rules as Chang and Roberts state them: a smaller identity is swallowed. */
export const changRobertsRules: ChangRobertsRules = {
  forwardsSmaller: () => false,
  stopsAnnouncement: () => true,
};
