/**
 * The counters of a transport, and two gauges of what it holds now; both sides of the transport (the
 * inbound links, `inboundLinks.ts`, and the outbound ones, `outboundLinks.ts`) count into one object.
 *
 * @example
 * ```ts
 * const t = createTransport({ self: 'rm1', network: tcpNetwork, codec: rawFrames, onMessage: () => {} });
 * t.stats.sent;   // 0
 * ```
 *
 * @module
 */

/** Counters of a transport since it was created, and two gauges (`open`, `buffered`) of what it holds now. */
export interface TransportStats {
  /** Messages passed to `send`. */
  sent: number;
  /** Messages delivered to `onMessage`. */
  received: number;
  /** Messages dropped by injected loss. */
  lost: number;
  /** Extra copies made by injected duplication. */
  duplicated: number;
  /** Frames dropped because a link's queue was full. */
  overflowed: number;
  /** Incoming connections accepted. */
  accepted: number;
  /** Incoming connections closed for malformed input (bad hello, oversized, undecodable, truncated). */
  rejected: number;
  /** Outgoing links established (first connections and reconnections). */
  connects: number;
  /** Keepalive frames sent on idle outgoing links. */
  keepalives: number;
  /** Incoming connections closed for missing a deadline: no hello, or a frame not whole, within `frameDeadline`. */
  deadlineClosed: number;
  /** Incoming connections closed after `idleTimeout` without a frame. */
  idleClosed: number;
  /** Incoming connections closed on arrival because `maxConnections` were open. */
  connectionCapped: number;
  /** Incoming connections closed as the oldest of a peer with more than `maxConnectionsPerPeer`. */
  peerCapped: number;
  /** Incoming connections closed because their buffer would have taken the total beyond `maxBufferedBytes`. */
  bufferCapped: number;
  /** Gauge: incoming connections open now. */
  open: number;
  /** Gauge: bytes of incomplete frames buffered now, across all incoming connections. */
  buffered: number;
  /** The most bytes of incomplete frames buffered at once (never above `maxBufferedBytes`). */
  peakBuffered: number;
}
