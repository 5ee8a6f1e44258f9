/**
 * A FIFO reliable link over an unreliable network, after the course notes' "FIFO order" slide
 * (../shared/reference/ipc-and-coordination-notes.md: "assign message sequence numbers; the communication
 * handler can delay messages or reject duplicates") — the core of TCP's and of every go-back-N protocol.
 *
 * The sender numbers the messages its client submits (input `send`), keeps every unacknowledged one, and
 * retransmits all of them whenever its `retransmit` timer fires. The receiver delivers message `expected`
 * and then every held-back successor, holds back messages that arrive early, rejects those it has already
 * delivered, and acknowledges cumulatively (`Ack(upto)`: every message below `upto` was delivered). The
 * network is unordered, lossy and duplicating: it may deliver any message sent, any number of times, until
 * it loses it; the ghost layer checks that the receiver's deliveries are in order and without repetition.
 *
 * @example
 * ```ts
 * checkSync(fifoLink({ messages: 2, drops: 1, crashes: 0 })).verdict;                            // 'holds'
 * checkSync(fifoLink({ messages: 2, drops: 1, crashes: 0, variant: 'deliver-on-arrival' })).verdict; // 'violated'
 * ```
 *
 * @module
 */
import { match } from 'ts-pattern';
import { alwaysEventually, s, sometimes } from '../../core/index.js';
import { actorSystem, defineActor, fifoDelivery, messages, noDuplicateDelivery } from '../../actors/index.js';
import type { ActorSystem, MessageOf, SystemView } from '../../actors/index.js';
import { variantId } from '../protocol.js';
import { fifoLinkMutants } from './mutants.js';
import type { FifoLinkVariant } from './mutants.js';
import { fifoLinkReceiverLocal, fifoLinkRules } from './rules.js';
import type { FifoLinkRules } from './rules.js';

/** The messages of a link carrying `k` messages. */
export function fifoLinkMessages(k: number) {
  return messages(
    { Data: { seq: s.int(0, k - 1) }, Ack: { upto: s.int(0, k) } },
    { format: (m) => (m.type === 'Data' ? `Data(${m.seq})` : `Ack(${m.upto})`) },
  );
}

/** Options of {@link fifoLink}. */
export interface FifoLinkOptions {
  /** How many messages the client sends, 1 to 4. */
  readonly messages: number;
  /** Fault budget: messages lost. */
  readonly drops: number;
  /** Fault budget: crashes (the protocol keeps no durable state, so a crash loses what it knew). */
  readonly crashes: number;
  /** The mutant to build (`mutants.ts`), or null for the correct link. @defaultValue null */
  readonly variant?: FifoLinkVariant | null;
  /**
   * Fair-loss links instead of a loss budget: any number of losses, no counter in the state, and each
   * message's delivery strongly fair (`drops` must then be 0). @defaultValue false
   */
  readonly fairLoss?: boolean;
}

/** The sender: numbers messages, retransmits the unacknowledged ones on timeout. */
function sender(k: number, Msg: ReturnType<typeof fifoLinkMessages>, rules: FifoLinkRules) {
  const receiver = 1;
  return defineActor({
    kind: 'sender',
    state: s.record({ next: s.int(0, k), acked: s.int(0, k) }),
    messages: Msg,
    timers: ['retransmit'],
    inputs: ['send'] as const,
    initial: () => ({ next: 0, acked: 0 }),
    onInput(st, _input, ctx) {
      if (st.next === k) return false;
      ctx.send(receiver, { type: 'Data', seq: st.next });
      st.next++;
      ctx.setTimer('retransmit');
    },
    onTimer(st, _timer, ctx) {
      for (let seq = st.acked; seq < st.next; seq++) ctx.send(receiver, { type: 'Data', seq });
      if (st.acked < st.next) ctx.setTimer('retransmit');
    },
    onMessage(st, _from, msg, ctx) {
      if (msg.type !== 'Ack' || msg.upto <= st.acked) return;
      st.acked = msg.upto;
      if (rules.stopsRetransmitting(st.acked, st.next)) ctx.cancelTimer('retransmit');
    },
  });
}

/** The receiver: delivers in order, holds back early messages, rejects duplicates, acknowledges. */
function receiver(k: number, Msg: ReturnType<typeof fifoLinkMessages>, rules: FifoLinkRules) {
  type M = MessageOf<typeof Msg>;
  return defineActor({
    kind: 'receiver',
    state: fifoLinkReceiverLocal(k),
    messages: Msg,
    initial: () => ({ expected: 0, held: [] }),
    onMessage(st, from, msg: M, ctx) {
      match(msg)
        .with({ type: 'Data' }, (data) => {
          rules.receive(st, from, data, k, ctx);
          // Also after a duplicate: the acknowledgement is repeated in case it was lost.
          ctx.send(from, { type: 'Ack', upto: st.expected });
        })
        .with({ type: 'Ack' }, () => {})
        .exhaustive();
    },
  });
}

/** A FIFO-link state. */
export type FifoLinkView = SystemView<ReturnType<typeof fifoLinkRoles>>;

function fifoLinkRoles(options: FifoLinkOptions) {
  const k = options.messages;
  const Msg = fifoLinkMessages(k);
  const rules: FifoLinkRules = { ...fifoLinkRules, ...(options.variant ? fifoLinkMutants[options.variant] : {}) };
  return { S: { actor: sender(k, Msg, rules), count: 1 }, R: { actor: receiver(k, Msg, rules), count: 1 } };
}

/** The FIFO link as an actor system, with its properties. */
export function fifoLink(options: FifoLinkOptions): ActorSystem<ReturnType<typeof fifoLinkRoles>> {
  const k = options.messages;
  if (!Number.isInteger(k) || k < 1 || k > 4) throw new RangeError(`fifoLink: messages must be an integer in [1, 4], got ${k}`);
  return actorSystem({
    name: variantId('fifo-link', options.variant ?? null),
    roles: fifoLinkRoles(options),
    // Distinct messages: k Data and k + 1 Acks; the duplicating network holds each at most once.
    network: { kind: 'duplicating', lossy: true, capacity: 2 * k + 1, ...(options.fairLoss === true ? { fairLoss: true } : {}) },
    faults: { drops: options.drops, crashes: options.crashes },
    ghost: { capacity: k, messages: ['Data'] },
    properties: [
      fifoDelivery(),
      noDuplicateDelivery(),
      sometimes<FifoLinkView>('allDelivered', (st) => st.nodes.R.get(0).local.expected === k),
      // Reliability: every message the client sent is eventually delivered (in order, once: the ghost
      // properties), however many copies the network loses — finitely many, by the budget — and with the
      // sender up (a crashed sender forgets what it sent; its recovery is not this protocol's).
      alwaysEventually<FifoLinkView>('eventuallyDelivered', (st) => !st.nodes.S.get(0).up || st.nodes.R.get(0).local.expected >= st.nodes.S.get(0).local.next),
    ],
  });
}
