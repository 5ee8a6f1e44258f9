/**
 * Ghost causality: vector clocks and per-link sequence numbers that the actor layer keeps beside the
 * protocol's own state, so that delivery-order properties can be checked for any protocol.
 *
 * The layer records every *application message*: the first send of each distinct message value on each
 * link, stamped with a per-link sequence number and the sender's vector clock (Fidge and Mattern; see
 * Lamport, "Time, Clocks, and the Ordering of Events in a Distributed System", CACM 1978). Sending an equal
 * value again on the same link is a retransmission of the same message, not a new one, so a protocol whose
 * deliveries are to be checked must make distinct messages distinct values — which protocols that order
 * messages do anyway, with sequence numbers or vectors. When a handler calls `ctx.deliver(from, msg)`, the
 * layer finds the recorded send, merges its clock into the receiver's (happens-before runs through
 * deliveries to the application, not through arrivals: a held-back message has not influenced anyone),
 * and checks the delivery against every earlier delivery at the same node:
 *
 * - {@link fifoDelivery}: a node delivers a message from q only after every message q sent it before that
 *   one, on that link — gap-free FIFO: skipping a lost message is a violation, even if it never arrives;
 * - {@link causalDelivery}: a node delivers m2 only after every message addressed to it whose send happened
 *   before send(m2) (Birman, Schiper and Stephenson's causal order, as the textbook states it);
 * - {@link noDuplicateDelivery}: no message is delivered twice at a node;
 * - {@link deliveredWereSent}: every delivered message was sent, from that sender to that node.
 *
 * A violation sets a flag in the ghost state, so each of these is an ordinary invariant and the checker
 * reports a shortest trace ending in the offending delivery. Ghost data distinguishes states that differ
 * only in their history, so it multiplies state counts: enable it only for the systems that need it.
 *
 * @example
 * ```ts
 * actorSystem({ ..., ghost: { capacity: 6, messages: ['Data'] },
 *   properties: [fifoDelivery(), noDuplicateDelivery()] });
 * ```
 *
 * @module
 */
import { always, s } from '../core/index.js';
import type { ArrayDraft, MultisetDraft, Property, RecordSchema, Schema } from '../core/index.js';
import { sameValue } from './network.js';

/** What the ghost layer tracks. */
export interface GhostOptions {
  /** At most this many application messages (distinct sends) in a run. */
  readonly capacity: number;
  /** The kinds of message that are application messages. @defaultValue every kind */
  readonly messages?: readonly string[];
  /** The largest vector-clock entry. @defaultValue twice `capacity` (a send and a delivery per message) */
  readonly clock?: number;
}

/** Thrown when a run has more application messages, or clock ticks, than the ghost bounds allow. */
export class GhostCapacityError extends Error {
  override readonly name = 'GhostCapacityError';
}

/** A recorded application message. */
interface Entry {
  from: number;
  to: number;
  seq: number;
  msg: Record<string, unknown>;
  vc: number[];
  delivered: boolean;
}

interface GhostDraft {
  readonly clock: { get(node: number): ArrayDraft<number, number> };
  readonly sent: MultisetDraft<Entry>;
  readonly violated: { fifo: boolean; causal: boolean; duplicate: boolean; unsent: boolean };
}

/** The ghost bookkeeping of one system. */
export interface Ghost {
  /** The schema of the ghost part of the state (an empty record when disabled). */
  readonly schema: Schema;
  readonly enabled: boolean;
  /** Records a send by `from` (call for every send). */
  onSend(ghost: unknown, from: number, to: number, flat: Record<string, unknown>): void;
  /** Records and checks a delivery to the application at `at` of `flat` from `from`. */
  onDeliver(ghost: unknown, at: number, from: number, flat: Record<string, unknown>): void;
}

/** Whether clock `a` is strictly before clock `b`. */
function before(a: readonly number[], b: readonly number[]): boolean {
  let strict = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]! > b[k]!) return false;
    if (a[k]! < b[k]!) strict = true;
  }
  return strict;
}

