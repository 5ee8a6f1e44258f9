import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { connect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkTlsDir, createRunCertificates, opensslAvailable } from '../../../impl/cluster/index.js';
import {
  certificateNodeId,
  createTransport,
  encodeFrame,
  encodeHello,
  listenRetrying,
  loadTlsCredentials,
  memoryLogger,
  rateLimited,
  rawFrames,
  tlsFilesOf,
  tlsNetwork,
  unixNetwork,
} from '../../../impl/transport/index.js';
import type { Address, Transport } from '../../../impl/transport/index.js';

/** Polls `cond` until it holds; fails after `ms`. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

const haveOpenssl = opensslAvailable();
if (!haveOpenssl) console.warn('tls.test.ts: skipping the TLS tests: the openssl command is not on PATH (apt-get install openssl)');
/** A test that needs `openssl`: skipped, with the warning above, where it is missing. */
const tlsIt = haveOpenssl ? it : it.skip;

let dir: string;
let other: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'il-tls-'));
  other = mkdtempSync(join(tmpdir(), 'il-tls-other-'));
  if (!haveOpenssl) return;
  createRunCertificates(join(dir, 'tls'), ['C', 'P1', 'P2']);
  // A second CA with its own certificate for "C": right name, wrong issuer.
  createRunCertificates(join(other, 'tls'), ['C']);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(other, { recursive: true, force: true });
});

const open: Transport<Uint8Array>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const loopback: Address = { kind: 'tcp', host: '127.0.0.1', port: 0 };

/** A transport for node `self` over TLS with its own credentials; it records what it receives. */
function node(self: string, opts: { stallTimeout?: number } = {}) {
  const logger = memoryLogger();
  const received: { from: string; text: string }[] = [];
  const t = createTransport<Uint8Array>({
    self,
    network: tlsNetwork({ credentials: loadTlsCredentials(join(dir, 'tls'), self), name: self, logger }),
    codec: rawFrames,
    onMessage: (from, m) => received.push({ from, text: text(m) }),
    logger,
    backoff: { initial: 20, max: 100 },
    ...opts,
  });
  open.push(t);
  return { t, logger, received };
}

/** Runs `openssl s_client` against `port` with `args`, writes `input` to it, and resolves when it exits (or is killed after `ms`). */
function sClient(port: number, args: string[], input: Uint8Array, ms = 4000): Promise<{ code: number | null; killed: boolean; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', tlsFilesOf(join(dir, 'tls'), 'C').ca, '-verify_return_error', '-quiet', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let killed = false;
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (out += c.toString()));
    // Wait for the handshake to have had its chance before sending, as a client typing would.
    setTimeout(() => p.stdin.write(input), 300);
    const timer = setTimeout(() => {
      killed = true;
      p.kill('SIGKILL');
    }, ms);
    p.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, out });
    });
  });
}

const helloAndMessage = (id: string, message: string) => Uint8Array.from([...encodeFrame(encodeHello(id)), ...encodeFrame(bytes(message))]);
const certArgs = (id: string) => {
  const f = tlsFilesOf(join(dir, 'tls'), id);
  return ['-cert', f.cert, '-key', f.key];
};

