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
import type { Clock, TimerHandle } from './clock.js';
import { systemClock } from './clock.js';
import { LinkFaults } from './faults.js';
import type { FaultPlan } from './faults.js';
import type { FrameCodec } from './frameCodec.js';
import { ByteBudget } from './byteBudget.js';
import { ConnectionWatchdog } from './connectionWatchdog.js';
import type { Expiry } from './connectionWatchdog.js';
import { FRAME_HEADER, FrameDecoder, encodeFrame } from './framing.js';
import { decodeHello, encodeHello } from './hello.js';
import type { Logger } from './logger.js';
import { oneLine, silentLogger } from './logger.js';
import { RateLimitedLog } from './rateLimitedLog.js';
import type { Stream, StreamNetwork, StreamServer } from './stream.js';
import { TRANSPORT_DEFAULTS } from './transportDefaults.js';

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

interface Delayed {
  readonly at: number;
  readonly seq: number;
  readonly frame: Uint8Array;
}

interface Link {
  readonly peer: string;
  readonly address: Address;
  stream: Stream | null;
  state: 'connecting' | 'open' | 'waiting' | 'closed';
  queue: Uint8Array[];
  attempt: number;
  retry: TimerHandle | null;
  readonly faults: LinkFaults | null;
  delayed: Delayed[];
  release: { timer: TimerHandle; at: number } | null;
  overflowReported: boolean;
  /** When a byte was last handed to the link's connection (for keepalives). */
  lastWrite: number;
  keepalive: TimerHandle | null;
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

/** A zero-length frame: a keepalive, which the receiver skips. */
const KEEPALIVE = new Uint8Array(FRAME_HEADER);

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
  const hello = encodeFrame(encodeHello(self));
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
  const links = new Map<string, Link>();
  const servers: StreamServer[] = [];
  const incoming = new Map<Stream, Inbound>();
  /** The identified connections of each claimed peer id, oldest first. */
  const byPeer = new Map<string, Inbound[]>();
  const budget = new ByteBudget(maxBufferedBytes);
  const limited = new RateLimitedLog(logger, clock, reportInterval);
  let closed = false;
  let delayedSeq = 0;
  // A certified peer that claims another node's id is an attack, and may repeat it at will.
  const impostor = (line: string): void => limited.warn('impostor', line);

  const checkKind = (call: string, address: Address): void => {
    if (address.kind !== network.kind) {
      throw new TypeError(`Transport.${call}: this transport runs over ${network.kind}, got ${formatAddress(address)}`);
    }
  };

  // ---- receiving --------------------------------------------------------------------------------------

