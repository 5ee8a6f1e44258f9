/**
 * The defaults of a transport's limits, in one place: every figure here is the one definition of its fact,
 * and each can be overridden through `TransportOptions` (tests use small values to run fast).
 *
 * The limits exist because the input of an accepted connection is untrusted: without them a peer that
 * said hello kept its connection forever, a slowloris (one byte a second into a frame) held its buffer
 * forever, and 200 half-sent 1 MiB frames kept 265 MB of a node's memory. Each limit closes the offending
 * connection only; the node keeps serving every other one.
 *
 * @module
 */

/** The default limits and timings of a transport (see `TransportOptions` for what each one governs). */
export const TRANSPORT_DEFAULTS = {
  /** The largest frame payload sent or accepted, in bytes (1 MiB). */
  maxFrameSize: 1 << 20,
  /**
   * Milliseconds a frame may take to arrive whole, from its first byte (and the hello, from the accept).
   * Later bytes of the same frame do not extend it: one byte a second keeps nothing open.
   */
  frameDeadline: 10_000,
  /** Milliseconds an accepted connection may go without a complete frame (keepalives count) before it is closed. */
  idleTimeout: 60_000,
  /**
   * The dialer sends a keepalive after this share of the idle timeout without sending anything: a third
   * leaves room for two late or lost keepalives before an honest idle link is taken for a dead one.
   */
  keepaliveShare: 1 / 3,
  /** Accepted connections open at once, in total; one more is closed as soon as it arrives. */
  maxConnections: 256,
  /**
   * Accepted connections open at once from one claimed peer id. Two, because a peer that reconnects may
   * dial again before this node notices its old connection died; a third closes the oldest.
   */
  maxConnectionsPerPeer: 2,
  /** Bytes of incomplete frames buffered across all accepted connections of a node (16 MiB). */
  maxBufferedBytes: 16 << 20,
  /** At most one warn line per reason a connection is closed by a limit, per this many milliseconds. */
  reportInterval: 10_000,
  /** Frames queued on a link while it is down; beyond it the oldest are dropped. */
  queueLimit: 10_000,
  /** Delays between reconnection attempts: `initial · factor^k` milliseconds, at most `max`. */
  backoff: { initial: 50, factor: 2, max: 2000 },
} as const;
