/**
 * The inbound side of a transport: it listens, accepts connections, reads each one's hello and then its
 * frames, and closes a connection whose input is malformed or that breaks one of the limits.
 *
 * Links are one-way (see `hello.ts`): an accepted connection only brings frames in. Its first frame is
 * the hello naming the peer (on TLS, the name its certificate gives); each later frame is decoded with the
 * codec and handed to `onMessage`, and zero-length frames (keepalives) are skipped. Every connection has
 * deadlines (`connectionWatchdog.ts`), a share of one node-wide budget of buffered bytes
 * (`byteBudget.ts`), and counts towards `maxConnections` and, once identified, `maxConnectionsPerPeer`
 * (the oldest of a peer beyond it is evicted). A connection closed by a limit is counted and reported
 * with at most one line per limit per `reportInterval` (`rateLimitedLog.ts`).
 *
 * @example
 * ```ts
 * const inbound = inboundLinks({ self: 'tm', network: tcpNetwork, codec: rawFrames, onMessage, logger, clock,
 *   stats, ...limits, isClosed: () => false });
 * await inbound.listen(parseAddress('tcp://127.0.0.1:7000'));
 * ```
 *
 * @module
 */
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import { ByteBudget } from './byteBudget.js';
import type { Clock } from './clock.js';
import { ConnectionWatchdog } from './connectionWatchdog.js';
import type { Expiry } from './connectionWatchdog.js';
import type { FrameCodec } from './frameCodec.js';
import { FrameDecoder } from './framing.js';
import { decodeHello } from './hello.js';
import type { Logger } from './logger.js';
import { oneLine } from './logger.js';
import { RateLimitedLog } from './rateLimitedLog.js';
import type { Stream, StreamNetwork, StreamServer } from './stream.js';
import type { TransportStats } from './transportStats.js';

/** What {@link inboundLinks} needs: the transport's options, resolved (see `TransportOptions`). */
export interface InboundLinkOptions<M> {
  readonly self: string;
  readonly network: StreamNetwork;
  readonly codec: FrameCodec<M>;
  /** Called with each message received, in order per link; returning `false` refuses it (see `TransportOptions`). */
  readonly onMessage: (from: string, message: M) => unknown;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The transport's counters, shared with its outbound side. */
  readonly stats: TransportStats;
  readonly maxFrameSize: number;
  readonly frameDeadline: number;
  readonly idleTimeout: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerPeer: number;
  readonly maxBufferedBytes: number;
  readonly reportInterval: number;
  /** Whether the transport is closing or closed (then nothing more is accepted, read or reported). */
  readonly isClosed: () => boolean;
}

/** The inbound side of a transport (see the module documentation). */
export interface InboundLinks {
  /** Starts accepting connections at `address`; resolves with the address bound. */
  listen(address: Address): Promise<Address>;
  /** Closes every accepted connection silently, then stops listening. */
  close(): Promise<void>;
}

/** One accepted connection, as the limits see it. */
interface Inbound {
  readonly stream: Stream;
  /** The claimed peer id, once the hello arrived. */
  from: string | null;
  /** Closes the connection for a limit: counts it and reports it (rate-limited). */
  evict(reason: 'peer', line: string): void;
  /** Closes the connection silently and frees what it held (the transport is closing). */
  drop(): void;
}