describe('mutual TLS 1.3 links', () => {
  tlsIt('certificates name their node in a SAN URI and are checked when loaded', () => {
    const tls = join(dir, 'tls');
    expect(statSync(tls).mode & 0o777).toBe(0o700);
    expect(statSync(join(tls, 'C.key')).mode & 0o777).toBe(0o600);
    // The per-run CA's key is gone once the certificates are signed: nobody can make another one.
    expect(() => statSync(join(tls, 'ca.key'))).toThrow();
    expect(() => checkTlsDir(tls, ['C', 'P1', 'P2'])).not.toThrow();
    expect(() => checkTlsDir(tls, ['C', 'P3'])).toThrow(/no key for node P3/);
    const cert = new X509Certificate(readFileSync(join(tls, 'P2.pem')));
    expect(cert.subjectAltName).toBe('URI:interleave:node/P2');
    expect(certificateNodeId({ subjectaltname: cert.subjectAltName })).toBe('P2');
    expect(certificateNodeId({ subjectaltname: 'DNS:P2' })).toBeUndefined();
    expect(certificateNodeId({ subjectaltname: 'URI:interleave:node/P2, URI:interleave:node/C' })).toBeUndefined();
    // C's key with P2's certificate, or a certificate of another CA, is refused before any connection.
    expect(() => checkTlsDir(join(other, 'tls'), ['C'])).not.toThrow();
    const mixed = mkdtempSync(join(tmpdir(), 'il-tls-mixed-'));
    try {
      for (const f of ['ca.pem']) writeCopy(join(tls, f), join(mixed, f));
      writeCopy(join(other, 'tls', 'C.pem'), join(mixed, 'C.pem'));
      writeCopy(join(other, 'tls', 'C.key'), join(mixed, 'C.key'));
      expect(() => loadTlsCredentials(mixed, 'C')).toThrow(/is not issued by the CA/);
      writeCopy(join(tls, 'C.pem'), join(mixed, 'C.pem'));
      expect(() => loadTlsCredentials(mixed, 'C')).toThrow(/is not the key of/);
      writeCopy(join(tls, 'P2.pem'), join(mixed, 'C.pem'));
      expect(() => loadTlsCredentials(mixed, 'C')).toThrow(/names node P2 \(SAN URI:interleave:node\/P2\), not C/);
      writeCopy(join(tls, 'C.pem'), join(mixed, 'C.pem'));
      writeCopy(join(tls, 'C.key'), join(mixed, 'C.key'));
      chmodSync(join(mixed, 'C.key'), 0o644);
      expect(() => checkTlsDir(mixed, ['C'])).toThrow(/can be read by other users \(mode 644\); chmod 600 it/);
    } finally {
      rmSync(mixed, { recursive: true, force: true });
    }
  });

  tlsIt('a node accepts the right peer and they exchange messages', async () => {
    const p1 = node('P1');
    const c = node('C');
    const addr = await p1.t.listen(loopback);
    c.t.connect('P1', addr);
    c.t.send('P1', bytes('prepare 1'));
    c.t.send('P1', bytes('prepare 2'));
    await until(() => p1.received.length === 2, 'two messages at P1');
    expect(p1.received).toEqual([{ from: 'C', text: 'prepare 1' }, { from: 'C', text: 'prepare 2' }]);
    expect(p1.t.stats.rejected).toBe(0);
    expect(p1.logger.lines).toContainEqual(expect.stringMatching(/^info: P1: C connected from 127\.0\.0\.1:\d+$/));
  });

  tlsIt('openssl s_client without a client certificate is refused: no hello is ever read', async () => {
    const p1 = node('P1');
    const addr = await p1.t.listen(loopback);
    if (addr.kind !== 'tcp') throw new Error('not tcp');
    const r = await sClient(addr.port, [], helloAndMessage('C', 'commit 1'));
    // The server closes the connection itself (TLS 1.3 alert "certificate required"); s_client then exits.
    expect(r.killed, r.out).toBe(false);
    expect(r.out).toMatch(/certificate required|alert/i);
    expect(p1.received).toEqual([]);
    expect(p1.t.stats.accepted).toBe(0);
    expect(p1.logger.lines.filter((l) => /refused a TLS connection/.test(l))).toEqual([expect.stringMatching(/^warn: P1: refused a TLS connection from 127\.0\.0\.1:\d+: .*certificate/i)]);
  });

  tlsIt('openssl s_client with P2\'s certificate saying hello as C is refused', async () => {
    const p1 = node('P1');
    const addr = await p1.t.listen(loopback);
    if (addr.kind !== 'tcp') throw new Error('not tcp');
    const r = await sClient(addr.port, certArgs('P2'), helloAndMessage('C', 'commit 1'));
    expect(r.killed, r.out).toBe(false);
    expect(p1.received).toEqual([]);
    expect(p1.t.stats.rejected).toBe(1);
    expect(p1.logger.lines).toContainEqual(expect.stringMatching(/^warn: P1: closed connection from unidentified peer at 127\.0\.0\.1:\d+: hello as "C" from a peer whose certificate is P2$/));
  });

  tlsIt('openssl s_client with C\'s certificate can talk as C', async () => {
    const p1 = node('P1');
    const addr = await p1.t.listen(loopback);
    if (addr.kind !== 'tcp') throw new Error('not tcp');
    const talking = sClient(addr.port, certArgs('C'), helloAndMessage('C', 'commit 1'), 1500);
    await until(() => p1.received.length === 1, 'the message from s_client', 4000);
    expect(p1.received).toEqual([{ from: 'C', text: 'commit 1' }]);
    const r = await talking;
    // s_client keeps the link open (-quiet implies -ign_eof) until it is stopped.
    expect(r.killed).toBe(true);
    expect(p1.t.stats.rejected).toBe(0);
  });

  tlsIt('only TLS 1.3 is spoken: openssl s_client -tls1_2, even with C\'s certificate, is refused', async () => {
    const p1 = node('P1');
    const addr = await p1.t.listen(loopback);
    if (addr.kind !== 'tcp') throw new Error('not tcp');
    const r = await sClient(addr.port, ['-tls1_2', ...certArgs('C')], helloAndMessage('C', 'commit 1'));
    expect(r.killed, r.out).toBe(false);
    expect(p1.received).toEqual([]);
    expect(p1.t.stats.accepted).toBe(0);
    expect(p1.logger.lines.join('\n')).toMatch(/refused a TLS connection from 127\.0\.0\.1:\d+: .*(version|protocol)/i);
  });

  tlsIt('a client certificate of another CA is refused, even one naming the right node', async () => {
    const p1 = node('P1');
    const addr = await p1.t.listen(loopback);
    if (addr.kind !== 'tcp') throw new Error('not tcp');
    const f = tlsFilesOf(join(other, 'tls'), 'C');
    const socket = connect({ host: '127.0.0.1', port: addr.port, ca: readFileSync(tlsFilesOf(join(dir, 'tls'), 'C').ca), key: readFileSync(f.key), cert: readFileSync(f.cert), checkServerIdentity: () => undefined });
    socket.on('error', () => {});
    socket.on('secureConnect', () => socket.write(helloAndMessage('C', 'commit 1')));
    await new Promise<void>((r) => socket.once('close', () => r()));
    expect(p1.received).toEqual([]);
    expect(p1.t.stats.accepted).toBe(0);
    expect(p1.logger.lines.join('\n')).toMatch(/refused a TLS connection from 127\.0\.0\.1:\d+: its certificate is not accepted: UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  tlsIt('the dialer refuses a server whose certificate names another node, and a squatter without one', async () => {
    const p2 = node('P2');
    const addr = await p2.t.listen(loopback);
    const c = node('C');
    // C believes P1 listens where P2 does.
    c.t.connect('P1', addr);
    c.t.send('P1', bytes('vote request'));
    await until(() => c.logger.lines.some((l) => /presented a certificate for node P2, not P1/.test(l)), 'the identity check');
    await sleep(200);
    expect(c.t.isConnected('P1')).toBe(false);
    expect(p2.received).toEqual([]);

    // A process squatting on a port with no certificate never sees a hello or a frame in the clear.
    const seen: Buffer[] = [];
    const sockets: Socket[] = [];
    const squatter = createServer((s) => {
      sockets.push(s);
      s.on('data', (d: Buffer) => seen.push(d));
    });
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as { port: number }).port;
    c.t.connect('P3', { kind: 'tcp', host: '127.0.0.1', port });
    c.t.send('P3', bytes('secret vote'));
    await until(() => seen.length > 0, 'the squatter to be dialed');
    await sleep(300);
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => squatter.close(() => r()));
    const all = Buffer.concat(seen);
    expect(c.t.isConnected('P3')).toBe(false);
    expect(all.includes(Buffer.from('ILVT'))).toBe(false);
    expect(all.includes(Buffer.from('secret vote'))).toBe(false);
  });

  tlsIt('a node whose port is squatted at restart listens once the squatter is gone', async () => {
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as { port: number }).port;
    const p1 = node('P1');
    const retries: number[] = [];
    const listening = listenRetrying(() => p1.t.listen({ kind: 'tcp', host: '127.0.0.1', port }), { initial: 20, max: 100, onRetry: (n) => retries.push(n) });
    await sleep(250);
    await new Promise<void>((r) => squatter.close(() => r()));
    expect(await listening).toEqual({ kind: 'tcp', host: '127.0.0.1', port });
    expect(retries.length).toBeGreaterThan(0);
    // And a bounded number of times: an address that stays taken is an error in the end.
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const held = (holder.address() as { port: number }).port;
    await expect(listenRetrying(() => p1.t.listen({ kind: 'tcp', host: '127.0.0.1', port: held }), { attempts: 3, initial: 10 })).rejects.toThrow(/EADDRINUSE/);
    await new Promise<void>((r) => holder.close(() => r()));
  });
});

