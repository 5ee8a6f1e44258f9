// The transport's resource limits, tried over real loopback TCP sockets: the attacks are raw `node:net`
// clients, the honest peers are transports. Timeouts are small (via options) so that each test is fast.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder, ManualClock, TRANSPORT_DEFAULTS, createTransport, encodeFrame, encodeHello, memoryLogger, rawFrames, tcpNetwork } from '../../../impl/transport/index.js';
import type { Transport, TransportOptions } from '../../../impl/transport/index.js';
import { RateLimitedLog } from '../../../impl/transport/rateLimitedLog.js';

const LOOPBACK = { kind: 'tcp', host: '127.0.0.1', port: 0 } as const;

const open: Transport<unknown>[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(open.splice(0).map((t) => t.close()));
});

type Options = Omit<TransportOptions<Uint8Array>, 'network' | 'codec' | 'onMessage'> & { onMessage?: (from: string, m: Uint8Array) => void };

/** A transport over TCP moving raw payloads; closed after the test. */
function transport(o: Options): Transport<Uint8Array> {
  const t = createTransport<Uint8Array>({ network: tcpNetwork, codec: rawFrames, onMessage: () => {}, ...o });
  open.push(t as Transport<unknown>);
  return t;
}

/** Polls `cond` until it holds; fails after `ms` (every wait here is bounded). */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A raw TCP client: the socket, and when (performance.now) the server closed it, if it did. */
interface Raw {
  readonly socket: Socket;
  closedAt: number | null;
}

async function raw(port: number): Promise<Raw> {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  socket.setNoDelay(true);
  const r: Raw = { socket, closedAt: null };
  // The server may reset the connection while we write: that is the expected outcome, not a failure.
  socket.on('error', () => {});
  socket.on('close', () => (r.closedAt = performance.now()));
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('error', rej);
  });
  return r;
}

const hello = (id: string): Uint8Array => encodeFrame(encodeHello(id));
const header = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const warns = (lines: string[]): string[] => lines.filter((l) => l.startsWith('warn:'));

describe('frame deadline', () => {
  it('closes a slowloris at the deadline of its frame: the bytes it trickles do not extend it', async () => {
    const logger = memoryLogger();
    const server = transport({ self: 'S', logger, frameDeadline: 200, idleTimeout: 5000 });
    const { port } = (await server.listen(LOOPBACK)) as { port: number };
    const c = await raw(port);
    c.socket.write(hello('loris'));
    await until(() => logger.lines.some((l) => l.includes('loris connected')), 'the hello');
    c.socket.write(header(100));
    const firstByte = performance.now();
    let trickled = 0;
    // One byte every 20 ms: each one would have re-armed a stall timer forever. Bounded: 100 bytes at most.
    while (c.closedAt === null && trickled < 100) {
      await sleep(20);
      if (c.closedAt === null) c.socket.write(Uint8Array.of(trickled++));
    }
    await until(() => c.closedAt !== null, 'the server to close the slowloris');
    const after = c.closedAt! - firstByte;
    console.log(`slowloris: closed ${after.toFixed(0)} ms after its frame's first byte, having trickled ${trickled} bytes (deadline 200 ms)`);
    // A timer re-armed by every byte would have let it trickle all 100 bytes (2 s) and more; the margins
    // above 200 ms are for a loaded machine.
    expect(after).toBeGreaterThanOrEqual(195);
    expect(after).toBeLessThan(700);
    expect(trickled).toBeGreaterThanOrEqual(3);
    expect(trickled).toBeLessThan(35);
    expect(server.stats).toMatchObject({ deadlineClosed: 1, rejected: 0, open: 0, buffered: 0 });
    expect(warns(logger.lines)).toEqual([expect.stringMatching(/^warn: S: closed connection from loris \(127\.0\.0\.1:\d+\): a frame not whole 200 ms after its first byte \(frameDeadline; \d+ of 100 payload bytes\)$/)]);
  });

  it('closes a connection that sends no hello within the deadline', async () => {
    const logger = memoryLogger();
    const server = transport({ self: 'S', logger, frameDeadline: 200 });
    const { port } = (await server.listen(LOOPBACK)) as { port: number };
    const start = performance.now();
    const c = await raw(port);
    c.socket.write(header(10));
    await until(() => c.closedAt !== null, 'the server to close the silent connection');
    expect(c.closedAt! - start).toBeGreaterThanOrEqual(195);
    expect(server.stats).toMatchObject({ deadlineClosed: 1, open: 0, buffered: 0 });
    expect(warns(logger.lines)).toEqual([expect.stringMatching(/^warn: S: closed connection from unidentified peer at 127\.0\.0\.1:\d+: no hello within 200 ms \(frameDeadline\); it sent 0 of 10 payload bytes of one$/)]);
  });
});

