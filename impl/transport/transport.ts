/**
 * The transport of a runtime node: one interface over TCP, Unix sockets and an in-memory network.
 *
 * A node listens on its address and keeps one outgoing link to each peer it sends to; links are one-way
 * (see `hello.ts`). Messages travel as frames — a 4-byte big-endian length, then the payload the codec
 * made (the wire format of the message schema, `impl/wire`). The transport guarantees per link what TCP
 * does, FIFO and at most once, and no more: frames sent while a link is down are queued and sent, in order,
 * when it is re-established (reconnection with exponential backoff), but frames already written to a
 * connection that then breaks may be lost. Acknowledgement is the protocol's business, not the transport's.
 *
 * Untrusted input never stops a node. A connection whose input is malformed — a bad hello, a frame longer
 * than `maxFrameSize`, a payload the codec rejects — is closed with one `warn` line naming the peer and the
 * reason, and the node keeps serving every other connection.
 *
 * Nor can it take a node's resources (defaults in `TRANSPORT_DEFAULTS`, each overridable here): a
 * connection must send its hello, and then each frame, whole within `frameDeadline` (from the frame's
 * first byte; later bytes do not extend it), and is closed after `idleTimeout` without a frame — the
 * dialer sends zero-length keepalive frames well within it, and the receiver skips them. At most
 * `maxConnections` accepted connections are open (one more is closed at once) and `maxConnectionsPerPeer`
 * from one claimed peer id (one more closes that peer's oldest). Incomplete frames of all connections
 * together hold at most `maxBufferedBytes`: a connection whose buffer would take the total beyond it is
 * closed, and a closed connection frees what it held. A connection closed by one of these limits is
 * counted in {@link TransportStats} and reported with at most one `warn` line per limit per
 * `reportInterval`, so an attack cannot flood the log either.
 *
 * Faults can be injected on the outgoing links (loss, duplication, delay, reordering; see `faults.ts`),
 * deterministically from a seed. Time comes from an injected {@link Clock}.
 *
 * The transport is the composition of its two sides: `inboundLinks.ts` (listening, hellos, frames in,
 * the limits) and `outboundLinks.ts` (dialling, backoff, the send queue, injected delays, keepalives).
 *
 * @example
 * ```ts
 * const Msg = s.record({ tx: s.int(0, 99), vote: s.enum(['yes', 'no']) });
 * const rm = createTransport({
 *   self: 'rm1', network: tcpNetwork, codec: schemaFrames(Msg),
 *   onMessage: (from, m) => console.log(from, m),
 * });
 * await rm.listen(parseAddress('tcp://127.0.0.1:7001'));
 * rm.connect('tm', parseAddress('tcp://127.0.0.1:7000'));
 * rm.send('tm', { tx: 1, vote: 'yes' });
 * ```
 *
 * @module
 */
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { FaultPlan } from './faults.js';
import type { FrameCodec } from './frameCodec.js';
import { FRAME_HEADER } from './framing.js';
import { inboundLinks } from './inboundLinks.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { outboundLinks } from './outboundLinks.js';
import type { StreamNetwork } from './stream.js';
import { TRANSPORT_DEFAULTS } from './transportDefaults.js';
import type { TransportStats } from './transportStats.js';

