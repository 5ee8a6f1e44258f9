/**
 * Network semantics: what the system state holds for the messages in flight, and which of them may be
 * delivered, dropped or duplicated next. Chosen per system ({@link NetworkOptions}); all three are bounded,
 * so that the state is a schema and the state space finite.
 *
 * - **`unordered`** (datagrams): one multiset of envelopes `(from, to, msg)` for the whole network, of at
 *   most `capacity` envelopes. Any envelope may be delivered next; delivery consumes one copy. The multiset is
 *   stored sorted, so two states that differ only in the order messages were sent are one state: n messages
 *   sent concurrently cost one state per sub-multiset delivered, not one per order (for two independent
 *   messages: 4 network states, not 5).
 * - **`fifo`** (a TCP connection per pair): one queue per directed link `(from, to)`, each of at most
 *   `capacity` messages; only the head of a queue may be delivered, and the order of a queue is part of the
 *   state, so sends that interleave differently on one link give different states. Links between
 *   different pairs are independent, as with `unordered`.
 * - **`fifo` with `absorbRepeats`**: FIFO links that keep one copy of equal adjacent messages. A send equal
 *   to the last message queued on its link changes nothing, and a loss that would leave two equal messages
 *   side by side leaves one. This is the FIFO counterpart of `duplicating`: a protocol that retransmits on
 *   timeout (the same `Query`, again and again, while nothing else is sent on the link) stays finite, where
 *   plain `fifo` fills the queue after `capacity` timeouts and reports "capacity exceeded". It is sound for a
 *   receiver that handles a message twice in a row exactly as once (as a receiver of retransmissions must):
 *   the runs it omits are those in which the receiver is handed the same message twice running. Since a
 *   copy would sit next to its original, the `duplicates` fault has nothing to add on such links and is
 *   never enabled; `capacity` still bounds each link, now counting distinct neighbours.
 * - **`duplicating`**: the *set* of messages in flight, of at most `capacity` distinct envelopes. Delivery
 *   does not consume: a message, once sent, may be delivered any number of times until it is dropped;
 *   sending a message already in flight changes nothing (a retransmission that the network already holds).
 *   The state records only which messages are in flight, so retransmitting protocols stay finite: this is
 *   the "set of messages ever sent" of TLA+ specifications, plus loss.
 * - **lossy** (with any of the above): a message in flight may be dropped, within the `drops` fault budget;
 *   or, with **`fairLoss`**, any number of times, with no counter in the state (fair-loss links: the
 *   delivery of each message is then strongly fair, so what is sent infinitely often arrives).
 *   With **`lossOnCrash`**, a message in flight to or from a node that is down may also be dropped, outside
 *   the budget: a crash resets the node's connections (what a real run's validation needs, even on links
 *   the model otherwise takes as reliable).
 *   Duplication as a fault (`duplicates` budget) adds one copy of a message in flight, on `unordered` and
 *   `fifo` networks (on `fifo`, the copy directly follows the original); it is offered only while the
 *   network has room, since it is the network's doing, not a send.
 *
 * A send beyond the capacity is reported as an error of the model (a {@link NetworkCapacityError}, with the
 * trace that leads to it), never silently dropped: raise the capacity, or bound the protocol's sends.
 *
 * @example
 * ```ts
 * actorSystem({ ..., network: { kind: 'unordered', lossy: true, capacity: 8 }, faults: { drops: 1 } });
 * ```
 *
 * @module
 */
import { decode, pack, s } from '../core/index.js';
import type { MultisetDraft, MultisetView, RecordSchema, Schema, SeqDraft, SeqView, SlotsRaw } from '../core/index.js';

/** The kinds of network. */
export type NetworkKind = 'unordered' | 'fifo' | 'duplicating';

/** The network of a system. */
export interface NetworkOptions {
  readonly kind: NetworkKind;
  /** Whether messages may be lost (within the `drops` budget). @defaultValue false */
  readonly lossy?: boolean;
  /**
   * With `lossy`: fair-loss links. Losses are unbounded and counted nowhere (no budget, no counter in the
   * state: the `drops` budget must be 0), an unfair environment choice; in exchange the delivery of each
   * message is strongly fair under the default fairness — a message sent again and again is eventually
   * delivered, as a retransmitting protocol assumes. @defaultValue false
   */
  readonly fairLoss?: boolean;
  /**
   * Whether a crash may lose the messages in flight to or from the crashed node, as the connections of a
   * killed process reset: while a node is down, any message in flight to or from it may be dropped,
   * outside the `drops` budget (the crash is the fault). Systems that validate real runs have it, since a
   * killed node's socket buffers and a killed sender's queued frames are gone. @defaultValue false
   */
  readonly lossOnCrash?: boolean;
  /** At most this many messages in flight: in the whole network, or per link for `fifo`. */
  readonly capacity: number;
  /**
   * `fifo` only: a link keeps one copy of equal adjacent messages, so retransmissions do not pile up (see the
   * module documentation for what it omits). @defaultValue false
   */
  readonly absorbRepeats?: boolean;
}

