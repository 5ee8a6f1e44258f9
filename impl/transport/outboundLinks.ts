/**
 * The outbound side of a transport: one link to each peer it sends to, each connecting (and reconnecting,
 * with exponential backoff), sending the hello, then the frames — queued while the link is down, held back
 * when an injected fault delays them — and a keepalive whenever the link has been quiet.
 *
 * A link's frames leave in order. While it is down they wait in a queue of at most `queueLimit` (beyond it
 * the oldest are dropped and counted), and are written, in order, once it is re-established; frames
 * already written to a connection that then breaks may be lost. With a fault plan (`faults.ts`) a frame
 * may be lost, duplicated or delayed; delayed frames are released in (time, send order). Nothing is
 * expected back on an outbound connection: a peer that sends on one is closed.
 *
 * @example
 * ```ts
 * const outbound = outboundLinks({ self: 'rm1', network: tcpNetwork, codec: rawFrames, logger, clock, stats,
 *   maxFrameSize, keepaliveInterval, backoff, queueLimit, isClosed: () => false });
 * outbound.connect('tm', parseAddress('tcp://127.0.0.1:7000'));
 * outbound.send('tm', new Uint8Array([1]));
 * ```
 *
 * @module
 */
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import type { Clock, TimerHandle } from './clock.js';
import { LinkFaults } from './faults.js';
import type { FaultPlan } from './faults.js';
import type { FrameCodec } from './frameCodec.js';
import { FRAME_HEADER, encodeFrame } from './framing.js';
import { encodeHello } from './hello.js';
import type { Logger } from './logger.js';
import { oneLine } from './logger.js';
import type { Stream, StreamNetwork } from './stream.js';
import type { TransportStats } from './transportStats.js';

/** What {@link outboundLinks} needs: the transport's options, resolved (see `TransportOptions`). */
export interface OutboundLinkOptions<M> {
  readonly self: string;
  readonly network: StreamNetwork;
  readonly codec: FrameCodec<M>;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The transport's counters, shared with its inbound side. */
  readonly stats: TransportStats;
  readonly maxFrameSize: number;
  readonly keepaliveInterval: number;
  readonly backoff: { readonly initial: number; readonly factor: number; readonly max: number };
  readonly queueLimit: number;
  /** Faults to inject on every link, unless `linkFaults` gives the link its own plan. */
  readonly faults: FaultPlan | undefined;
  /** Faults for one link, by peer. */
  readonly linkFaults: ((peer: string) => FaultPlan | undefined) | undefined;
  /** Whether the transport is closing or closed (then nothing more is dialled or sent). */
  readonly isClosed: () => boolean;
}

/** The outbound side of a transport (see the module documentation and `Transport`). */
export interface OutboundLinks<M> {
  /** Declares the link to `peer` at `address` and starts connecting; another address moves the link. */
  connect(peer: string, address: Address): void;
  /** Sends `message` to `peer`; throws for an unknown peer, a closed transport or a frame it cannot send. */
  send(peer: string, message: M): void;
  /** Whether the link to `peer` is currently established. */
  isConnected(peer: string): boolean;
  /** Closes every link and cancels its timers; queued and delayed frames are dropped. */
  close(): void;
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

/** A zero-length frame: a keepalive, which the receiver skips. */
const KEEPALIVE = new Uint8Array(FRAME_HEADER);

/** Creates the outbound side of a transport; it does nothing until `connect`. */
export function outboundLinks<M>(options: OutboundLinkOptions<M>): OutboundLinks<M> {
  const { self, network, codec, logger, clock, stats, maxFrameSize, keepaliveInterval, backoff, queueLimit, isClosed } = options;
  const hello = encodeFrame(encodeHello(self));
  const links = new Map<string, Link>();
  let delayedSeq = 0;

  function dial(link: Link): void {
    link.state = 'connecting';
    link.retry = null;
    network.dial(link.address, link.peer).then(
      (stream) => {
        if (isClosed() || link.state === 'closed') return stream.close();
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
          if (isClosed() || link.state === 'closed') return;
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
        if (isClosed() || link.state === 'closed') return;
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
    connect(peer, address) {
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
      if (isClosed()) throw new Error(`Transport.send: transport ${self} is closed`);
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
    close() {
      for (const link of links.values()) dropLink(link);
      links.clear();
    },
  };
}