/** Creates the inbound side of a transport; it does nothing until `listen`. */
export function inboundLinks<M>(options: InboundLinkOptions<M>): InboundLinks {
  const { self, network, codec, onMessage, logger, clock, stats, isClosed } = options;
  const { maxFrameSize, frameDeadline, idleTimeout, maxConnections, maxConnectionsPerPeer, maxBufferedBytes, reportInterval } = options;
  const servers: StreamServer[] = [];
  const incoming = new Map<Stream, Inbound>();
  /** The identified connections of each claimed peer id, oldest first. */
  const byPeer = new Map<string, Inbound[]>();
  const budget = new ByteBudget(maxBufferedBytes);
  const limited = new RateLimitedLog(logger, clock, reportInterval);
  // A certified peer that claims another node's id is an attack, and may repeat it at will.
  const impostor = (line: string): void => limited.warn('impostor', line);

  function accept(stream: Stream): void {
    if (isClosed()) return stream.close();
    if (incoming.size >= maxConnections) {
      stats.connectionCapped++;
      limited.warn('connections', `${self}: closed connection from ${stream.remote} on arrival: ${maxConnections} connections are open (maxConnections)`);
      return stream.close();
    }
    stats.accepted++;
    const decoder = new FrameDecoder(maxFrameSize);
    /** This connection's share of the node's buffered-bytes budget. */
    let held = 0;
    let done = false;
    const conn: Inbound = {
      stream,
      from: null,
      evict: (reason, line) => limit(reason, line),
      drop: () => {
        if (done) return;
        finish();
        stream.close();
      },
    };
    incoming.set(stream, conn);
    stats.open = incoming.size;
    const who = (): string => (conn.from === null ? `unidentified peer at ${stream.remote}` : `${conn.from} (${stream.remote})`);
    /** Forgets the connection everywhere and frees what it held; the caller then closes or has seen it closed. */
    const finish = (): void => {
      done = true;
      watchdog.stop();
      decoder.reset();
      budget.resize(held, 0);
      held = 0;
      stats.buffered = budget.used;
      incoming.delete(stream);
      stats.open = incoming.size;
      if (conn.from !== null) {
        const list = byPeer.get(conn.from);
        const at = list ? list.indexOf(conn) : -1;
        if (at >= 0) list!.splice(at, 1);
        if (list && list.length === 0) byPeer.delete(conn.from);
      }
    };
    const reject = (reason: string, warn: (line: string) => void = (line) => logger.warn(line)): void => {
      if (done) return;
      finish();
      stats.rejected++;
      warn(`${self}: closed connection from ${who()}: ${oneLine(reason)}`);
      stream.close();
    };
    /** Closes the connection for a limit: counted, and reported at most once per `reportInterval` per limit. */
    const limit = (reason: Expiry | 'peer' | 'buffer', line: string): void => {
      if (done) return;
      finish();
      if (reason === 'hello' || reason === 'frame') stats.deadlineClosed++;
      else if (reason === 'idle') stats.idleClosed++;
      else if (reason === 'peer') stats.peerCapped++;
      else stats.bufferCapped++;
      limited.warn(reason, line);
      stream.close();
    };
    const watchdog = new ConnectionWatchdog(clock, frameDeadline, idleTimeout, (expiry) => {
      const base = `${self}: closed connection from ${who()}: `;
      if (expiry === 'hello') {
        limit(expiry, `${base}no hello within ${frameDeadline} ms (frameDeadline)${decoder.buffered > 0 ? `; it sent ${decoder.describePartial()} of one` : ''}`);
      } else if (expiry === 'frame') {
        limit(expiry, `${base}a frame not whole ${frameDeadline} ms after its first byte (frameDeadline; ${decoder.describePartial()})`);
      } else {
        limit(expiry, `${base}idle: no frame for ${idleTimeout} ms (idleTimeout)`);
      }
    });
    stream.onData((chunk) => {
      if (done) return;
      const frames = decoder.push(chunk);
      for (const f of frames) {
        if (f.length === 0) continue; // a keepalive: it only proves the link alive
        if (conn.from === null) {
          const h = decodeHello(f);
          if ('error' in h) return reject(h.error);
          // On an authenticating network (TLS) the hello must name the node the certificate names.
          if (stream.verifiedPeer !== undefined && h.id !== stream.verifiedPeer) return reject(`hello as ${JSON.stringify(h.id.slice(0, 64))} from a peer whose certificate is ${stream.verifiedPeer}`, impostor);
          conn.from = h.id;
          watchdog.hello();
          logger.info(`${self}: ${h.id} connected from ${stream.remote}`);
          identify(conn);
          continue;
        }
        let message: M;
        try {
          message = codec.decode(f);
        } catch (e) {
          return reject(`malformed frame: ${e instanceof Error ? e.message : String(e)}`);
        }
        stats.received++;
        if (onMessage(conn.from, message) === false) return reject('a message the node refused');
        if (done || isClosed()) return;
      }
      if (decoder.failure) return reject(decoder.failure.message);
      const next = decoder.buffered;
      if (!budget.resize(held, next)) {
        return limit(
          'buffer',
          `${self}: closed connection from ${who()}: its incomplete frame (${decoder.describePartial()}) would take the bytes buffered across all connections beyond ${maxBufferedBytes} (maxBufferedBytes)`,
        );
      }
      held = next;
      stats.buffered = budget.used;
      stats.peakBuffered = budget.peak;
      watchdog.received(frames.length, next > 0);
    });
    stream.onClose((error) => {
      if (done) return;
      const partial = decoder.buffered > 0 ? decoder.describePartial() : null;
      finish();
      if (isClosed()) return;
      if (partial !== null) {
        stats.rejected++;
        logger.warn(`${self}: connection from ${who()} closed mid-frame (truncated: ${partial})`);
      } else {
        logger.info(`${self}: connection from ${who()} closed${error ? `: ${oneLine(error.message)}` : ''}`);
      }
    });
  }

  /** Files an identified connection under its peer id, closing that peer's oldest beyond `maxConnectionsPerPeer`. */
  function identify(conn: Inbound): void {
    const peer = conn.from!;
    const list = byPeer.get(peer) ?? [];
    byPeer.set(peer, list);
    list.push(conn);
    // Each eviction removes the oldest from the list; counting down keeps the loop bounded regardless.
    for (let excess = list.length - maxConnectionsPerPeer; excess > 0; excess--) {
      const oldest = list[0]!;
      oldest.evict(
        'peer',
        `${self}: closed the oldest connection from ${peer} (${oldest.stream.remote}): a newer one makes ${list.length} from that peer (maxConnectionsPerPeer ${maxConnectionsPerPeer})`,
      );
    }
  }

  return {
    async listen(address) {
      const server = await network.listen(address, accept);
      servers.push(server);
      logger.info(`${self}: listening on ${formatAddress(server.address)}`);
      return server.address;
    },
    async close() {
      for (const conn of [...incoming.values()]) conn.drop();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}
