/**
 * The mutants of the rendezvous mutex: each overrides one of the rules of `RendezvousMutexRules`, and
 * the correct model stays as the course notes write it.
 *
 * @module
 */
import type { RendezvousMutexRules } from './rules.js';

/** Each mutant's overrides of the rendezvous rules, by variant name. */
export const rendezvousMutexMutants = {
  /** The server accepts the next request without waiting for the release. */
  'no-release-wait': {
    /** Back to `idle` at once, ready for the next request while the client is still inside. */
    afterRequest: () => 'idle',
  },
  /** The server polls its clients instead of serving the blocked ones: only weak fairness, and a client can starve. */
  polling: { fairness: 'weak' },
} satisfies Record<string, Partial<RendezvousMutexRules>>;

/** The name of a mutant of the rendezvous mutex. */
export type RendezvousMutexVariant = keyof typeof rendezvousMutexMutants;