/** Thrown when a send would exceed the network's capacity. */
export class NetworkCapacityError extends Error {
  override readonly name = 'NetworkCapacityError';
}

/** A message in flight, as the network sees it (`flat` is the packed form of the message). */
export interface InFlight {
  readonly from: number;
  readonly to: number;
  readonly flat: Record<string, unknown>;
  /** The position in its link's queue (`fifo` only). */
  readonly at?: number;
  /** Whether it may be delivered now (on `fifo`, only a head may). */
  readonly deliverable: boolean;
}

/** Deep equality of plain values (numbers, strings, booleans, arrays, records). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The operations of one network semantics over its part of the system state. */
export interface Network {
  readonly options: NetworkOptions;
  /** The schema of the network's part of the state. */
  readonly schema: Schema;
  /** The distinct messages in flight, in a deterministic order. */
  inFlight(net: unknown): InFlight[];
  /** Puts a message in flight; `describe` names the send for the capacity error. */
  send(net: unknown, from: number, to: number, flat: Record<string, unknown>, describe: () => string): void;
  /** Takes `m` for delivery (consuming it unless duplicating); false if it is not deliverable. */
  take(net: unknown, m: Omit<InFlight, 'deliverable'>): boolean;
  /** Loses `m`; false if it is not in flight. */
  drop(net: unknown, m: Omit<InFlight, 'deliverable'>): boolean;
  /** Adds a copy of `m`; false if it is not in flight or the network is full. */
  duplicate(net: unknown, m: Omit<InFlight, 'deliverable'>): boolean;
  /**
   * The packed path, which the checker uses: a message in flight is named by its link (`fifo`; -1
   * otherwise), its position `at` (`fifo`; -1 otherwise) and its slot words — the envelope's for `unordered`
   * and `duplicating`, the message's for `fifo`. Equal values have equal words (the packing is canonical),
   * so these agree exactly with {@link Network.inFlight}, {@link Network.take} and {@link Network.drop}.
   */
  readonly slotWords: number;
  /**
   * Calls `visit` for each entry of {@link Network.inFlight}, in the same order, without decoding; `words`
   * holds the slot words and is valid during the call only.
   */
  scan(net: unknown, visit: (link: number, at: number, deliverable: boolean, words: Int32Array) => void): void;
  /** The message in flight that {@link Network.scan} reported as `link`, `at`, `words`, decoded. */
  describe(link: number, at: number, words: Int32Array): Omit<InFlight, 'deliverable'>;
  /** {@link Network.take} by what {@link Network.scan} reported. */
  takeSlot(net: unknown, link: number, words: Int32Array): boolean;
  /** The schema of one slot (see {@link Network.slotWords}): an envelope `{ from, to, msg }`, or for `fifo` the message. */
  readonly slot: Schema;
  /**
   * {@link Network.send} of the message whose slot words (as the `*Slot` methods take them) are `words`;
   * false, with nothing done, if the network is full: the caller then takes the general path to report it.
   */
  sendSlot(net: unknown, from: number, to: number, words: Int32Array): boolean;
  /** {@link Network.drop} by what {@link Network.scan} reported. */
  dropSlot(net: unknown, link: number, at: number, words: Int32Array): boolean;
}

/** Two scratch slots for {@link Network.scan}: the current one and the previous one, swapped per slot. */
class Scratch {
  cur: Int32Array;
  prev: Int32Array;
  constructor(readonly n: number) {
    this.cur = new Int32Array(n);
    this.prev = new Int32Array(n);
  }
  /** Swaps, so that the slot just read becomes the previous one. */
  swap(): void {
    const t = this.cur;
    this.cur = this.prev;
    this.prev = t;
  }
  /** Whether the current slot equals the previous one. */
  same(): boolean {
    for (let k = 0; k < this.n; k++) if (this.cur[k] !== this.prev[k]) return false;
    return true;
  }
}

