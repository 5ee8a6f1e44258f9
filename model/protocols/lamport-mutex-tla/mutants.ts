/**
 * The mutants of the LamportMutex port: each overrides one of the rules of `LamportMutexTlaRules`, and
 * the correct model stays as `LamportMutex.tla` writes it.
 *
 * @module
 */
import type { LamportMutexTlaRules } from './rules.js';

/** Each mutant's overrides of the port's rules, by variant name. */
export const lamportMutexTlaMutants = {
  /**
   * A process with a pending request enters without waiting for every acknowledgement: it still waits for
   * its own request to be issued, just not for the acks.
   */
  'no-acks': {
    /** Enough that p's own request is issued: `req[p][p] # 0`. */
    acknowledged: (st, p) => st.req.get(p).get(p) !== 0,
  },
  /**
   * `Exit` leaves the critical section without sending the release messages: the others keep the request
   * in their queues, so a later request never beats it. Mutual exclusion still holds; only starvation
   * freedom catches it.
   */
  'silent-release': {
    /** No release is sent. */
    releases: () => false,
  },
} satisfies Record<string, Partial<LamportMutexTlaRules>>;

/** The name of a mutant of the LamportMutex port. */
export type LamportMutexTlaVariant = keyof typeof lamportMutexTlaMutants;
