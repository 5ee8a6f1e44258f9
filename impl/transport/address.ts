/**
 * Where a transport listens and where its peers are: a TCP host and port, a Unix socket path, or a name
 * in an in-memory network.
 *
 * Addresses have one text form, used on command lines and in logs: `tcp://127.0.0.1:7001`,
 * `tcp://[::1]:7001`, `unix:/tmp/node0.sock`, `mem:node0`.
 *
 * @example
 * ```ts
 * parseAddress('tcp://localhost:7001');   // { kind: 'tcp', host: 'localhost', port: 7001 }
 * formatAddress({ kind: 'unix', path: '/tmp/n0.sock' });  // 'unix:/tmp/n0.sock'
 * ```
 *
 * @module
 */

/** A network address of one of the three kinds of transport. */
export type Address =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'memory'; readonly name: string };

/** The text form of an address (see the module documentation). */
export function formatAddress(a: Address): string {
  switch (a.kind) {
    case 'tcp':
      return `tcp://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
    case 'unix':
      return `unix:${a.path}`;
    case 'memory':
      return `mem:${a.name}`;
  }
}

/** Parses the text form of an address; throws `TypeError` naming the accepted forms for anything else. */
export function parseAddress(text: string): Address {
  const bad = (why: string): never => {
    throw new TypeError(`parseAddress: ${why} in ${JSON.stringify(text)}; expected tcp://HOST:PORT, unix:PATH or mem:NAME`);
  };
  if (text.startsWith('tcp://')) {
    const m = /^tcp:\/\/(?:\[([^\]]+)\]|([^:/[\]]+)):(\d{1,5})$/.exec(text);
    if (!m) return bad('bad TCP address');
    const port = Number(m[3]);
    if (port > 65535) return bad(`port ${port} above 65535`);
    return { kind: 'tcp', host: (m[1] ?? m[2])!, port };
  }
  if (text.startsWith('unix:')) {
    const path = text.slice('unix:'.length);
    return path === '' ? bad('empty socket path') : { kind: 'unix', path };
  }
  if (text.startsWith('mem:')) {
    const name = text.slice('mem:'.length);
    return name === '' ? bad('empty name') : { kind: 'memory', name };
  }
  return bad('unknown scheme');
}
