/**
 * The mutants of the Bully election: each overrides one of the rules of {@link BullyRules}, and the correct
 * handlers stay as the algorithm writes them.
 *
 * @module
 */
import type { BullyRules } from './rules.js';

/** Each mutant's overrides of the Bully rules, by variant name. */
export const bullyMutants = {
  /** A process that believes itself leader ignores announcements, even from above. */
  'stubborn-leader': {
    /** Accepts an announcement from above only when it does not believe itself the leader. */
    acceptsFromAbove: (leader, self) => leader !== self,
  },
  /** The leader answers an election from below with `Ok` but, being leader already, does not announce again. */
  'quiet-leader': {
    /** Only a process that is not the leader takes the election over. */
    bulliesOnElection: (phase, leader, self) => phase === 'normal' && leader !== self,
  },
} satisfies Record<string, Partial<BullyRules>>;

/** The name of a mutant of the Bully election. */
export type BullyVariant = keyof typeof bullyMutants;
