/**
 * The seam of the Bully election: the rules where a variant may differ from Garcia-Molina's algorithm,
 * with the algorithm's own. The handlers (`bully.ts`) call them; a mutant (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The rules where a variant of the election may differ from the Bully algorithm; `mutants.ts` overrides them. */
export interface BullyRules {
  /**
   * A process of priority `self` that knows `leader` (0: none) receives an announcement from above:
   * whether it accepts the sender as its leader.
   */
  acceptsFromAbove(leader: number, self: number): boolean;
  /**
   * A process of priority `self` in `phase`, knowing `leader`, has answered `Ok` to an election from below:
   * whether it holds an election of its own (the "bully" step).
   */
  bulliesOnElection(phase: string, leader: number, self: number): boolean;
}

/** The rules as the algorithm states them: an announcement from above is always accepted. */
export const bullyRules: BullyRules = {
  acceptsFromAbove: () => true,
  // Every process that is not already in an election takes it over, the leader too: it wins and re-announces.
  bulliesOnElection: (phase) => phase === 'normal',
};
