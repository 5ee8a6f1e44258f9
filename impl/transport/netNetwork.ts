/**
 * TCP and Unix domain socket streams, from `node:net`.
 *
 * Both are stream sockets with the same API in Node, so one adapter serves both kinds of address. TCP
 * sockets get `TCP_NODELAY`: frames are small and latency matters more than packing bytes. A Unix socket
 * path left behind by a killed process makes `listen` fail with `EADDRINUSE`; the adapter then probes the
 * path and, if nothing answers, removes the stale file and listens again — a restarted node must be able to
 * take its address back after a real crash. A Unix socket gets mode 0600 once it is bound: a socket file's
 * mode is what lets another local user connect.
 *
 * @module
 */
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { chmod, lstat, unlink } from 'node:fs/promises';
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import type { Stream, StreamNetwork, StreamServer } from './stream.js';

/**
 * Wraps a connected socket (a TLS socket too) as a {@link Stream}; `peer` is the node the socket's
 * certificate authenticated, if any.
 */
export function socketStream(socket: Socket, remote: string, peer?: string): Stream {
  let error: Error | undefined;
  let closeHandler: ((error?: Error) => void) | undefined;
  let closed = false;
  socket.on('error', (e) => (error = e));
  socket.on('close', () => {
    closed = true;
    closeHandler?.(error);
  });
  return {
    remote,
    ...(peer !== undefined ? { verifiedPeer: peer } : {}),
    write(bytes) {
      if (!socket.destroyed) socket.write(bytes);
    },
    close() {
      socket.destroy();
    },
    onData(handler) {
      // Attaching the 'data' listener switches the socket to flowing mode: no chunk is missed before it.
      socket.on('data', (chunk: Buffer) => handler(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    },
    onClose(handler) {
      closeHandler = handler;
      if (closed) handler(error);
    },
  };
}

let accepted = 0;

/** Names the far end of an accepted socket; a Unix socket's peer has no address, so it gets a number. */
function remoteOf(socket: Socket, address: Address): string {
  if (address.kind === 'unix') return `unix:${address.path}#${++accepted}`;
  return socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : formatAddress(address);
}

/** Starts `server` listening at a TCP or Unix `address`; rejects with the listen error (`EADDRINUSE`). */
export function listenOnce(server: Server, address: Address): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (address.kind === 'tcp') server.listen({ host: address.host, port: address.port }, done);
    else if (address.kind === 'unix') server.listen(address.path, done);
  });
}

/** Resolves true if something accepts connections at the Unix socket `path`. */
function unixAlive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function netNetwork(kind: 'tcp' | 'unix'): StreamNetwork {
  const check = (call: string, address: Address): void => {
    if (address.kind !== kind) throw new TypeError(`${kind}Network.${call}: expected a ${kind} address, got ${formatAddress(address)}`);
  };
  return {
    kind,
    async listen(address, onStream): Promise<StreamServer> {
      check('listen', address);
      const server = createServer((socket) => {
        if (kind === 'tcp') socket.setNoDelay(true);
        onStream(socketStream(socket, remoteOf(socket, address)));
      });
      try {
        await listenOnce(server, address);
      } catch (e) {
        if (address.kind !== 'unix' || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        // Remove only a socket that nobody answers on: never a live one, never a regular file.
        const isSocket = await lstat(address.path).then((st) => st.isSocket(), () => false);
        if (!isSocket || (await unixAlive(address.path))) throw e;
        await unlink(address.path);
        await listenOnce(server, address);
      }
      // Only this user may connect. The socket is made with the umask's mode, so there is a moment before
      // this chmod; the launcher closes it by putting sockets in a directory only this user can enter.
      if (address.kind === 'unix') {
        await chmod(address.path, 0o600).catch((e: unknown) => {
          server.close();
          throw e;
        });
      }
      const bound = server.address();
      const actual: Address =
        address.kind === 'tcp' && bound !== null && typeof bound === 'object' ? { kind: 'tcp', host: address.host, port: bound.port } : address;
      return {
        address: actual,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
    dial(address): Promise<Stream> {
      check('dial', address);
      return new Promise((resolve, reject) => {
        const socket = address.kind === 'tcp' ? createConnection({ host: address.host, port: address.port }) : createConnection(address.kind === 'unix' ? address.path : '');
        socket.once('error', reject);
        socket.once('connect', () => {
          socket.off('error', reject);
          if (kind === 'tcp') socket.setNoDelay(true);
          resolve(socketStream(socket, formatAddress(address)));
        });
      });
    },
  };
}

/** TCP streams, on loopback or any host (`tcp://HOST:PORT`; port 0 listens on a free port). */
export const tcpNetwork: StreamNetwork = netNetwork('tcp');

/** Unix domain socket streams (`unix:PATH`). */
export const unixNetwork: StreamNetwork = netNetwork('unix');
