/**
 * The soak's attacker: a local process without any node's key that connects to the nodes' loopback ports
 * and sends malformed and forged frames, one connection per attempt. A node must refuse every one of them
 * — close the connection — and keep serving its peers.
 *
 * Kinds of attempt (picked at random from the seed):
 * - `garbage`: random bytes;
 * - `bad-hello`: a frame whose hello has the wrong magic;
 * - `oversized`: a hello claiming to be the coordinator, then a length field of 2^31;
 * - `forged-clock`: a hello claiming to be the coordinator, then a well-formed envelope of a `Decision`
 *   whose vector clock claims 2^31 - 1 of the receiver's own steps (the frame that once crashed a node
 *   for good);
 * - `tls-no-cert` (only when the links are TLS): a TLS client without a certificate.
 *
 * On mutual-TLS links every plain-TCP attempt fails at the handshake; on insecure links the transport and
 * the node refuse them. An attempt counts as refused when the node closes the connection (or the handshake
 * fails) within `patience` ms.
 *
 * @example
 * ```ts
 * const a = startAttacker({ targets: () => ports, seed: 7, everyMs: 100, envelope });
 * ...
 * const { sent, refused } = await a.stop();
 * ```
 *
 * @module
 */
import { connect as tcpConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { encodeHello, prng } from '../impl/transport/index.js';

/** A node's TCP port on loopback. */
export interface Target {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** Options of {@link startAttacker}. */
export interface AttackerOptions {
  /** The nodes to attack now (their ports change when a node restarts on a new one). */
  readonly targets: () => readonly Target[];
  readonly seed: number;
  /** Milliseconds between attempts. */
  readonly everyMs: number;
  /** The payload of a well-formed envelope whose clock is forged, for `forged-clock`. */
  readonly forgedEnvelope: Uint8Array;
  /** The name the forged hellos claim (the coordinator's). */
  readonly claim: string;
  /** Whether the links are TLS (adds `tls-no-cert`). */
  readonly tls: boolean;
  /**
   * How long a node may take to close an attempt's connection, ms: above the transport's frame deadline
   * and the TLS handshake timeout (10 s each), since bytes that look like the start of a TLS record or of a
   * frame are, rightly, waited for until then. @defaultValue 15000
   */
  readonly patience?: number;
}

/** What the attacker did, by kind. */
export interface AttackStats {
  sent: number;
  refused: number;
  /** Attempts a node did not close within the patience: each one a hole. */
  accepted: number;
  /** What each accepted attempt was (`oversized to P2 at 12.3 s`), for the report. */
  acceptedDetails: string[];
  /** Attempts that found no node listening (the node was down): neither refused nor accepted. */
  unreachable: number;
  byKind: Record<string, { sent: number; refused: number }>;
}

const frame = (payload: Uint8Array): Uint8Array => {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length);
  out.set(payload, 4);
  return out;
};

/** Starts attacking; `stop` waits for the attempts in flight and returns the counts. */
export function startAttacker(o: AttackerOptions): { stop(): Promise<AttackStats> } {
  const random = prng(o.seed, 'attacker');
  const patience = o.patience ?? 15_000;
  const stats: AttackStats = { sent: 0, refused: 0, accepted: 0, acceptedDetails: [], unreachable: 0, byKind: {} };
  const t0 = Date.now();
  const kinds = ['garbage', 'bad-hello', 'oversized', 'forged-clock', ...(o.tls ? ['tls-no-cert'] : [])];
  const hello = frame(encodeHello(o.claim));
  const bytesOf = (kind: string): Uint8Array => {
    switch (kind) {
      case 'garbage':
        return Uint8Array.from({ length: 32 + Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      case 'bad-hello': {
        const h = hello.slice();
        h[4] = 0x58;
        return h;
      }
      case 'oversized':
        return Uint8Array.from([...hello, 0x80, 0, 0, 0, 1, 2, 3]);
      default:
        return Uint8Array.from([...hello, ...frame(o.forgedEnvelope)]);
    }
  };
  const inFlight = new Set<Promise<void>>();
  const attempt = (t: Target, kind: string): Promise<void> =>
    new Promise<void>((resolve) => {
      let connected = false;
      let settled = false;
      const started = Date.now();
      const socket: Socket =
        kind === 'tls-no-cert' ? tlsConnect({ host: t.host, port: t.port, rejectUnauthorized: false, minVersion: 'TLSv1.3' }) : tcpConnect({ host: t.host, port: t.port });
      const finish = (outcome: 'refused' | 'accepted' | 'unreachable'): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        const k = (stats.byKind[kind] ??= { sent: 0, refused: 0 });
        if (outcome === 'unreachable') stats.unreachable++;
        else {
          stats.sent++;
          k.sent++;
          if (outcome === 'refused') (stats.refused++, k.refused++);
          else (stats.accepted++, stats.acceptedDetails.push(`${kind} to ${t.name} at ${((started - t0) / 1000).toFixed(1)} s`));
        }
        resolve();
      };
      const timer = setTimeout(() => finish(connected ? 'accepted' : 'unreachable'), patience);
      socket.once(kind === 'tls-no-cert' ? 'secureConnect' : 'connect', () => {
        connected = true;
        socket.write(kind === 'tls-no-cert' ? Uint8Array.from([...hello, ...frame(o.forgedEnvelope)]) : bytesOf(kind));
      });
      if (kind === 'tls-no-cert') socket.once('connect', () => (connected = true));
      socket.on('data', () => {});
      socket.once('error', (e: NodeJS.ErrnoException) => finish(!connected && e.code === 'ECONNREFUSED' ? 'unreachable' : 'refused'));
      socket.once('close', () => finish(connected ? 'refused' : 'unreachable'));
    });
  const tick = setInterval(() => {
    const targets = o.targets();
    if (targets.length === 0) return;
    const t = targets[Math.floor(random() * targets.length)]!;
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const p = attempt(t, kind);
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  }, o.everyMs);
  return {
    async stop() {
      clearInterval(tick);
      await Promise.all([...inFlight]);
      return stats;
    },
  };
}