describe('idle timeout', () => {
  it('closes an idle connection at the idle timeout, while a keepalive’d link survives many timeouts', async () => {
    const logger = memoryLogger();
    const got: string[] = [];
    const server = transport({ self: 'S', logger, idleTimeout: 200, frameDeadline: 100, onMessage: (from, m) => got.push(`${from}:${m[0]}`) });
    const address = await server.listen(LOOPBACK);
    const { port } = address as { port: number };
    // An honest peer with the same idle timeout: it sends keepalives at a third of it.
    const honest = transport({ self: 'H', idleTimeout: 200 });
    honest.connect('S', address);
    honest.send('S', Uint8Array.of(1));
    await until(() => got.length === 1, 'the first message');
    // A connection that said hello and then nothing.
    const silent = await raw(port);
    silent.socket.write(hello('mute'));
    const helloAt = performance.now();
    await until(() => silent.closedAt !== null, 'the idle connection to be closed');
    expect(silent.closedAt! - helloAt).toBeGreaterThanOrEqual(190);
    expect(silent.closedAt! - helloAt).toBeLessThan(700);
    await sleep(800); // four idle timeouts
    honest.send('S', Uint8Array.of(2));
    await until(() => got.length === 2, 'a message after the idle spell');
    expect(got).toEqual(['H:1', 'H:2']);
    expect(honest.stats.connects).toBe(1);
    expect(honest.stats.keepalives).toBeGreaterThanOrEqual(4); // about 12 at a third of 200 ms
    expect(server.stats).toMatchObject({ idleClosed: 1, received: 2, open: 1 });
    expect(warns(logger.lines)).toEqual([expect.stringMatching(/^warn: S: closed connection from mute \(127\.0\.0\.1:\d+\): idle: no frame for 200 ms \(idleTimeout\)$/)]);
  });
});

describe('connection caps', () => {
  it('closes a connection beyond maxConnections on arrival, and accepts again once one is gone', async () => {
    const logger = memoryLogger();
    const server = transport({ self: 'S', logger, maxConnections: 3 });
    const { port } = (await server.listen(LOOPBACK)) as { port: number };
    const first: Raw[] = [];
    for (const id of ['a', 'b', 'c']) {
      const c = await raw(port);
      c.socket.write(hello(id));
      first.push(c);
    }
    await until(() => server.stats.open === 3, 'three connections');
    const fourth = await raw(port);
    await until(() => fourth.closedAt !== null, 'the fourth to be closed');
    expect(server.stats).toMatchObject({ accepted: 3, connectionCapped: 1, open: 3 });
    expect(first.every((c) => c.closedAt === null)).toBe(true);
    first[0]!.socket.destroy();
    await until(() => server.stats.open === 2, 'the first to be gone');
    const fifth = await raw(port);
    fifth.socket.write(hello('e'));
    await until(() => server.stats.open === 3, 'the fifth to be accepted');
    await sleep(50);
    expect(fifth.closedAt).toBeNull();
    expect(server.stats).toMatchObject({ accepted: 4, connectionCapped: 1 });
    expect(warns(logger.lines)).toEqual([expect.stringMatching(/^warn: S: closed connection from 127\.0\.0\.1:\d+ on arrival: 3 connections are open \(maxConnections\)$/)]);
  });

  it('closes the oldest connection of a peer id when a third one arrives, and the newer two keep working', async () => {
    const logger = memoryLogger();
    const got: string[] = [];
    const server = transport({ self: 'S', logger, onMessage: (from, m) => got.push(`${from}:${m[0]}`) });
    const { port } = (await server.listen(LOOPBACK)) as { port: number };
    const conns: Raw[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await raw(port);
      c.socket.write(hello('P'));
      conns.push(c);
      await until(() => logger.lines.filter((l) => l.includes('P connected from')).length === i + 1, `hello ${i + 1}`);
    }
    await until(() => conns[0]!.closedAt !== null, 'the oldest to be closed');
    expect(server.stats).toMatchObject({ accepted: 3, peerCapped: 1, open: 2 });
    conns[1]!.socket.write(encodeFrame(Uint8Array.of(1)));
    conns[2]!.socket.write(encodeFrame(Uint8Array.of(2)));
    await until(() => got.length === 2, 'a message on each of the newer two');
    expect(got.sort()).toEqual(['P:1', 'P:2']);
    expect(conns[1]!.closedAt === null && conns[2]!.closedAt === null).toBe(true);
    expect(warns(logger.lines)).toEqual([
      expect.stringMatching(/^warn: S: closed the oldest connection from P \(127\.0\.0\.1:\d+\): a newer one makes 3 from that peer \(maxConnectionsPerPeer 2\)$/),
    ]);
  });
});

