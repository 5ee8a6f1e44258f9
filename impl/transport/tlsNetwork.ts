/**
 * TCP streams under mutual TLS 1.3, from `node:tls`: every link is encrypted, and both ends prove with a
 * certificate from the cluster's certificate authority which node they are.
 *
 * Each node holds the cluster CA's certificate, its own key and its own certificate, whose one subject
 * alternative name `URI:interleave:node/<id>` names it (`tlsIdentity.ts`). Then:
 *
 * - **accepting**, the server asks for a client certificate and refuses (closes, with one rate-limited
 *   `warn` line) a client that sends none, or one that does not chain to the CA, or one that names no
 *   node. An accepted stream carries the certified id as {@link Stream.verifiedPeer}; the transport accepts the
 *   hello only if it names that same node (`transport.ts`), so a node can only ever speak as itself;
 * - **dialing**, the client checks that the server's certificate chains to the CA and names the node it
 *   meant to reach (`checkServerIdentity`), so frames never go to a process squatting on a peer's port.
 *
 * Only TLS 1.3 is offered or accepted (`minVersion`): no downgrade, and its handshake encrypts the
 * certificates. A handshake that does not finish within `handshakeTimeout` ms is dropped, so a connection
 * that never says anything holds nothing for long.
 *
 * @example
 * ```ts
 * const network = tlsNetwork({ credentials: loadTlsCredentials('run/tls', 'P1'), name: 'P1', logger });
 * const rm = createTransport({ self: 'P1', network, codec, onMessage });
 * ```
 *
 * @module
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import type { Socket } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import type { Logger } from './logger.js';
import { oneLine, silentLogger } from './logger.js';
import { listenOnce, socketStream } from './netNetwork.js';
import { rateLimited } from './rateLimit.js';
import { TRANSPORT_DEFAULTS } from './transportDefaults.js';
import type { Stream, StreamNetwork, StreamServer } from './stream.js';
import { certificateNodeId } from './tlsIdentity.js';

/** What a node needs for mutual TLS, as PEM text. */
export interface TlsCredentials {
  /** The cluster CA's certificate: the only issuer whose certificates are accepted. */
  readonly ca: string;
  /** This node's private key. */
  readonly key: string;
  /** This node's certificate, naming it, issued by the CA. */
  readonly cert: string;
}

/** Options of {@link tlsNetwork}. */
export interface TlsNetworkOptions {
  /** This node's key and certificate and the cluster CA's certificate (see {@link loadTlsCredentials}). */
  readonly credentials: TlsCredentials;
  /**
   * This node's id, to begin log lines with.
   * @defaultValue `'tls'`
   */
  readonly name?: string;
  /**
   * Where refused connections are reported (one `warn` line, at most one a second).
   * @defaultValue a logger that discards them
   */
  readonly logger?: Logger;
  /**
   * A TLS handshake must finish within this many milliseconds.
   * @defaultValue 10000
   */
  readonly handshakeTimeout?: number;
  /**
   * At most this many TCP connections at once, handshakes in progress included: an unauthenticated client
   * can hold a handshake open for `handshakeTimeout`, and the transport's own cap counts only connections
   * that finished one. Connections beyond it are closed on arrival.
   * @defaultValue twice the transport's `maxConnections` (512)
   */
  readonly maxConnections?: number;
}

/** The TLS version links use, and the only one they accept. */
const VERSION = 'TLSv1.3';

/** The TCP socket under an accepted TLS socket: Node keeps it as `_parent` (not a public API, so used only for log lines). */
type Wrapped = TLSSocket & { readonly _parent?: object };

/**
 * Names an accepted socket's far end for log lines. A TLS socket that failed its handshake is destroyed
 * and no longer knows its address, so the address of each TCP connection is noted when it is accepted.
 */
function remoteOf(socket: TLSSocket, noted: WeakMap<object, string>): string {
  if (socket.remoteAddress) return `${socket.remoteAddress}:${socket.remotePort}`;
  const parent = (socket as Wrapped)._parent;
  return (parent && noted.get(parent)) ?? 'an unknown address';
}

/**
 * Why a handshake failed. A client certificate that does not verify makes Node destroy the socket after
 * the handshake, so the error is only "socket hang up"; the reason is in `authorizationError`.
 */