/** Options of {@link createTransport}. */
export interface TransportOptions<M> {
  /** This node's identity, sent to every peer it dials (1..255 bytes of UTF-8). */
  readonly self: string;
  /** The kind of network: `tcpNetwork`, `unixNetwork` or a `MemoryNetwork`. */
  readonly network: StreamNetwork;
  /** Messages to payloads and back (`schemaFrames(schema)`, or `rawFrames`). */
  readonly codec: FrameCodec<M>;
  /**
   * Called with each message received, in order per link, with the sending peer's identity. Returning
   * `false` (exactly) refuses the message: its connection is closed (whoever sent it is not following the protocol)
   * and counted in `rejected`.
   */
  readonly onMessage: (from: string, message: M) => unknown;
  /**
   * Where one-line reports go.
   * @defaultValue a logger that discards them
   */
  readonly logger?: Logger;
  /**
   * The largest frame payload, in bytes, sent or accepted.
   * @defaultValue `TRANSPORT_DEFAULTS.maxFrameSize` (1 MiB)
   */
  readonly maxFrameSize?: number;
  /**
   * Milliseconds an accepted connection has for its hello (from the accept) and for each later frame
   * (from the frame's first byte; later bytes do not extend it) before it is closed.
   * @defaultValue `TRANSPORT_DEFAULTS.frameDeadline` (10 s)
   */
  readonly frameDeadline?: number;
  /**
   * Milliseconds an accepted connection may go between frames without one (keepalives count).
   * @defaultValue `TRANSPORT_DEFAULTS.idleTimeout` (60 s)
   */
  readonly idleTimeout?: number;
  /**
   * Milliseconds without sending anything after which a link sends a zero-length keepalive frame. The peer
   * uses its own `idleTimeout`: keep this well within it.
   * @defaultValue `idleTimeout · TRANSPORT_DEFAULTS.keepaliveShare` (20 s)
   */
  readonly keepaliveInterval?: number;
  /**
   * Accepted connections open at once; one more is closed as soon as it arrives.
   * @defaultValue `TRANSPORT_DEFAULTS.maxConnections` (256)
   */
  readonly maxConnections?: number;
  /**
   * Accepted connections open at once from one claimed peer id; one more closes that peer's oldest.
   * @defaultValue `TRANSPORT_DEFAULTS.maxConnectionsPerPeer` (2)
   */
  readonly maxConnectionsPerPeer?: number;
  /**
   * Bytes of incomplete frames (length prefix included) buffered across all accepted connections; a
   * connection that would take the total beyond it is closed. At least `maxFrameSize + 4`.
   * @defaultValue `TRANSPORT_DEFAULTS.maxBufferedBytes` (16 MiB)
   */
  readonly maxBufferedBytes?: number;
  /**
   * Milliseconds between two warn lines for connections closed by the same limit (the others are counted).
   * @defaultValue `TRANSPORT_DEFAULTS.reportInterval` (10 s)
   */
  readonly reportInterval?: number;
  /**
   * Delays between reconnection attempts: `initial · factor^k` milliseconds, at most `max`.
   * @defaultValue `TRANSPORT_DEFAULTS.backoff` (`{ initial: 50, factor: 2, max: 2000 }`)
   */
  readonly backoff?: { readonly initial?: number; readonly factor?: number; readonly max?: number };
  /**
   * The most frames queued on a link while it is down; beyond it the oldest are dropped (and counted).
   * @defaultValue `TRANSPORT_DEFAULTS.queueLimit` (10000)
   */
  readonly queueLimit?: number;
  /**
   * Faults to inject on every outgoing link.
   * @defaultValue none
   */
  readonly faults?: FaultPlan;
  /**
   * Faults for one outgoing link, by peer; where it gives a plan, that plan replaces `faults` on that link
   * (a slow link, a lossy one).
   * @defaultValue `faults` on every link
   */
  readonly linkFaults?: (peer: string) => FaultPlan | undefined;
  /**
   * The clock for backoff, injected delays, deadlines, idle timeouts and keepalives.
   * @defaultValue `systemClock`
   */
  readonly clock?: Clock;
}

/** A node's transport. Create one with {@link createTransport}. */
export interface Transport<M> {
  /** This node's identity. */
  readonly self: string;
  /** Counters (see {@link TransportStats}). */
  readonly stats: Readonly<TransportStats>;
  /** Starts accepting connections at `address`; resolves with the address bound (TCP port 0 → the real port). */
  listen(address: Address): Promise<Address>;
  /**
   * Declares the outgoing link to `peer` at `address` and starts connecting (and reconnecting, with
   * backoff, whenever the connection is lost). Declaring a peer again with another address moves the link.
   */
  connect(peer: string, address: Address): void;
  /**
   * Sends `message` to `peer` (declared with `connect`): queued if the link is down, subject to injected
   * faults. Throws at once for an unknown peer, a message the codec rejects, or a frame above `maxFrameSize`.
   */
  send(peer: string, message: M): void;
  /** Whether the outgoing link to `peer` is currently established. */
  isConnected(peer: string): boolean;
  /** Stops listening, closes every connection and cancels every timer; queued and delayed frames are dropped. */
  close(): Promise<void>;
}

