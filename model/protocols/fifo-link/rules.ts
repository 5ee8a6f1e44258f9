/**
 * The seam of the FIFO link: the rule where a variant may differ from the course notes' receiver, with the
 * notes' own. The handlers (`fifoLink.ts`) call it; a mutant (`mutants.ts`) overrides it.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';

/** The local state of the receiver of a link carrying `k` messages. */
export function fifoLinkReceiverLocal(k: number) {
  return s.record({ expected: s.int(0, k), held: s.set(s.int(0, k - 1)) });
}

/** A data message of the link. */
export interface FifoLinkData {
  readonly type: 'Data';
  readonly seq: number;
}

/** What a rule may do with the receiver's context: deliver a data message to its client. */
export interface FifoLinkDeliver {
  /** Delivers `msg`, from `from`, to the receiver's client. */
  deliver(from: number, msg: FifoLinkData): void;
}

/** The rules where a variant of the link may differ from the course notes'; `mutants.ts` overrides them. */
export interface FifoLinkRules {
  /**
   * The receiver gets `msg` from `from` on a link of `k` messages: it delivers, holds back or rejects it
   * (the acknowledgement that follows is the handler's).
   */
  receive(st: DraftOf<ReturnType<typeof fifoLinkReceiverLocal>>, from: number, msg: FifoLinkData, k: number, ctx: FifoLinkDeliver): void;
  /** The sender got an acknowledgement: whether it stops retransmitting — when nothing is unacknowledged. */
  stopsRetransmitting(acked: number, next: number): boolean;
}

/** The rules as the course notes state them: deliver in order, hold back early messages, reject duplicates. */
export const fifoLinkRules: FifoLinkRules = {
  stopsRetransmitting: (acked, next) => acked === next,
  receive(st, from, msg, k, ctx) {
    const { seq } = msg;
    if (seq === st.expected) {
      ctx.deliver(from, msg);
      st.expected++;
      while (st.expected < k && st.held.has(st.expected)) {
        st.held.delete(st.expected);
        ctx.deliver(from, { type: 'Data', seq: st.expected });
        st.expected++;
      }
    } else if (seq > st.expected) st.held.add(seq);
    // Below `expected`: a duplicate, rejected.
  },
};