interface Envelope {
  from: number;
  to: number;
  msg: Record<string, unknown>;
}

function overflow(capacity: number, where: string, describe: () => string): never {
  throw new NetworkCapacityError(`${describe()} exceeds the capacity of ${capacity} messages ${where}; raise the network capacity or bound the sends`);
}

/** A bag (`unordered`) or a set (`duplicating`) of envelopes for the whole network. */
function bagNetwork(options: NetworkOptions, nodes: number, flat: RecordSchema): Network {
  const Node = s.int(0, nodes - 1);
  const schema = s.multiset(s.record({ from: Node, to: Node, msg: flat }), options.capacity);
  const isSet = options.kind === 'duplicating';
  const env = (m: Omit<InFlight, 'deliverable'>): Envelope => ({ from: m.from, to: m.to, msg: m.flat });
  const W = Math.max(1, pack(schema.of).words);
  const sc = new Scratch(W);
  return {
    options,
    schema,
    slotWords: W,
    scan(v, visit) {
      const net = v as MultisetView<Envelope> & SlotsRaw;
      for (let i = 0, n = net.size; i < n; i++) {
        net.readSlot(i, sc.cur, 0);
        if (i > 0 && sc.same()) continue;
        visit(-1, -1, true, sc.cur);
        sc.swap();
      }
    },
    slot: schema.of,
    sendSlot(d, _from, _to, words) {
      const net = d as MultisetDraft<Envelope> & SlotsRaw;
      if (isSet && net.indexOfSlot(words, 0) >= 0) return true;
      if (net.size >= options.capacity) return false;
      net.addSlot!(words, 0);
      return true;
    },
    describe(_link, _at, words) {
      const e = decode(schema.of, words) as Envelope;
      return { from: e.from, to: e.to, flat: e.msg };
    },
    takeSlot(d, _link, words) {
      const net = d as MultisetDraft<Envelope> & SlotsRaw;
      if (isSet) return net.indexOfSlot(words, 0) >= 0;
      const i = net.indexOfSlot(words, 0);
      if (i < 0) return false;
      net.removeAt(i);
      return true;
    },
    dropSlot(d, _link, _at, words) {
      const net = d as MultisetDraft<Envelope> & SlotsRaw;
      const i = net.indexOfSlot(words, 0);
      if (i < 0) return false;
      net.removeAt(i);
      return true;
    },
    inFlight(v) {
      const net = v as MultisetView<Envelope>;
      const out: InFlight[] = [];
      let prev: Envelope | undefined;
      for (let i = 0, n = net.size; i < n; i++) {
        const e = net.get(i);
        if (prev !== undefined && sameValue(prev, e)) continue;
        out.push({ from: e.from, to: e.to, flat: e.msg, deliverable: true });
        prev = e;
      }
      return out;
    },
    send(d, from, to, msg, describe) {
      const net = d as MultisetDraft<Envelope>;
      const e = { from, to, msg };
      if (isSet && net.has(e)) return;
      if (net.size >= options.capacity) overflow(options.capacity, 'in flight', describe);
      net.add(e);
    },
    take(d, m) {
      const net = d as MultisetDraft<Envelope>;
      return isSet ? net.has(env(m)) : net.remove(env(m));
    },
    drop(d, m) {
      return (d as MultisetDraft<Envelope>).remove(env(m));
    },
    duplicate(d, m) {
      const net = d as MultisetDraft<Envelope>;
      if (isSet || net.size >= options.capacity || !net.has(env(m))) return false;
      net.add(env(m));
      return true;
    },
  };
}

