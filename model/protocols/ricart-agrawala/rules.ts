/**
 * The seam of Ricart–Agrawala: the rule where a variant may differ from the paper, with the paper's own.
 * The handlers (`ricartAgrawala.ts`) call it; a mutant (`mutants.ts`) overrides it.
 *
 * @module
 */
import type { ValueOf } from '../../core/index.js';
import type { Phase } from '../coordination/mutexClient.js';

/** The rules where a variant of the protocol may differ from Ricart and Agrawala's; `mutants.ts` overrides them. */
export interface RicartAgrawalaRules {
  /**
   * Requesting_Critical_Section: whether a process in `phase` counts as requesting, so that it defers a
   * request with less priority than its own.
   */
  requesting(phase: ValueOf<typeof Phase>): boolean;
}

/** The rules as the paper states them: a process is requesting from its request until it leaves. */
export const ricartAgrawalaRules: RicartAgrawalaRules = {
  requesting: (phase) => phase !== 'idle',
};
