/**
 * The byte streams under a transport: the small interface that TCP, Unix sockets and the in-memory
 * network all provide, so that framing, handshakes, reconnection and fault injection are written once.
 *
 * @module
 */
import type { Address } from './address.js';

/** One connection's byte stream, as seen from one end. */
export interface Stream {
  /** The other end, for log lines (`127.0.0.1:50312`, `unix:/tmp/n0.sock`, `mem:client-3`). */
  readonly remote: string;
  /**
   * The node the network itself authenticated at the far end (the id in a TLS peer's certificate), or
   * undefined on a network that authenticates nothing. The transport accepts a hello only if it names
   * this node.
   */
  readonly verifiedPeer?: string;
  /** Queues bytes for sending, in order; ignored once the stream is closed. */
  write(bytes: Uint8Array): void;
  /** Closes the stream at once in both directions; bytes not yet sent may be lost. Idempotent. */
  close(): void;
  /** Sets the receiver of incoming chunks (only one; chunks arriving before it is set are kept). */
  onData(handler: (chunk: Uint8Array) => void): void;
  /** Sets what to call once the stream is closed, by either end (at most once), with the error if any. */
  onClose(handler: (error?: Error) => void): void;
}

/** A listening endpoint of a {@link StreamNetwork}. */
export interface StreamServer {
  /** The address actually bound (a TCP port 0 is replaced by the port chosen). */
  readonly address: Address;
  /** Stops accepting connections; streams already accepted stay open. */
  close(): Promise<void>;
}

/** A kind of network that can listen for and dial byte streams. */
export interface StreamNetwork {
  /** The kind of address it accepts. */
  readonly kind: Address['kind'];
  /** Listens at `address`, calling `onStream` with each accepted stream. Rejects if the address is in use. */
  listen(address: Address, onStream: (stream: Stream) => void): Promise<StreamServer>;
  /**
   * Connects to `address`, where node `peer` is meant to listen; rejects (e.g. connection refused) if
   * nothing listens there — or, on a network that authenticates, if what answers is not `peer`.
   */
  dial(address: Address, peer?: string): Promise<Stream>;
}