/** One queue per directed link, `from * nodes + to`. */
function fifoNetwork(options: NetworkOptions, nodes: number, flat: RecordSchema): Network {
  const schema = s.array(s.seq(flat, options.capacity), nodes * nodes);
  type Links = { get(i: number): SeqDraft<Record<string, unknown>> & SlotsRaw };
  const link = (d: unknown, from: number, to: number) => (d as Links).get(from * nodes + to);
  const W = Math.max(1, pack(flat).words);
  const sc = new Scratch(W);
  const absorb = options.absorbRepeats === true;
  // Removing the message at `at` may bring two equal ones together: an absorbing link then keeps one.
  const closeGap = absorb
    ? (q: SeqDraft<Record<string, unknown>> & SlotsRaw, at: number): void => {
        if (at > 0 && at < q.length) {
          q.readSlot(at - 1, sc.cur, 0);
          if (q.slotEquals(at, sc.cur, 0)) q.removeAt(at);
        }
      }
    : (): void => {};
  return {
    options,
    schema,
    slotWords: W,
    scan(v, visit) {
      const links = v as Links;
      for (let l = 0; l < nodes * nodes; l++) {
        const q = links.get(l);
        for (let at = 0, n = q.length; at < n; at++) {
          q.readSlot(at, sc.cur, 0);
          if (at > 0 && sc.same()) continue;
          visit(l, at, at === 0, sc.cur);
          sc.swap();
        }
      }
    },
    slot: flat,
    sendSlot(d, from, to, words) {
      const q = link(d, from, to);
      if (absorb && q.length > 0 && q.slotEquals(q.length - 1, words, 0)) return true;
      if (q.length >= options.capacity) return false;
      q.addSlot!(words, 0);
      return true;
    },
    describe(l, at, words) {
      return { from: Math.floor(l / nodes), to: l % nodes, flat: decode(flat, words) as Record<string, unknown>, at };
    },
    takeSlot(d, l, words) {
      const q = (d as Links).get(l);
      if (q.length === 0 || !q.slotEquals(0, words, 0)) return false;
      q.removeAt(0);
      return true;
    },
    dropSlot(d, l, at, words) {
      const q = (d as Links).get(l);
      if (!(at >= 0 && at < q.length) || !q.slotEquals(at, words, 0)) return false;
      q.removeAt(at);
      closeGap(q, at);
      return true;
    },
    inFlight(v) {
      const links = v as { get(i: number): SeqView<Record<string, unknown>> };
      const out: InFlight[] = [];
      for (let l = 0; l < nodes * nodes; l++) {
        const q = links.get(l);
        let prev: Record<string, unknown> | undefined;
        for (let at = 0, n = q.length; at < n; at++) {
          const msg = q.get(at);
          // Dropping or copying any of a run of equal messages gives one successor: offer the run's first.
          if (prev !== undefined && sameValue(prev, msg)) continue;
          out.push({ from: Math.floor(l / nodes), to: l % nodes, flat: msg, at, deliverable: at === 0 });
          prev = msg;
        }
      }
      return out;
    },
    send(d, from, to, msg, describe) {
      const q = link(d, from, to);
      if (absorb && q.length > 0 && sameValue(q.get(q.length - 1), msg)) return;
      if (q.length >= options.capacity) overflow(options.capacity, `on one link`, describe);
      q.push(msg);
    },
    take(d, m) {
      const q = link(d, m.from, m.to);
      if (q.length === 0 || !sameValue(q.get(0), m.flat)) return false;
      q.shift();
      return true;
    },
    drop(d, m) {
      const q = link(d, m.from, m.to);
      const at = m.at ?? -1;
      if (!(at >= 0 && at < q.length) || !sameValue(q.get(at), m.flat)) return false;
      q.removeAt(at);
      closeGap(q, at);
      return true;
    },
    duplicate(d, m) {
      // A copy would sit next to its original, which an absorbing link keeps once: nothing to add.
      if (absorb) return false;
      const q = link(d, m.from, m.to);
      const at = m.at ?? -1;
      if (q.length >= options.capacity || !(at >= 0 && at < q.length) || !sameValue(q.get(at), m.flat)) return false;
      const all = q.toArray();
      all.splice(at + 1, 0, m.flat);
      q.clear();
      for (const x of all) q.push(x);
      return true;
    },
  };
}

/** The network of `options` for a system of `nodes` nodes whose messages pack as `flat`. */
export function network(options: NetworkOptions, nodes: number, flat: RecordSchema): Network {
  if (!Number.isInteger(options.capacity) || options.capacity < 1) {
    throw new TypeError(`network: capacity must be a positive integer, got ${options.capacity}`);
  }
  if (options.absorbRepeats === true && options.kind !== 'fifo') {
    throw new TypeError(`network: absorbRepeats is an option of fifo links, not of ${options.kind} networks (a duplicating network already absorbs repeats)`);
  }
  switch (options.kind) {
    case 'unordered':
    case 'duplicating':
      return bagNetwork(options, nodes, flat);
    case 'fifo':
      return fifoNetwork(options, nodes, flat);
    default:
      throw new TypeError(`network: unknown kind ${JSON.stringify((options as { kind: unknown }).kind)} (kinds: unordered, fifo, duplicating)`);
  }
}
