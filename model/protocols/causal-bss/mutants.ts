/**
 * The mutants of causal multicast: each overrides one of the rules of {@link CausalBssRules}, and the correct
 * handlers stay as Birman, Schiper and Stephenson write them.
 *
 * @module
 */
import { deliverable } from './rules.js';
import type { CausalBssRules } from './rules.js';

/** Each mutant's overrides of the protocol's rules, by variant name. */
export const causalBssMutants = {
  /** Members deliver what arrives at once (keeping only the duplicate check). */
  'deliver-on-arrival': {
    /** Delivers `msg` at once, without holding it back, and counts it in S. */
    receive(st, from, msg, _n, ctx) {
      ctx.deliver(from, msg);
      st.S.set(from, msg.T[from]!);
    },
  },
  /**
   * A member delivers a message that is deliverable on arrival and discards one that comes early instead
   * of holding it back: causal order is kept, but the early message is never delivered (nothing resends it).
   */
  'discard-early': {
    /** Delivers `msg` if it is deliverable now, else forgets it. */
    receive(st, from, msg, n, ctx) {
      if (!deliverable(st, { from, T: msg.T }, n)) return;
      ctx.deliver(from, msg);
      st.S.set(from, msg.T[from]!);
    },
  },
} satisfies Record<string, Partial<CausalBssRules>>;

/** The name of a mutant of causal multicast. */
export type CausalBssVariant = keyof typeof causalBssMutants;
