/**
 * The mutants of the FIFO link: each overrides one of the rules of {@link FifoLinkRules}, and the correct
 * handlers stay as the course notes write them.
 *
 * @module
 */
import type { FifoLinkRules } from './rules.js';

/** Each mutant's overrides of the link's rules, by variant name. */
export const fifoLinkMutants = {
  /** The receiver delivers every message as it arrives. */
  'deliver-on-arrival': {
    /** Delivers `msg` at once, whatever its sequence number, and moves `expected` past it. */
    receive(st, from, msg, _k, ctx) {
      ctx.deliver(from, msg);
      if (msg.seq >= st.expected) st.expected = msg.seq + 1;
    },
  },
  /** The sender stops retransmitting at the first acknowledgement, whatever is still unacknowledged. */
  'stop-at-first-ack': {
    /** Always. */
    stopsRetransmitting: () => true,
  },
} satisfies Record<string, Partial<FifoLinkRules>>;

/** The name of a mutant of the FIFO link. */
export type FifoLinkVariant = keyof typeof fifoLinkMutants;