/** The ghost layer for `nodes` nodes whose messages pack as `flat`; disabled if `options` is undefined. */
export function ghost(options: GhostOptions | undefined, nodes: number, flat: RecordSchema): Ghost {
  if (options === undefined) {
    return { schema: s.record({}), enabled: false, onSend() {}, onDeliver() {} };
  }
  const G = options.capacity;
  if (!Number.isInteger(G) || G < 1) throw new TypeError(`ghost: capacity must be a positive integer, got ${G}`);
  const E = options.clock ?? 2 * G;
  const tracked = options.messages === undefined ? null : new Set(options.messages);
  const Clock = s.array(s.int(0, E), nodes);
  const Node = s.int(0, nodes - 1);
  const schema = s.record({
    clock: s.array(Clock, nodes),
    sent: s.multiset(s.record({ from: Node, to: Node, seq: s.int(1, G), msg: flat, vc: Clock, delivered: s.boolean() }), G),
    violated: s.record({ fifo: s.boolean(), causal: s.boolean(), duplicate: s.boolean(), unsent: s.boolean() }),
  });
  const isTracked = (flat: Record<string, unknown>) => tracked === null || tracked.has(flat['type'] as string);
  const tick = (g: GhostDraft, node: number): void => {
    const c = g.clock.get(node);
    const t = c.get(node) + 1;
    if (t > E) throw new GhostCapacityError(`ghost: node ${node}'s clock exceeds ${E}; raise ghost.clock`);
    c.set(node, t);
  };
  return {
    schema,
    enabled: true,
    onSend(d, from, to, flat) {
      if (!isTracked(flat)) return;
      const g = d as GhostDraft;
      let seq = 1;
      for (let i = 0, n = g.sent.size; i < n; i++) {
        const e = g.sent.get(i);
        if (e.from !== from || e.to !== to) continue;
        if (sameValue(e.msg, flat)) return;
        seq++;
      }
      if (g.sent.size >= G) throw new GhostCapacityError(`ghost: more than ${G} application messages in a run; raise ghost.capacity`);
      tick(g, from);
      g.sent.add({ from, to, seq, msg: flat, vc: g.clock.get(from).toArray(), delivered: false });
    },
    onDeliver(d, at, from, flat) {
      if (!isTracked(flat)) return;
      const g = d as GhostDraft;
      const entries = g.sent.toArray();
      const e = entries.find((x) => x.from === from && x.to === at && sameValue(x.msg, flat));
      if (e === undefined) {
        g.violated.unsent = true;
        return;
      }
      if (e.delivered) {
        g.violated.duplicate = true;
        return;
      }
      // The textbook's strength: m is delivered only after every message that must precede it — not merely
      // "if both are delivered, in order", which a protocol that never delivers the earlier one passes.
      for (const f of entries) {
        if (f.to !== at || f.delivered) continue;
        if (f.from === from && f.seq < e.seq) g.violated.fifo = true;
        if (before(f.vc, e.vc)) g.violated.causal = true;
      }
      g.sent.remove(e);
      g.sent.add({ ...e, delivered: true });
      const c = g.clock.get(at);
      for (let k = 0; k < nodes; k++) if (e.vc[k]! > c.get(k)) c.set(k, e.vc[k]!);
      tick(g, at);
    },
  };
}

type Flags = { fifo: boolean; causal: boolean; duplicate: boolean; unsent: boolean };

function flag(name: string, which: keyof Flags): Property<unknown> {
  return always<unknown>(name, (st) => {
    const v = (st as { ghost: { violated?: Flags } }).ghost.violated;
    if (v === undefined) throw new TypeError(`${name} needs ghost tracking: give the system a 'ghost' option`);
    return !v[which];
  });
}

/**
 * A node delivers a message from q to the application only after every message q sent it earlier on that
 * link (gap-free FIFO: a message skipped is a violation at the delivery that skips it).
 */
export function fifoDelivery(): Property<unknown> {
  return flag('fifoDelivery', 'fifo');
}

/**
 * A node delivers m2 to the application only after every message addressed to it whose send happened
 * before send(m2) — so a message that overtakes one causally before it, or skips one that was lost, is a
 * violation at its delivery.
 */
export function causalDelivery(): Property<unknown> {
  return flag('causalDelivery', 'causal');
}

/** No message is delivered to the application twice at one node. */
export function noDuplicateDelivery(): Property<unknown> {
  return flag('noDuplicateDelivery', 'duplicate');
}

/** Every message delivered to the application at p from q was sent by q to p. */
export function deliveredWereSent(): Property<unknown> {
  return flag('deliveredWereSent', 'unsent');
}