function positive(name: string, x: number, min: number): number {
  if (!(x >= min) || !Number.isFinite(x)) throw new RangeError(`createTransport: ${name} must be a number >= ${min}, got ${x}`);
  return x;
}

/** Creates a transport (see the module documentation); it does nothing until `listen` or `connect`. */
export function createTransport<M>(options: TransportOptions<M>): Transport<M> {
  const { self, network, codec, onMessage } = options;
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const D = TRANSPORT_DEFAULTS;
  const maxFrameSize = positive('maxFrameSize', options.maxFrameSize ?? D.maxFrameSize, 1);
  const frameDeadline = positive('frameDeadline', options.frameDeadline ?? D.frameDeadline, 1);
  const idleTimeout = positive('idleTimeout', options.idleTimeout ?? D.idleTimeout, 1);
  const keepaliveInterval = positive('keepaliveInterval', options.keepaliveInterval ?? idleTimeout * D.keepaliveShare, 1);
  const maxConnections = positive('maxConnections', options.maxConnections ?? D.maxConnections, 1);
  const maxConnectionsPerPeer = positive('maxConnectionsPerPeer', options.maxConnectionsPerPeer ?? D.maxConnectionsPerPeer, 1);
  // A budget below one whole frame would refuse honest frames of the largest size forever.
  const maxBufferedBytes = positive('maxBufferedBytes', options.maxBufferedBytes ?? D.maxBufferedBytes, maxFrameSize + FRAME_HEADER);
  const reportInterval = positive('reportInterval', options.reportInterval ?? D.reportInterval, 0);
  const backoff = {
    initial: positive('backoff.initial', options.backoff?.initial ?? D.backoff.initial, 0),
    factor: positive('backoff.factor', options.backoff?.factor ?? D.backoff.factor, 1),
    max: positive('backoff.max', options.backoff?.max ?? D.backoff.max, 0),
  };
  const queueLimit = positive('queueLimit', options.queueLimit ?? D.queueLimit, 1);
  const stats: TransportStats = {
    sent: 0,
    received: 0,
    lost: 0,
    duplicated: 0,
    overflowed: 0,
    accepted: 0,
    rejected: 0,
    connects: 0,
    keepalives: 0,
    deadlineClosed: 0,
    idleClosed: 0,
    connectionCapped: 0,
    peerCapped: 0,
    bufferCapped: 0,
    open: 0,
    buffered: 0,
    peakBuffered: 0,
  };
  let closed = false;
  const isClosed = (): boolean => closed;
  const outbound = outboundLinks({ self, network, codec, logger, clock, stats, maxFrameSize, keepaliveInterval, backoff, queueLimit, faults: options.faults, linkFaults: options.linkFaults, isClosed });
  const inbound = inboundLinks({ self, network, codec, onMessage, logger, clock, stats, maxFrameSize, frameDeadline, idleTimeout, maxConnections, maxConnectionsPerPeer, maxBufferedBytes, reportInterval, isClosed });

  const checkKind = (call: string, address: Address): void => {
    if (address.kind !== network.kind) {
      throw new TypeError(`Transport.${call}: this transport runs over ${network.kind}, got ${formatAddress(address)}`);
    }
  };

  return {
    self,
    stats,
    async listen(address) {
      checkKind('listen', address);
      if (closed) throw new Error(`Transport.listen: transport ${self} is closed`);
      return inbound.listen(address);
    },
    connect(peer, address) {
      checkKind('connect', address);
      if (closed) throw new Error(`Transport.connect: transport ${self} is closed`);
      outbound.connect(peer, address);
    },
    send(peer, message) {
      outbound.send(peer, message);
    },
    isConnected(peer) {
      return outbound.isConnected(peer);
    },
    async close() {
      if (closed) return;
      closed = true;
      outbound.close();
      await inbound.close();
    },
  };
}
