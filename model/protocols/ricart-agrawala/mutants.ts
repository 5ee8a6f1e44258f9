/**
 * The mutants of Ricart–Agrawala: each overrides one of the rules of {@link RicartAgrawalaRules}, and the
 * correct handlers stay as the paper writes them.
 *
 * @module
 */
import type { RicartAgrawalaRules } from './rules.js';

/** Each mutant's overrides of Ricart and Agrawala's rules, by variant name. */
export const ricartAgrawalaMutants = {
  /**
   * A process in its critical section replies to a request at once instead of deferring it (it still
   * defers while it is requesting with priority).
   */
  'reply-in-cs': {
    /** Only while waiting: inside its critical section a process no longer counts as requesting. */
    requesting: (phase) => phase === 'waiting',
  },
} satisfies Record<string, Partial<RicartAgrawalaRules>>;

/** The name of a mutant of Ricart–Agrawala. */
export type RicartAgrawalaVariant = keyof typeof ricartAgrawalaMutants;