describe('handshakes in progress', () => {
  tlsIt('are capped: connections beyond maxConnections are closed on arrival, the others at the handshake timeout', async () => {
    const network = tlsNetwork({ credentials: loadTlsCredentials(join(dir, 'tls'), 'C'), name: 'C', maxConnections: 3, handshakeTimeout: 1500 });
    const server = await network.listen(loopback, () => {});
    try {
      const port = (server.address as Extract<Address, { kind: 'tcp' }>).port;
      const closedAt: number[] = [];
      const t0 = Date.now();
      // Five clients that connect and never start a handshake.
      const sockets = Array.from({ length: 5 }, () => createConnection({ host: '127.0.0.1', port }));
      await Promise.all(
        sockets.map(
          (sk) =>
            new Promise<void>((r) => {
              sk.on('error', () => {});
              sk.once('close', () => {
                closedAt.push(Date.now() - t0);
                r();
              });
            }),
        ),
      );
      closedAt.sort((x, y) => x - y);
      expect(closedAt.slice(0, 2).every((ms) => ms < 1000)).toBe(true);
      expect(closedAt.slice(2).every((ms) => ms >= 1400)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('unix sockets and log lines', () => {
  it('a Unix socket is only for its owner (mode 0600)', async () => {
    const t = createTransport<Uint8Array>({ self: 'A', network: unixNetwork, codec: rawFrames, onMessage: () => {} });
    open.push(t);
    const path = join(dir, 'a.sock');
    await t.listen({ kind: 'unix', path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a rate-limited line is written at most once per interval, with a count of the others', () => {
    const lines: string[] = [];
    let now = 0;
    const warn = rateLimited((l) => lines.push(l), 1000, () => now);
    warn('a');
    warn('b');
    warn('c');
    now = 1500;
    warn('d');
    expect(lines).toEqual(['a', 'd (and 2 more since the last report)']);
  });
});

/** Copies a TLS file with mode 0600, as a key must have. */
function writeCopy(from: string, to: string): void {
  copyFileSync(from, to);
  chmodSync(to, 0o600);
}