describe('buffered bytes', () => {
  it('a decoder holds close to what it buffers: at most 4 KiB, or what it buffers plus the lesser of that and 64 KiB', () => {
    const KiB = 1024;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 * KiB }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 100 * KiB }), { minLength: 1, maxLength: 8 }),
        (sizes, cuts) => {
          const payloads = sizes.map((n, i) => new Uint8Array(n).fill(i + 1));
          const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
          const d = new FrameDecoder(300 * KiB);
          const out: Uint8Array[] = [];
          for (let at = 0, k = 0; at < stream.length; k++) {
            const n = cuts[k % cuts.length]!;
            out.push(...d.push(stream.subarray(at, at + n)));
            at += n;
            const b = d.buffered;
            expect(d.capacity).toBeLessThanOrEqual(Math.max(4 * KiB, b + Math.min(b, 64 * KiB)));
          }
          expect(out.map((f) => [f.length, f[0]])).toEqual(payloads.map((p) => [p.length, p[0]]));
          expect(d.buffered).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('closes the connection whose incomplete frame would take the total beyond the cap, and frees it', async () => {
    const logger = memoryLogger();
    const got: string[] = [];
    const server = transport({ self: 'S', logger, maxFrameSize: 1000, maxBufferedBytes: 2500, onMessage: (from, m) => got.push(`${from}:${m.length}`) });
    const { port } = (await server.listen(LOOPBACK)) as { port: number };
    const partial = new Uint8Array(900);
    const conns: Raw[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await raw(port);
      c.socket.write(hello(`p${i}`));
      c.socket.write(header(1000));
      c.socket.write(partial);
      conns.push(c);
      if (i < 2) await until(() => server.stats.buffered === (i + 1) * 904, `connection ${i} to hold 904 bytes`);
    }
    // 2 × 904 held; a third 904 would make 2712 > 2500.
    await until(() => conns[2]!.closedAt !== null, 'the third to be closed');
    expect(server.stats).toMatchObject({ bufferCapped: 1, buffered: 1808, open: 2 });
    expect(server.stats.peakBuffered).toBeLessThanOrEqual(2500);
    // The first completes its frame: delivered, and its bytes go back.
    conns[0]!.socket.write(new Uint8Array(100));
    await until(() => got.length === 1, 'the completed frame');
    expect(got).toEqual(['p0:1000']);
    expect(server.stats.buffered).toBe(904);
    conns[1]!.socket.destroy();
    await until(() => server.stats.open === 1, 'the second to be gone');
    expect(server.stats.buffered).toBe(0);
    expect(warns(logger.lines).filter((l) => l.includes('maxBufferedBytes'))).toEqual([
      expect.stringMatching(/^warn: S: closed connection from p2 \(127\.0\.0\.1:\d+\): its incomplete frame \(\d+ of 1000 payload bytes\) would take the bytes buffered across all connections beyond 2500 \(maxBufferedBytes\)$/),
    ]);
  });

  it('refuses a budget smaller than one whole frame', () => {
    expect(() => transport({ self: 'S', maxFrameSize: 1000, maxBufferedBytes: 1003 })).toThrow(/maxBufferedBytes must be a number >= 1004, got 1003/);
  });

  it('keeps the memory of 200 half-sent 1 MiB frames bounded, and gives it all back', async () => {
    const logger = memoryLogger();
    // The default limits, except deadlines long enough that none fires during the attack.
    const server = transport({ self: 'S', logger, frameDeadline: 60_000, idleTimeout: 60_000, reportInterval: 60_000 });
    const { port } = (await server.listen(LOOPBACK)) as { port: number };
    const MiB = 1 << 20;
    const half = Buffer.alloc(MiB / 2, 7); // one buffer for every client: the client side allocates nothing per connection
    const each = 4 + MiB / 2; // what one attacker makes the server hold: the length prefix and half the payload
    const fit = Math.floor(TRANSPORT_DEFAULTS.maxBufferedBytes / each); // 31
    const rss = (): number => process.memoryUsage().rss;
    const buffers = (): number => process.memoryUsage().arrayBuffers;
    const before = rss();
    const buffersBefore = buffers();
    let peak = before;
    let buffersPeak = buffersBefore;
    const conns: Raw[] = [];
    for (let i = 0; i < 200; i++) {
      const c = await raw(port);
      c.socket.write(hello(`attacker-${i}`));
      c.socket.write(header(MiB));
      c.socket.write(half);
      conns.push(c);
      // One at a time, so that which connections the cap closes is exact: the first `fit` fit, the rest do not.
      if (i < fit) await until(() => server.stats.buffered === (i + 1) * each, `attacker ${i} to be buffered`);
      else await until(() => c.closedAt !== null, `attacker ${i} to be closed`);
      peak = Math.max(peak, rss());
      buffersPeak = Math.max(buffersPeak, buffers());
    }
    expect(server.stats).toMatchObject({ accepted: 200, bufferCapped: 200 - fit, buffered: fit * each, open: fit, deadlineClosed: 0, rejected: 0 });
    expect(server.stats.peakBuffered).toBeLessThanOrEqual(TRANSPORT_DEFAULTS.maxBufferedBytes);
    expect(warns(logger.lines)).toHaveLength(1); // 169 closures, one line
    for (const c of conns) c.socket.destroy();
    await until(() => server.stats.open === 0, 'every attacker to be gone');
    expect(server.stats.buffered).toBe(0);
    await sleep(100);
    const after = rss();
    const buffersAfter = buffers();
    const mb = (n: number): string => (n / 1e6).toFixed(0);
    console.log(
      `200 half-sent 1 MiB frames: RSS before ${mb(before)} MB, peak ${mb(peak)} MB (+${mb(peak - before)}), after ${mb(after)} MB; ` +
        `array buffers before ${mb(buffersBefore)} MB, peak ${mb(buffersPeak)} MB, after ${mb(buffersAfter)} MB; ` +
        `${fit} buffered (${server.stats.peakBuffered} bytes at most, cap ${TRANSPORT_DEFAULTS.maxBufferedBytes}), ${200 - fit} closed by the cap, 0 bytes buffered after`,
    );
    expect(peak - before).toBeLessThan(100e6);
  });
});

describe('reports of closures by a limit', () => {
  it('are one line per reason per interval, the next one counting those left out', () => {
    const logger = memoryLogger();
    const clock = new ManualClock();
    const log = new RateLimitedLog(logger, clock, 1000);
    for (let i = 0; i < 100; i++) log.warn('idle', `idle ${i}`);
    log.warn('buffer', 'buffer 0');
    clock.advance(999);
    log.warn('idle', 'idle 100');
    clock.advance(1);
    log.warn('idle', 'idle 101');
    log.warn('idle', 'idle 102');
    clock.advance(1000);
    log.warn('idle', 'idle 103');
    expect(logger.lines).toEqual([
      'warn: idle 0',
      'warn: buffer 0',
      'warn: idle 101 (and 100 more since the last report)',
      'warn: idle 103 (and 1 more since the last report)',
    ]);
  });
});
