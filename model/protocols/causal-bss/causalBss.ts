/**
 * Causal multicast, after Birman, Schiper and Stephenson, "Lightweight Causal and Atomic Group Multicast"
 * (ACM TOCS 9(3), 1991), as in the course notes (../shared/reference/ipc-and-coordination-notes.md,
 * "Delivery in Causal Order").
 *
 * Each member j keeps a vector S: S[k] is the number of k's multicasts j has delivered (S[j]: its own). To
 * multicast, j increments S[j] and sends S as the message's timestamp T to every other member. Member j
 * delivers a message from i with timestamp T when it has delivered all of i's earlier messages
 * (T[i] = S[i] + 1) and everything i had delivered when it sent (T[k] <= S[k] for every k != i); it holds
 * the message back otherwise, and discards it if T[i] <= S[i] (a duplicate). After each delivery it
 * retries the held-back messages. The ghost layer checks causal delivery against real happens-before,
 * independently of the vectors the protocol keeps.
 *
 * The classic violation, which the `deliver-on-arrival` mutant exhibits: A multicasts m; B delivers m and
 * multicasts a reply r; C receives r before m and, delivering on arrival, sees the reply before the
 * message it answers.
 *
 * @example
 * ```ts
 * checkSync(causalBss({ members: 3, multicasts: 1, duplicates: 1, drops: 0, crashes: 0 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { alwaysEventually, s, sometimes } from '../../core/index.js';
import { actorSystem, causalDelivery, defineActor, deliveredWereSent, messages, noDuplicateDelivery } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { variantId } from '../protocol.js';
import { causalBssMutants } from './mutants.js';
import type { CausalBssVariant } from './mutants.js';
import { causalBssLocal, causalBssRules } from './rules.js';
import type { CausalBssRules } from './rules.js';

/** Options of {@link causalBss}. */
export interface CausalBssOptions {
  /** Group size, 2 to 4; members are named A, B, C, D. */
  readonly members: number;
  /** How many messages each member may multicast, at moments of its choosing, 1 to 2. */
  readonly multicasts: number;
  /** Fault budgets (the network is unordered, and lossy when `drops` > 0). */
  readonly drops: number;
  readonly duplicates: number;
  /**
   * Fault budget: crashes (crash-recover). Members keep no durable state, so a restarted member has
   * forgotten what it delivered and what it sent: it may deliver a message again (noDuplicateDelivery) and
   * multicast with a vector that no longer covers what it delivered before (causalDelivery). The check
   * reports both, with their traces; it is the protocol's real limit, not a defect of the model.
   */
  readonly crashes: number;
  /** The mutant to build (`mutants.ts`), or null for the correct protocol. @defaultValue null */
  readonly variant?: CausalBssVariant | null;
}

const NAMES = ['A', 'B', 'C', 'D'];

function bssRoles(o: CausalBssOptions) {
  const n = o.members;
  const k = o.multicasts;
  const Vector = s.array(s.int(0, k), n);
  const Msg = messages({ Msg: { T: Vector } }, { format: (m) => `m[${m.T.join(',')}]` });
  const rules: CausalBssRules = { ...causalBssRules, ...(o.variant ? causalBssMutants[o.variant] : {}) };
  const member = defineActor({
    kind: 'member',
    state: causalBssLocal(n, k, o.crashes),
    messages: Msg,
    inputs: ['multicast'] as const,
    initial: () => ({ S: Array<number>(n).fill(0), held: [] }),
    onInput(st, _input, ctx) {
      const self = ctx.self.id;
      if (st.S.get(self) === k) return false;
      st.S.set(self, st.S.get(self) + 1);
      const T = st.S.toArray();
      for (let j = 0; j < n; j++) if (j !== self) ctx.send(j, { type: 'Msg', T });
    },
    onMessage(st, from, msg, ctx) {
      if (msg.T[from]! <= st.S.get(from)) return; // a duplicate of a delivered message
      rules.receive(st, from, msg, n, ctx);
    },
  });
  return Object.fromEntries(NAMES.slice(0, n).map((name) => [name, { actor: member, count: 1 }]));
}

/** A causal-multicast state. */
export type CausalBssView = SystemView<ReturnType<typeof bssRoles>>;

/** The BSS causal multicast group as an actor system, with its properties. */
export function causalBss(o: CausalBssOptions): ActorSystem<ReturnType<typeof bssRoles>> {
  const { members: n, multicasts: k } = o;
  if (!Number.isInteger(n) || n < 2 || n > 4) throw new RangeError(`causalBss: members must be an integer in [2, 4], got ${n}`);
  if (!Number.isInteger(k) || k < 1 || k > 2) throw new RangeError(`causalBss: multicasts must be an integer in [1, 2], got ${k}`);
  // Every member multicasts up to k times to the n - 1 others; a crash wipes a member's vector (it keeps no
  // durable state), so the restarted member multicasts its k messages again: each crash allows (n - 1) * k
  // more sends, which the network and the ghost must both have room for.
  const sends = (n + o.crashes) * (n - 1) * k;
  const roles = bssRoles(o);
  const names = NAMES.slice(0, n);
  return actorSystem({
    name: variantId('causal-bss', o.variant ?? null),
    roles,
    network: { kind: 'unordered', lossy: o.drops > 0, capacity: sends + o.duplicates },
    faults: { drops: o.drops, duplicates: o.duplicates, crashes: o.crashes },
    ghost: { capacity: sends },
    properties: [
      causalDelivery(),
      noDuplicateDelivery(),
      deliveredWereSent(),
      sometimes<CausalBssView>('allDelivered', (st) =>
        names.every((m) => {
          const S = (st.nodes[m] as CausalBssView['nodes'][string]).get(0).local.S;
          for (let q = 0; q < n; q++) if (S.get(q) !== k) return false;
          return true;
        }),
      ),
      // Validity and agreement, the liveness half of reliable causal multicast: every message multicast is
      // eventually delivered by every member — without loss or crashes (BSS retransmits nothing, and a
      // restarted member forgets its vector), which the property excuses.
      alwaysEventually<CausalBssView>('eventuallyDelivered', (st) => {
        if (st.faults.drops > 0 || st.faults.crashes > 0) return true;
        const S = names.map((m) => (st.nodes[m] as CausalBssView['nodes'][string]).get(0).local.S);
        for (let m = 0; m < n; m++) for (let q = 0; q < n; q++) if (S[m]!.get(q) < S[q]!.get(q)) return false;
        return true;
      }),
    ],
  });
}
