/**
 * An in-memory network of byte streams, for fast tests of everything above the socket.
 *
 * It behaves like a stream socket as far as a transport can tell: bytes arrive in order, asynchronously
 * (on a later turn of the event loop, never inside the writer's call), possibly split into chunks; dialing a
 * name nobody listens on is refused; closing one end closes the other once the bytes already written have
 * arrived. So framing, handshakes, malformed input and reconnection are exercised without the kernel. A
 * `chunkSize` splits every write into pieces, to test reassembly of frames cut anywhere.
 *
 * @example
 * ```ts
 * const net = new MemoryNetwork();
 * await net.listen({ kind: 'memory', name: 'n0' }, (s) => s.onData((c) => console.log(c)));
 * const s = await net.dial({ kind: 'memory', name: 'n0' });
 * s.write(Uint8Array.of(1, 2, 3));
 * ```
 *
 * @module
 */
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import type { Stream, StreamNetwork, StreamServer } from './stream.js';

/** Options of a {@link MemoryNetwork}. */
export interface MemoryNetworkOptions {
  /**
   * Deliver every write in pieces of at most this many bytes (each on its own turn of the event loop).
   * @defaultValue whole writes
   */
  readonly chunkSize?: number;
}

class MemoryStream implements Stream {
  peer!: MemoryStream;
  private inbox: Uint8Array[] = [];
  private dataHandler: ((chunk: Uint8Array) => void) | undefined;
  private closeHandler: ((error?: Error) => void) | undefined;
  private closed = false;
  private closeNotified = false;
  private peerClosing = false;
  private draining = false;

  constructor(
    readonly remote: string,
    private readonly chunkSize: number,
  ) {}

  write(bytes: Uint8Array): void {
    if (this.closed || this.peer.closed) return;
    for (let at = 0; at < bytes.length; at += this.chunkSize) this.peer.receive(bytes.slice(at, at + this.chunkSize));
  }

  private receive(chunk: Uint8Array): void {
    this.inbox.push(chunk);
    this.schedule();
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.drain());
  }

  /** Delivers one chunk per turn (as sockets do), then the close that the other end asked for. */
  private drain(): void {
    this.draining = false;
    if (this.closed) return;
    if (this.dataHandler && this.inbox.length > 0) {
      this.dataHandler(this.inbox.shift()!);
      if (this.inbox.length > 0 || this.peerClosing) this.schedule();
      return;
    }
    if (this.peerClosing && this.inbox.length === 0) this.finish();
  }

  close(): void {
    if (this.closed) return;
    this.finish();
    this.peer.peerClosing = true;
    this.peer.schedule();
  }

  private finish(): void {
    this.closed = true;
    this.inbox = [];
    if (!this.closeNotified && this.closeHandler) {
      this.closeNotified = true;
      const h = this.closeHandler;
      setImmediate(() => h());
    }
  }

  onData(handler: (chunk: Uint8Array) => void): void {
    this.dataHandler = handler;
    this.schedule();
  }

  onClose(handler: (error?: Error) => void): void {
    this.closeHandler = handler;
    if (this.closed && !this.closeNotified) {
      this.closeNotified = true;
      setImmediate(() => handler());
    }
  }
}

/** A registry of in-memory listeners; streams dialed through it are connected pairs of buffers. */
export class MemoryNetwork implements StreamNetwork {
  /** Always `'memory'`. */
  readonly kind = 'memory';
  private readonly listeners = new Map<string, (stream: Stream) => void>();
  private readonly chunkSize: number;
  private dialed = 0;

  /** @param options - see {@link MemoryNetworkOptions} */
  constructor(options: MemoryNetworkOptions = {}) {
    this.chunkSize = options.chunkSize ?? Infinity;
    if (!(this.chunkSize >= 1)) throw new RangeError(`MemoryNetwork: chunkSize must be at least 1, got ${options.chunkSize}`);
  }

  private name(call: string, address: Address): string {
    if (address.kind !== 'memory') throw new TypeError(`MemoryNetwork.${call}: expected a mem: address, got ${formatAddress(address)}`);
    return address.name;
  }

  /** Listens under a name; rejects if the name is taken. */
  listen(address: Address, onStream: (stream: Stream) => void): Promise<StreamServer> {
    const name = this.name('listen', address);
    if (this.listeners.has(name)) return Promise.reject(new Error(`listen EADDRINUSE: mem:${name}`));
    this.listeners.set(name, onStream);
    return Promise.resolve({
      address,
      close: async () => {
        if (this.listeners.get(name) === onStream) this.listeners.delete(name);
      },
    });
  }

  /** Connects to a name; rejects with a connection-refused error if nobody listens on it. */
  dial(address: Address): Promise<Stream> {
    const name = this.name('dial', address);
    return new Promise((resolve, reject) => {
      // Asynchronous like a socket connect: the listener sees the stream on a later turn.
      setImmediate(() => {
        const accept = this.listeners.get(name);
        if (!accept) return reject(new Error(`connect ECONNREFUSED mem:${name}`));
        const client = new MemoryStream(`mem:${name}`, this.chunkSize);
        const server = new MemoryStream(`mem:client-${++this.dialed}`, this.chunkSize);
        client.peer = server;
        server.peer = client;
        accept(server);
        resolve(client);
      });
    });
  }
}
