/**
 * The mutants of the token-channel mutex: each overrides one of the rules of `TokenChannelMutexRules`,
 * and the correct model stays as the course notes write it.
 *
 * @module
 */
import type { TokenChannelMutexRules } from './rules.js';

/** Each mutant's overrides of the token-channel rules, by variant name. */
export const tokenChannelMutexMutants = {
  /** The channel starts with two tokens. */
  'two-tokens': {
    /** Two tokens, so two processes can hold one each. */
    tokens: () => 2,
  },
  /** Processes poll the channel (a non-blocking receive in a loop): only weak fairness, and one can starve. */
  polling: { fairness: 'weak' },
} satisfies Record<string, Partial<TokenChannelMutexRules>>;

/** The name of a mutant of the token-channel mutex. */
export type TokenChannelMutexVariant = keyof typeof tokenChannelMutexMutants;
