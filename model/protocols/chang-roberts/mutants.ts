/**
 * The mutants of Chang and Roberts' ring election: each overrides one of the rules of
 * {@link ChangRobertsRules}, and the correct handlers stay as the algorithm writes them.
 *
 * @module
 */
import type { ChangRobertsRules } from './rules.js';

/** Each mutant's overrides of Chang and Roberts' rules, by variant name. */
export const changRobertsMutants = {
  /**
   * A process forwards every identity it receives, smaller ones included (it still sends its own when it
   * first takes part), so a smaller identity too comes back to its owner.
   */
  'forward-all': {
    /** Forwards a smaller identity instead of swallowing it. */
    forwardsSmaller: () => true,
  },
  /** The leader passes its own announcement on when it comes back: `Elected` circulates forever. */
  'announce-forever': {
    /** Never stops. */
    stopsAnnouncement: () => false,
  },
} satisfies Record<string, Partial<ChangRobertsRules>>;

/** The name of a mutant of Chang and Roberts' ring election. */
export type ChangRobertsVariant = keyof typeof changRobertsMutants;
