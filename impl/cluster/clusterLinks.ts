/**
 * The links of a cluster run, set up before any node starts: each node's address, and how the links are
 * secured.
 *
 * Over TCP the links are mutual TLS 1.3 unless `links: 'insecure'`: the launcher makes a CA and one
 * certificate per node in `DIR/tls` (`tlsFiles.ts`), or checks the folder it was given, and each node loads
 * its own files from there. The TCP ports are free loopback ports, found all at once. Unix sockets go in
 * `DIR/sockets`, a folder of mode 0700.
 *
 * @example
 * ```ts
 * const { addresses, links } = await clusterLinks({ transport: 'unix' }, 'runs/1', ['C', 'P1', 'P2']);
 * // addresses: ['unix:runs/1/sockets/C.sock', ...]; links: 'unix sockets (dir 0700)'
 * ```
 *
 * @module
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ClusterError } from './errors.js';
import type { RunSummary } from './stats.js';
import { checkTlsDir, createRunCertificates } from './tlsFiles.js';

/** What {@link clusterLinks} needs of the run's options (see `ClusterOptions`). */
export interface ClusterLinkOptions {
  readonly transport: 'tcp' | 'unix';
  readonly links?: 'tls' | 'insecure';
  readonly tlsDir?: string;
}

/** The links of a run, as {@link clusterLinks} set them up. */
export interface ClusterLinks {
  /** Where the nodes' TLS files are; null: plain TCP or Unix sockets. */
  readonly tlsDir: string | null;
  /** How the links are secured, as the summary says it. */
  readonly links: RunSummary['links'];
  /** Every node's address, by id, in text form (`tcp://127.0.0.1:7001`, `unix:DIR/sockets/C.sock`). */
  readonly addresses: string[];
}

/**
 * `n` distinct free loopback ports. All are held open until every one is found: a port taken and released
 * one at a time can be handed out again at once, and two nodes given one port cannot both listen.
 */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((res, rej) => {
          const s = createServer();
          s.once('error', rej);
          s.listen(0, '127.0.0.1', () => res(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    if (typeof a !== 'object' || a === null) throw new ClusterError('no free loopback port');
    return a.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

/**
 * Sets up the links of the nodes `names` of a run in `dir` (see the module documentation): certificates,
 * the sockets' folder, addresses. Throws a `ClusterError` for a TLS folder that cannot be made or used.
 */
export async function clusterLinks(o: ClusterLinkOptions, dir: string, names: readonly string[]): Promise<ClusterLinks> {
  const addresses: string[] = [];
  const tls = o.transport === 'tcp' && (o.links ?? 'tls') === 'tls';
  const tlsDir = tls ? resolve(o.tlsDir ?? join(dir, 'tls')) : null;
  if (tlsDir !== null) {
    try {
      if (o.tlsDir === undefined) createRunCertificates(tlsDir, names);
      checkTlsDir(tlsDir, names);
    } catch (e) {
      throw new ClusterError((e as Error).message);
    }
  }
  // Unix sockets in a folder only this user can enter: the sockets' own mode 0600 comes just after bind.
  const sockets = join(dir, 'sockets');
  if (o.transport === 'unix') {
    mkdirSync(sockets, { recursive: true, mode: 0o700 });
    chmodSync(sockets, 0o700);
  }
  const links: RunSummary['links'] = o.transport === 'unix' ? 'unix sockets (dir 0700)' : tls ? 'mutual TLS 1.3' : 'insecure';
  const ports = o.transport === 'tcp' ? await freePorts(names.length) : [];
  names.forEach((name, i) => addresses.push(o.transport === 'tcp' ? `tcp://127.0.0.1:${ports[i]}` : `unix:${join(sockets, `${name}.sock`)}`));
  return { tlsDir, links, addresses };
}