  function accept(stream: Stream): void {
    if (closed) return stream.close();
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
        if (done || closed) return;
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
      if (closed) return;
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

  // ---- sending ----------------------------------------------------------------------------------------

  function dial(link: Link): void {
    link.state = 'connecting';
    link.retry = null;
    network.dial(link.address, link.peer).then(
      (stream) => {
        if (closed || link.state === 'closed') return stream.close();
        link.stream = stream;
        link.state = 'open';
        stats.connects++;
        logger.info(`${self}: link to ${link.peer} at ${formatAddress(link.address)} established${link.attempt > 0 ? ` after ${link.attempt} retries` : ''}`);
        link.attempt = 0;
        link.overflowReported = false;
        stream.onData(() => {
          // The other end only receives on this connection; anything it sends is a protocol violation.
          logger.warn(`${self}: closed link to ${link.peer}: it sent data on a send-only connection`);
          stream.close();
        });
        stream.onClose((error) => {
          if (link.stream !== stream) return;
          link.stream = null;
          stopKeepalive(link);
          if (closed || link.state === 'closed') return;
          logger.warn(`${self}: link to ${link.peer} lost${error ? `: ${oneLine(error.message)}` : ''}; reconnecting`);
          retry(link);
        });
        write(link, stream, hello);
        const queued = link.queue;
        link.queue = [];
        for (const f of queued) write(link, stream, f);
        armKeepalive(link, stream);
      },
      (error: Error) => {
        if (closed || link.state === 'closed') return;
        if (link.attempt === 0) {
          logger.warn(`${self}: cannot reach ${link.peer} at ${formatAddress(link.address)}: ${oneLine(error.message)}; retrying with backoff`);
        }
        retry(link);
      },
    );
  }

  /** Hands bytes to the link's connection, noting when (a link that sends needs no keepalive). */
  function write(link: Link, stream: Stream, bytes: Uint8Array): void {
    link.lastWrite = clock.now();
    stream.write(bytes);
  }

  /** Sends a keepalive whenever `keepaliveInterval` passes without a write, while `stream` is the link's. */
  function armKeepalive(link: Link, stream: Stream): void {
    const due = link.lastWrite + keepaliveInterval;
    link.keepalive = clock.setTimer(due - clock.now(), () => {
      link.keepalive = null;
      if (link.stream !== stream || link.state !== 'open') return;
      if (clock.now() >= link.lastWrite + keepaliveInterval) {
        stats.keepalives++;
        write(link, stream, KEEPALIVE);
      }
      armKeepalive(link, stream);
    });
  }

  function stopKeepalive(link: Link): void {
    if (link.keepalive) clock.clearTimer(link.keepalive);
    link.keepalive = null;
  }

  function retry(link: Link): void {
    const delay = Math.min(backoff.max, backoff.initial * backoff.factor ** link.attempt);
    link.attempt++;
    link.state = 'waiting';
    link.retry = clock.setTimer(delay, () => dial(link));
  }

  /** Hands a frame to the link's connection, or queues it while the link is down. */
  function transmit(link: Link, frame: Uint8Array): void {
    if (link.state === 'open' && link.stream) return write(link, link.stream, frame);
    if (link.queue.length >= queueLimit) {
      link.queue.shift();
      stats.overflowed++;
      if (!link.overflowReported) {
        link.overflowReported = true;
        logger.warn(`${self}: queue to ${link.peer} full (${queueLimit} frames) while the link is down; dropping the oldest`);
      }
    }
    link.queue.push(frame);
  }

  /** Releases the delayed frames that are due, in (time, send order), and waits for the next one. */
  function releaseDue(link: Link, firedFor: number): void {
    link.release = null;
    const now = Math.max(clock.now(), firedFor);
    while (link.delayed.length > 0 && link.delayed[0]!.at <= now) transmit(link, link.delayed.shift()!.frame);
    armRelease(link);
  }

  function armRelease(link: Link): void {
    const next = link.delayed[0];
    if (!next || (link.release && link.release.at <= next.at)) return;
    if (link.release) clock.clearTimer(link.release.timer);
    const at = next.at;
    link.release = { at, timer: clock.setTimer(at - clock.now(), () => releaseDue(link, at)) };
  }

  function hold(link: Link, at: number, frame: Uint8Array): void {
    const d: Delayed = { at, seq: delayedSeq++, frame };
    let i = link.delayed.length;
    while (i > 0 && link.delayed[i - 1]!.at > at) i--;
    link.delayed.splice(i, 0, d);
    armRelease(link);
  }

  function dropLink(link: Link): void {
    link.state = 'closed';
    if (link.retry) clock.clearTimer(link.retry);
    if (link.release) clock.clearTimer(link.release.timer);
    stopKeepalive(link);
    link.stream?.close();
    link.stream = null;
  }

  return {
    self,
    stats,
    async listen(address) {
      checkKind('listen', address);
      if (closed) throw new Error(`Transport.listen: transport ${self} is closed`);
      const server = await network.listen(address, accept);
      servers.push(server);
      logger.info(`${self}: listening on ${formatAddress(server.address)}`);
      return server.address;
    },
    connect(peer, address) {
      checkKind('connect', address);
      if (closed) throw new Error(`Transport.connect: transport ${self} is closed`);
      const old = links.get(peer);
      if (old) {
        if (formatAddress(old.address) === formatAddress(address)) return;
        dropLink(old);
      }
      const link: Link = {
        peer,
        address,
        stream: null,
        state: 'connecting',
        queue: old ? old.queue : [],
        attempt: 0,
        retry: null,
        faults: ((plan) => (plan ? new LinkFaults(plan, `${self}->${peer}`) : null))(options.linkFaults?.(peer) ?? options.faults),
        delayed: [],
        release: null,
        overflowReported: false,
        lastWrite: 0,
        keepalive: null,
      };
      links.set(peer, link);
      dial(link);
    },
    send(peer, message) {
      const link = links.get(peer);
      if (!link) throw new Error(`Transport.send: unknown peer ${JSON.stringify(peer)}; connected peers: ${[...links.keys()].join(', ') || 'none'}`);
      if (closed) throw new Error(`Transport.send: transport ${self} is closed`);
      const payload = codec.encode(message);
      if (payload.length > maxFrameSize) throw new RangeError(`Transport.send: message of ${payload.length} bytes exceeds maxFrameSize ${maxFrameSize}`);
      if (payload.length === 0) throw new RangeError('Transport.send: an empty payload cannot be sent (a zero-length frame is a keepalive)');
      const frame = encodeFrame(payload);
      stats.sent++;
      if (!link.faults) return transmit(link, frame);
      const now = clock.now();
      const times = link.faults.schedule(now);
      if (times.length === 0) stats.lost++;
      stats.duplicated += Math.max(0, times.length - 1);
      for (const at of times) {
        if (at <= now) transmit(link, frame);
        else hold(link, at, frame);
      }
    },
    isConnected(peer) {
      return links.get(peer)?.state === 'open';
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const link of links.values()) dropLink(link);
      links.clear();
      for (const conn of [...incoming.values()]) conn.drop();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}