function handshakeFailure(error: Error, socket: TLSSocket): string {
  const code: unknown = socket.authorizationError;
  if (code !== undefined && code !== null) return `its certificate is not accepted: ${String(code)} (not issued by the cluster CA?)`;
  // OpenSSL's errors carry their reason apart from a message full of codes and source paths.
  const reason: unknown = (error as Error & { reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== '' ? reason : oneLine(error.message);
}

/**
 * Coalesces the writes of one turn of the event loop into one TLS write. Every write to a TLS socket is
 * encrypted as a record of its own and costs a trip into OpenSSL and a system call; a node often sends
 * several small frames in one step (a coordinator's vote requests, a message and its retransmission), and
 * corking them until the turn ends makes that one record.
 */
function coalescing(socket: TLSSocket, stream: Stream): Stream {
  let corked = false;
  return {
    ...stream,
    write(bytes) {
      if (!corked && !socket.destroyed) {
        corked = true;
        socket.cork();
        process.nextTick(() => {
          corked = false;
          socket.uncork();
        });
      }
      stream.write(bytes);
    },
  };
}

/** TCP streams under mutual TLS 1.3 (see the module documentation); addresses are `tcp://HOST:PORT`. */
export function tlsNetwork(options: TlsNetworkOptions): StreamNetwork {
  const { ca, key, cert } = options.credentials;
  const name = options.name ?? 'tls';
  const logger = options.logger ?? silentLogger;
  const handshakeTimeout = options.handshakeTimeout ?? 10_000;
  const maxConnections = options.maxConnections ?? 2 * TRANSPORT_DEFAULTS.maxConnections;
  // One limiter for the whole network: a peer reconnecting in a loop costs one line a second, not one each.
  const refused = rateLimited((line) => logger.warn(line));
  const check = (call: string, address: Address): Extract<Address, { kind: 'tcp' }> => {
    if (address.kind !== 'tcp') throw new TypeError(`tlsNetwork.${call}: expected a tcp address, got ${formatAddress(address)}`);
    return address;
  };
  return {
    kind: 'tcp',
    async listen(address, onStream): Promise<StreamServer> {
      const at = check('listen', address);
      const noted = new WeakMap<object, string>();
      const server = createServer({ key, cert, ca, requestCert: true, rejectUnauthorized: true, minVersion: VERSION, handshakeTimeout }, (socket) => {
        // The chain was verified before this is called (rejectUnauthorized); what is left is who it names.
        const peer = certificateNodeId(socket.getPeerCertificate());
        if (peer === undefined) {
          refused(`${name}: refused a TLS connection from ${remoteOf(socket, noted)}: its certificate names no node (expected one SAN URI:interleave:node/<id>)`);
          socket.destroy();
          return;
        }
        socket.setNoDelay(true);
        onStream(coalescing(socket, socketStream(socket, remoteOf(socket, noted), peer)));
      });
      server.maxConnections = maxConnections;
      server.on('connection', (raw: Socket) => noted.set(raw, `${raw.remoteAddress}:${raw.remotePort}`));
      // A client without a certificate, with one from another CA, or speaking an older TLS: refused here.
      server.on('tlsClientError', (error, socket) => {
        refused(`${name}: refused a TLS connection from ${remoteOf(socket, noted)}: ${handshakeFailure(error, socket)}`);
        socket.destroy();
      });
      await listenOnce(server, at);
      const bound = server.address();
      const actual: Address = bound !== null && typeof bound === 'object' ? { kind: 'tcp', host: at.host, port: bound.port } : at;
      return {
        address: actual,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
    dial(address, peer): Promise<Stream> {
      const at = check('dial', address);
      if (peer === undefined) return Promise.reject(new TypeError(`tlsNetwork.dial: the node expected at ${formatAddress(address)} must be given`));
      return new Promise((resolve, reject) => {
        const socket = connect({
          host: at.host,
          port: at.port,
          key,
          cert,
          ca,
          minVersion: VERSION,
          // Called once the chain is verified: the server must be the node this link is for.
          checkServerIdentity: (_host: string, c: PeerCertificate) => {
            const id = certificateNodeId(c);
            return id === peer ? undefined : new Error(`tls: ${formatAddress(address)} presented a certificate for ${id === undefined ? 'no node' : `node ${id}`}, not ${peer}`);
          },
        });
        socket.once('error', reject);
        socket.once('secureConnect', () => {
          socket.off('error', reject);
          socket.setNoDelay(true);
          resolve(coalescing(socket, socketStream(socket, formatAddress(address), peer)));
        });
      });
    },
  };
}

/** The PEM files a node reads from a TLS folder: the CA's certificate, its key and its certificate. */
export function tlsFilesOf(dir: string, node: string): { readonly ca: string; readonly key: string; readonly cert: string } {
  return { ca: join(dir, 'ca.pem'), key: join(dir, `${node}.key`), cert: join(dir, `${node}.pem`) };
}

/**
 * Reads node `node`'s credentials from `dir` (`ca.pem`, `<node>.key`, `<node>.pem`) and checks them
 * before any connection is made: the certificate must name `node`, be issued by the CA and match the
 * key. Throws an
 * `Error` with a one-line message naming the file otherwise.
 */
export function loadTlsCredentials(dir: string, node: string): TlsCredentials {
  const files = tlsFilesOf(dir, node);
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`tls: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const credentials = { ca: read(files.ca), key: read(files.key), cert: read(files.cert) };
  const parse = (path: string, pem: string): X509Certificate => {
    try {
      return new X509Certificate(pem);
    } catch (e) {
      throw new Error(`tls: ${path} is not a PEM certificate: ${oneLine((e as Error).message)}`);
    }
  };
  const caCert = parse(files.ca, credentials.ca);
  const own = parse(files.cert, credentials.cert);
  const id = certificateNodeId({ subjectaltname: own.subjectAltName });
  if (id !== node) throw new Error(`tls: ${files.cert} names ${id === undefined ? 'no node' : `node ${id}`} (SAN ${own.subjectAltName ?? 'none'}), not ${node}`);
  if (!own.checkIssued(caCert) || !own.verify(caCert.publicKey)) throw new Error(`tls: ${files.cert} is not issued by the CA of ${files.ca}`);
  let matches = false;
  try {
    matches = own.checkPrivateKey(createPrivateKey(credentials.key));
  } catch (e) {
    throw new Error(`tls: ${files.key} is not a PEM private key: ${oneLine((e as Error).message)}`);
  }
  if (!matches) throw new Error(`tls: ${files.key} is not the key of ${files.cert}`);
  return credentials;
}
