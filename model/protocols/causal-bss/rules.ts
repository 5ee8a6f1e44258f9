/**
 * The seam of causal multicast: the rule where a variant may differ from Birman, Schiper and Stephenson's
 * member, with theirs. The handlers (`causalBss.ts`) call it; a mutant (`mutants.ts`) overrides it.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';

/**
 * The local state of a member of a group of `n`, each multicasting up to `k` times, under a budget of
 * `crashes`: its vector S and its held-back messages.
 */
export function causalBssLocal(n: number, k: number, crashes: number) {
  const Vector = s.array(s.int(0, k), n);
  // At most every distinct message sent to a member can be waiting there at once: k from each other member,
  // and k more per crash, since a restarted member forgets its vector and multicasts new timestamps.
  const Held = s.multiset(s.record({ from: s.int(0, n - 1), T: Vector }), (n - 1 + crashes) * k);
  return s.record({ S: Vector, held: Held });
}

/** A multicast message: its vector timestamp. */
export interface CausalBssMsg {
  readonly type: 'Msg';
  readonly T: number[];
}

/** What a rule may do with the member's context: deliver a message to its client. */
export interface CausalBssDeliver {
  /** Delivers `msg`, from `from`, to the member's client. */
  deliver(from: number, msg: CausalBssMsg): void;
}

/** A member's local state, as a handler changes it. */
export type CausalBssDraft = DraftOf<ReturnType<typeof causalBssLocal>>;

/** The rules where a variant of the protocol may differ from BSS's; `mutants.ts` overrides them. */
export interface CausalBssRules {
  /**
   * A member of a group of `n` receives `msg`, not a duplicate of one it delivered, from `from`: it
   * delivers it, and what it makes deliverable, or holds it back.
   */
  receive(st: CausalBssDraft, from: number, msg: CausalBssMsg, n: number, ctx: CausalBssDeliver): void;
}

/**
 * Whether the held-back message `h` is deliverable: the member has delivered all of its sender's earlier
 * messages (T[i] = S[i] + 1) and everything its sender had delivered when it sent (T[k] <= S[k], k != i).
 */
export function deliverable(st: CausalBssDraft, h: { from: number; T: readonly number[] }, n: number): boolean {
  if (h.T[h.from] !== st.S.get(h.from) + 1) return false;
  for (let q = 0; q < n; q++) if (q !== h.from && h.T[q]! > st.S.get(q)) return false;
  return true;
}

/** The rules as BSS state them: hold the message back, then deliver every held-back message that is deliverable. */
export const causalBssRules: CausalBssRules = {
  receive(st, from, msg, n, ctx) {
    const { T } = msg;
    if (st.held.has({ from, T })) return; // a duplicate of a held-back message
    st.held.add({ from, T });
    for (let again = true; again; ) {
      again = false;
      for (const h of st.held.toArray()) {
        if (!deliverable(st, h, n)) continue;
        st.held.remove(h);
        ctx.deliver(h.from, { type: 'Msg', T: h.T });
        st.S.set(h.from, h.T[h.from]!);
        again = true;
      }
    }
  },
};
