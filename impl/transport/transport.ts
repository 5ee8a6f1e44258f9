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
 * than `maxFrameSize`, a payload the codec rejects, a frame left incomplete for `stallTimeout` — is closed
 * with one `warn` line naming the peer and the reason, and the node keeps serving every other connection.
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
import { FrameDecoder, encodeFrame } from './framing.js';
import { decodeHello, encodeHello } from './hello.js';
import type { Logger } from './logger.js';
import { oneLine, silentLogger } from './logger.js';
import { rateLimited } from './rateLimit.js';
import type { Stream, StreamNetwork, StreamServer } from './stream.js';

/** Options of {@link createTransport}. */
export interface TransportOptions<M> {
  /** This node's identity, sent to every peer it dials (1..255 bytes of UTF-8). */
  readonly self: string;
  /** The kind of network: `tcpNetwork`, `unixNetwork` or a `MemoryNetwork`. */
  readonly network: StreamNetwork;
  /** Messages to payloads and back (`schemaFrames(schema)`, or `rawFrames`). */
  readonly codec: FrameCodec<M>;
  /** Called with each message received, in order per link, with the sending peer's identity. */
  readonly onMessage: (from: string, message: M) => void;
  /**
   * Where one-line reports go.
   * @defaultValue a logger that discards them
   */
  readonly logger?: Logger;
  /**
   * The largest frame payload, in bytes, sent or accepted.
   * @defaultValue 1 MiB
   */
  readonly maxFrameSize?: number;
  /**
   * An incoming connection with an incomplete frame (or no hello yet) that receives nothing for this many
   * milliseconds is closed.
   * @defaultValue 10000
   */
  readonly stallTimeout?: number;
  /**
   * Delays between reconnection attempts: `initial · factor^k` milliseconds, at most `max`.
   * @defaultValue `{ initial: 50, factor: 2, max: 2000 }`
   */
  readonly backoff?: { readonly initial?: number; readonly factor?: number; readonly max?: number };
  /**
   * The most frames queued on a link while it is down; beyond it the oldest are dropped (and counted).
   * @defaultValue 10000
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
   * The clock for backoff, injected delays and stall timeouts.
   * @defaultValue `systemClock`
   */
  readonly clock?: Clock;
}

/** Counters of a transport since it was created. */
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
  /** Incoming connections closed for malformed input (bad hello, oversized, undecodable, stalled, truncated). */
  rejected: number;
  /** Outgoing links established (first connections and reconnections). */
  connects: number;
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
  const maxFrameSize = positive('maxFrameSize', options.maxFrameSize ?? 1 << 20, 1);
  const stallTimeout = positive('stallTimeout', options.stallTimeout ?? 10_000, 1);
  const backoff = {
    initial: positive('backoff.initial', options.backoff?.initial ?? 50, 0),
    factor: positive('backoff.factor', options.backoff?.factor ?? 2, 1),
    max: positive('backoff.max', options.backoff?.max ?? 2000, 0),
  };
  const queueLimit = positive('queueLimit', options.queueLimit ?? 10_000, 1);
  const hello = encodeFrame(encodeHello(self));
  const stats: TransportStats = { sent: 0, received: 0, lost: 0, duplicated: 0, overflowed: 0, accepted: 0, rejected: 0, connects: 0 };
  const links = new Map<string, Link>();
  const servers: StreamServer[] = [];
  const incoming = new Set<Stream>();
  let closed = false;
  let delayedSeq = 0;
  // A certified peer that claims another node's id is an attack, and may repeat it at will.
  const impostor = rateLimited((line) => logger.warn(line));

  const checkKind = (call: string, address: Address): void => {
    if (address.kind !== network.kind) {
      throw new TypeError(`Transport.${call}: this transport runs over ${network.kind}, got ${formatAddress(address)}`);
    }
  };

  // ---- receiving --------------------------------------------------------------------------------------

  function accept(stream: Stream): void {
    if (closed) return stream.close();
    stats.accepted++;
    incoming.add(stream);
    const decoder = new FrameDecoder(maxFrameSize);
    let from: string | null = null;
    let done = false;
    let stall: TimerHandle | null = null;
    const who = (): string => (from === null ? `unidentified peer at ${stream.remote}` : `${from} (${stream.remote})`);
    const reject = (reason: string, warn: (line: string) => void = (line) => logger.warn(line)): void => {
      if (done) return;
      done = true;
      stats.rejected++;
      if (stall) clock.clearTimer(stall);
      warn(`${self}: closed connection from ${who()}: ${oneLine(reason)}`);
      stream.close();
    };
    const armStall = (): void => {
      if (stall) clock.clearTimer(stall);
      stall = null;
      if (from === null || decoder.buffered > 0) {
        stall = clock.setTimer(stallTimeout, () => {
          stall = null;
          reject(`stalled: nothing received for ${stallTimeout} ms with ${from === null ? 'no hello yet' : `an incomplete frame (${decoder.describePartial()})`}`);
        });
      }
    };
    armStall();
    stream.onData((chunk) => {
      if (done) return;
      for (const f of decoder.push(chunk)) {
        if (from === null) {
          const h = decodeHello(f);
          if ('error' in h) return reject(h.error);
          // On an authenticating network (TLS) the hello must name the node the certificate names.
          if (stream.verifiedPeer !== undefined && h.id !== stream.verifiedPeer) return reject(`hello as ${JSON.stringify(h.id.slice(0, 64))} from a peer whose certificate is ${stream.verifiedPeer}`, impostor);
          from = h.id;
          logger.info(`${self}: ${from} connected from ${stream.remote}`);
          continue;
        }
        let message: M;
        try {
          message = codec.decode(f);
        } catch (e) {
          return reject(`malformed frame: ${e instanceof Error ? e.message : String(e)}`);
        }
        stats.received++;
        onMessage(from, message);
        if (done || closed) return;
      }
      if (decoder.failure) return reject(decoder.failure.message);
      armStall();
    });
    stream.onClose((error) => {
      incoming.delete(stream);
      if (done) return;
      done = true;
      if (stall) clock.clearTimer(stall);
      if (closed) return;
      if (decoder.buffered > 0) {
        stats.rejected++;
        logger.warn(`${self}: connection from ${who()} closed mid-frame (truncated: ${decoder.describePartial()})`);
      } else {
        logger.info(`${self}: connection from ${who()} closed${error ? `: ${oneLine(error.message)}` : ''}`);
      }
    });
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
          if (closed || link.state === 'closed') return;
          logger.warn(`${self}: link to ${link.peer} lost${error ? `: ${oneLine(error.message)}` : ''}; reconnecting`);
          retry(link);
        });
        stream.write(hello);
        const queued = link.queue;
        link.queue = [];
        for (const f of queued) stream.write(f);
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

  function retry(link: Link): void {
    const delay = Math.min(backoff.max, backoff.initial * backoff.factor ** link.attempt);
    link.attempt++;
    link.state = 'waiting';
    link.retry = clock.setTimer(delay, () => dial(link));
  }

  /** Hands a frame to the link's connection, or queues it while the link is down. */
  function transmit(link: Link, frame: Uint8Array): void {
    if (link.state === 'open' && link.stream) return link.stream.write(frame);
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
      for (const s of incoming) s.close();
      incoming.clear();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}
