/**
 * The seam of the token-channel mutex: the rules where a variant may differ from the course notes, with
 * the notes' own. The model (`tokenChannelMutex.ts`) reads them once, at construction; a mutant
 * (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The rules where a variant of the token-channel mutex may differ; `mutants.ts` overrides them. */
export interface TokenChannelMutexRules {
  /** How many tokens the channel holds at the start: one, the semaphore's initial value. */
  tokens(): number;
  /** How a process waiting for the token is served: `strong` (a blocking receive) or `weak` (non-blocking polling). */
  readonly fairness: 'weak' | 'strong';
}

/** The rules as the course notes state them. */
export const tokenChannelRules: TokenChannelMutexRules = {
  tokens: () => 1,
  fairness: 'strong',
};
