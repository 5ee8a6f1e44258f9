import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { s } from '../../model/core/index.js';
import type { ValueOf } from '../../model/core/index.js';
import {
  FrameDecoder,
  FrameError,
  LinkFaults,
  ManualClock,
  MemoryNetwork,
  createTransport,
  encodeFrame,
  encodeHello,
  formatAddress,
  memoryLogger,
  parseAddress,
  rawFrames,
  schemaFrames,
  tcpNetwork,
  unixNetwork,
} from '../../impl/transport/index.js';
import type { Address, Stream, StreamNetwork, Transport, TransportOptions } from '../../impl/transport/index.js';
import { wireEncode } from '../../impl/wire/index.js';

const Msg = s.record({ seq: s.int(0, 100_000), kind: s.enum(['prepare', 'commit', 'abort']), body: s.seq(s.int(0, 1000), 300) });
type M = ValueOf<typeof Msg>;
const msg = (seq: number, n = 0): M => ({ seq, kind: 'prepare', body: Array.from({ length: n }, (_, i) => i % 1000) });

/** Polls `cond` (letting sockets and immediates run) until it holds; fails after `ms`. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Lets pending immediates (in-memory deliveries) run. */
const settle = async (turns = 20): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'interleave-transport-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open: Transport<unknown>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

function transport<X>(o: TransportOptions<X>): Transport<X> {
  const t = createTransport(o);
  open.push(t as Transport<unknown>);
  return t;
}

let names = 0;
interface Kind {
  readonly name: string;
  readonly network: () => StreamNetwork;
  readonly address: () => Address;
}
const kinds: Kind[] = [
  { name: 'TCP on loopback', network: () => tcpNetwork, address: () => ({ kind: 'tcp', host: '127.0.0.1', port: 0 }) },
  { name: 'Unix domain sockets', network: () => unixNetwork, address: () => ({ kind: 'unix', path: join(dir, `n${names++}.sock`) }) },
  { name: 'in-memory streams, chunked', network: () => new MemoryNetwork({ chunkSize: 3 }), address: () => ({ kind: 'memory', name: `n${names++}` }) },
];

describe.each(kinds)('over $name', (kind) => {
  it('delivers messages in order, tagged with the sender, both ways', async () => {
    const network = kind.network();
    const got: { at: string; from: string; m: M }[] = [];
    const a = transport({ self: 'A', network, codec: schemaFrames(Msg), onMessage: (from, m) => got.push({ at: 'A', from, m }) });
    const b = transport({ self: 'B', network, codec: schemaFrames(Msg), onMessage: (from, m) => got.push({ at: 'B', from, m }) });
    const addrA = await a.listen(kind.address());
    const addrB = await b.listen(kind.address());
    a.connect('B', addrB);
    b.connect('A', addrA);
    for (let i = 0; i < 50; i++) a.send('B', msg(i, i === 7 ? 300 : i % 5));
    b.send('A', msg(99));
    await until(() => got.length === 51, 'all messages');
    expect(got.filter((g) => g.at === 'B').map((g) => g.m)).toEqual(Array.from({ length: 50 }, (_, i) => msg(i, i === 7 ? 300 : i % 5)));
    expect(got.filter((g) => g.at === 'B').every((g) => g.from === 'A')).toBe(true);
    expect(got.find((g) => g.at === 'A')).toEqual({ at: 'A', from: 'B', m: msg(99) });
    expect(a.isConnected('B')).toBe(true);
    expect(b.stats).toMatchObject({ received: 50, sent: 1, accepted: 1, rejected: 0 });
  });

  it('closes a connection sending malformed input with a one-line reason, and keeps serving the others', async () => {
    const network = kind.network();
    const logger = memoryLogger();
    const got: { from: string; m: M }[] = [];
    const server = transport({ self: 'S', network, codec: schemaFrames(Msg), logger, maxFrameSize: 1024, onMessage: (from, m) => got.push({ from, m }) });
    const address = await server.listen(kind.address());
    // A well-behaved client connected before, during and after the bad ones.
    const good = transport({ self: 'good', network, codec: schemaFrames(Msg), onMessage: () => {} });
    good.connect('S', address);
    good.send('S', msg(1));
    await until(() => got.length === 1, 'first good message');

    const hello = (id: string): Uint8Array => encodeFrame(encodeHello(id));
    const header = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
    const bad: [string, Uint8Array[], boolean, RegExp][] = [
      ['garbage instead of a hello', [Uint8Array.from('GET / HTTP/1.1\r\n\r\n', (c) => c.charCodeAt(0))], false, /^warn: S: closed connection from unidentified peer at \S+: frame of \d+ bytes exceeds the limit of 1024$/],
      ['a hello of another protocol', [encodeFrame(Uint8Array.of(1, 2, 3, 4, 5, 6, 7))], false, /^warn: S: closed connection from unidentified peer at \S+: bad hello: not an interleave transport$/],
      ['an oversized frame', [hello('big'), header(1025)], false, /^warn: S: closed connection from big \(\S+\): frame of 1025 bytes exceeds the limit of 1024$/],
      ['a garbage payload', [hello('junk'), encodeFrame(Uint8Array.of(1, 0, 1, 0x86, 0xa1, 0))], false, /^warn: S: closed connection from junk \(\S+\): malformed frame: wire: int offset 100001 out of range \(an integer in \[0, 100000\]\) at byte 1 in seq$/],
      ['a wrong version byte', [hello('old'), encodeFrame(Uint8Array.of(7, 0, 0, 0))], false, /^warn: S: closed connection from old \(\S+\): malformed frame: wire: unsupported version 7/],
      ['a frame cut short, then the connection closed', [hello('cut'), encodeFrame(wireEncode(Msg, msg(5, 10))).subarray(0, 9)], true, /^warn: S: connection from cut \(\S+\) closed mid-frame \(truncated: 5 of 28 payload bytes\)$/],
      ['a length prefix cut short', [hello('cut2'), Uint8Array.of(0, 0)], true, /^warn: S: connection from cut2 \(\S+\) closed mid-frame \(truncated: 2 of the 4 length bytes\)$/],
    ];
    for (const [what, chunks, hangUp, line] of bad) {
      const before = logger.lines.length;
      const raw: Stream = await network.dial(address);
      let closedByServer = false;
      raw.onClose(() => (closedByServer = true));
      raw.onData(() => {});
      for (const c of chunks) raw.write(c);
      if (hangUp) {
        await settle();
        await new Promise((r) => setTimeout(r, 20));
        raw.close();
      }
      await until(() => logger.lines.slice(before).some((l) => l.startsWith('warn:')), `a warning for ${what}`);
      const warnings = logger.lines.slice(before).filter((l) => l.startsWith('warn:'));
      expect(warnings, what).toHaveLength(1);
      expect(warnings[0], what).toMatch(line);
      if (!hangUp) await until(() => closedByServer, `the server to close the connection sending ${what}`);
      // The good client's connection is untouched and new ones are still accepted.
      good.send('S', msg(got.length + 1));
      await until(() => got.length === 1 + bad.indexOf(bad.find((b) => b[0] === what)!) + 1, `a good message after ${what}`);
    }
    const late = transport({ self: 'late', network, codec: schemaFrames(Msg), onMessage: () => {} });
    late.connect('S', address);
    late.send('S', msg(42));
    await until(() => got.some((g) => g.from === 'late'), 'a message from a new client');
    expect(got.map((g) => g.m.seq)).toEqual([...Array.from({ length: bad.length + 1 }, (_, i) => i + 1), 42]);
    expect(server.stats.rejected).toBe(bad.length);
    expect(logger.lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});

describe('framing', () => {
  it('reassembles frames from chunks cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1 }), (payloads, cuts) => {
        const stream = Uint8Array.from(payloads.flatMap((p) => [...encodeFrame(p)]));
        const d = new FrameDecoder(40);
        const out: number[][] = [];
        let at = 0;
        for (let k = 0; at < stream.length; k++) {
          const n = cuts[k % cuts.length]!;
          out.push(...d.push(stream.subarray(at, at + n)).map((f) => [...f]));
          at += n;
        }
        expect(out).toEqual(payloads.map((p) => [...p]));
        expect(d.buffered).toBe(0);
      }),
    );
  });

  it('refuses an oversized length as soon as its 4 bytes arrive', () => {
    const d = new FrameDecoder(10);
    expect(d.push(Uint8Array.of(0, 0, 0, 1, 7, 0, 0, 0, 11, 1, 2))).toEqual([Uint8Array.of(7)]);
    expect(d.failure).toEqual(new FrameError('frame of 11 bytes exceeds the limit of 10'));
    expect(d.push(Uint8Array.of(0, 0, 0, 0))).toEqual([]);
  });
});

describe('addresses', () => {
  it('parse and format the three kinds', () => {
    for (const text of ['tcp://127.0.0.1:7001', 'tcp://[::1]:80', 'tcp://example.org:0', 'unix:/tmp/a.sock', 'mem:n0']) {
      expect(formatAddress(parseAddress(text))).toBe(text);
    }
    expect(parseAddress('tcp://[::1]:80')).toEqual({ kind: 'tcp', host: '::1', port: 80 });
    expect(() => parseAddress('tcp://host:70000')).toThrow(/port 70000 above 65535/);
    expect(() => parseAddress('http://x')).toThrow(/expected tcp:\/\/HOST:PORT, unix:PATH or mem:NAME/);
  });
});

describe('reconnection', () => {
  it('queues while a peer is down, retries with exponential backoff, and delivers in order once it is up', async () => {
    const network = new MemoryNetwork();
    const clock = new ManualClock();
    const logger = memoryLogger();
    let dials = 0;
    const counting: StreamNetwork = { kind: 'memory', listen: (a, f) => network.listen(a, f), dial: (a) => (dials++, network.dial(a)) };
    const a = transport({ self: 'A', network: counting, codec: rawFrames, clock, logger, backoff: { initial: 10, factor: 2, max: 40 }, onMessage: () => {} });
    a.connect('B', { kind: 'memory', name: 'B' });
    for (let i = 0; i < 3; i++) a.send('B', Uint8Array.of(i));
    await settle();
    expect(dials).toBe(1);
    // Retries at +10, +20, +40, then every 40 ms (the cap).
    const expected = [
      [9, 1],
      [1, 2],
      [19, 2],
      [1, 3],
      [39, 3],
      [1, 4],
      [40, 5],
    ];
    for (const [dt, n] of expected) {
      clock.advance(dt!);
      await settle();
      expect(dials).toBe(n);
    }
    expect(logger.lines.filter((l) => l.includes('cannot reach'))).toEqual(['warn: A: cannot reach B at mem:B: connect ECONNREFUSED mem:B; retrying with backoff']);
    const got: number[] = [];
    const b = transport({ self: 'B', network, codec: rawFrames, onMessage: (_, m) => got.push(m[0]!) });
    await b.listen({ kind: 'memory', name: 'B' });
    clock.advance(40);
    await until(() => got.length === 3, 'the queued messages');
    expect(got).toEqual([0, 1, 2]);
    expect(logger.lines).toContain('info: A: link to B at mem:B established after 5 retries');
    // B crashes and comes back: A reconnects and the link works again.
    await b.close();
    await until(() => !a.isConnected('B'), 'A to notice');
    const b2 = transport({ self: 'B', network, codec: rawFrames, onMessage: (_, m) => got.push(m[0]!) });
    await b2.listen({ kind: 'memory', name: 'B' });
    a.send('B', Uint8Array.of(3));
    clock.advance(10);
    await until(() => got.length === 4, 'a message after the restart');
    expect(got).toEqual([0, 1, 2, 3]);
    expect(a.stats.connects).toBe(2);
  });
});

describe('fault injection', () => {
  it('decides the same faults for the same seed and link, and others for another seed', () => {
    const plan = { seed: 1234, loss: 0.2, duplicate: 0.1, delay: { min: 1, max: 30 }, reorder: 0.1 };
    const run = (seed: number, link: string): number[][] => {
      const f = new LinkFaults({ ...plan, seed }, link);
      return Array.from({ length: 300 }, (_, i) => f.schedule(i * 3));
    };
    expect(run(1234, 'A->B')).toEqual(run(1234, 'A->B'));
    expect(run(1234, 'A->B')).not.toEqual(run(1235, 'A->B'));
    expect(run(1234, 'A->B')).not.toEqual(run(1234, 'A->C'));
    const r = run(1234, 'A->B');
    const lost = r.filter((t) => t.length === 0).length;
    const dup = r.filter((t) => t.length === 2).length;
    expect(lost).toBeGreaterThan(30);
    expect(lost).toBeLessThan(90);
    expect(dup).toBeGreaterThan(10);
    expect(dup).toBeLessThan(50);
  });

  it('keeps a delayed link FIFO unless reordering is asked for', () => {
    const releases = (reorder: number): number[] => {
      const f = new LinkFaults({ seed: 9, delay: { min: 0, max: 50 }, reorder }, 'x');
      return Array.from({ length: 200 }, (_, i) => f.schedule(i)[0]!);
    };
    const fifo = releases(0);
    expect(fifo.every((t, i) => i === 0 || t >= fifo[i - 1]!)).toBe(true);
    const shuffled = releases(0.3);
    expect(shuffled.some((t, i) => i > 0 && t < shuffled[i - 1]!)).toBe(true);
  });

  it('makes a whole run over the transport reproducible from the seed', async () => {
    const run = async (seed: number): Promise<{ got: number[]; stats: object }> => {
      const network = new MemoryNetwork();
      const clock = new ManualClock();
      const got: number[] = [];
      const b = transport({ self: 'B', network, codec: rawFrames, clock, onMessage: (_, m) => got.push(m[0]! * 256 + m[1]!) });
      await b.listen({ kind: 'memory', name: 'B' });
      const faults = { seed, loss: 0.1, duplicate: 0.1, delay: { min: 0, max: 20 }, reorder: 0.2, reorderWindow: 30 };
      const a = transport({ self: 'A', network, codec: rawFrames, clock, faults, onMessage: () => {} });
      a.connect('B', { kind: 'memory', name: 'B' });
      await until(() => a.isConnected('B'), 'the link');
      for (let i = 0; i < 300; i++) {
        a.send('B', Uint8Array.of(i >> 8, i & 0xff));
        clock.advance(i % 3);
      }
      clock.advance(100);
      const expected = a.stats.sent - a.stats.lost + a.stats.duplicated;
      await until(() => got.length === expected, 'every surviving copy');
      await a.close();
      await b.close();
      return { got, stats: { ...a.stats } };
    };
    const first = await run(77);
    const again = await run(77);
    const other = await run(78);
    expect(again).toEqual(first);
    expect(other.got).not.toEqual(first.got);
    const { got } = first;
    expect(new Set(got).size).toBeLessThan(300); // some lost
    expect(got.length).toBeGreaterThan(new Set(got).size); // some duplicated
    expect(got.some((x, i) => i > 0 && x < got[i - 1]!)).toBe(true); // some reordered
  });
});

describe('stalled connections', () => {
  it('closes a connection whose frame is not whole frameDeadline after its first byte, however it trickles', async () => {
    const network = new MemoryNetwork();
    const clock = new ManualClock();
    const logger = memoryLogger();
    const server = transport({ self: 'S', network, codec: rawFrames, clock, logger, frameDeadline: 1000, onMessage: () => {} });
    const address = await server.listen({ kind: 'memory', name: 'S' });
    const raw = await network.dial(address);
    raw.onData(() => {});
    raw.write(encodeFrame(encodeHello('slow')));
    raw.write(Uint8Array.of(0, 0, 0, 9, 1));
    await settle();
    // More bytes of the same frame do not move its deadline.
    for (let i = 0; i < 9; i++) {
      clock.advance(100);
      if (i === 4) raw.write(Uint8Array.of(2));
      await settle();
    }
    clock.advance(99);
    await settle();
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    clock.advance(1);
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn: S: closed connection from slow (mem:client-1): a frame not whole 1000 ms after its first byte (frameDeadline; 2 of 9 payload bytes)',
    ]);
    expect(server.stats).toMatchObject({ deadlineClosed: 1, rejected: 0, open: 0, buffered: 0 });
  });

  it('rejects misuse at once', async () => {
    const network = new MemoryNetwork();
    const t = transport({ self: 'A', network, codec: schemaFrames(Msg), maxFrameSize: 100, onMessage: () => {} });
    expect(() => t.send('nobody', msg(1))).toThrow(/unknown peer "nobody"; connected peers: none/);
    t.connect('B', { kind: 'memory', name: 'B' });
    expect(() => t.send('B', msg(1, 200))).toThrow(/message of \d+ bytes exceeds maxFrameSize 100/);
    expect(() => t.send('B', { seq: -1, kind: 'prepare', body: [] })).toThrow(/seq: expected an integer/);
    await expect(t.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 })).rejects.toThrow(/runs over memory, got tcp:\/\/127.0.0.1:0/);
  });
});

describe('Unix socket addresses after a crash', () => {
  it('takes back a socket path left by a killed process, but never a live socket or a regular file', async () => {
    const path = join(dir, 'stale.sock');
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const address: Address = { kind: 'unix', path };
    // While the other process lives, the address is in use.
    await expect(unixNetwork.listen(address, () => {})).rejects.toThrow(/EADDRINUSE/);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const got: number[] = [];
    const t = transport({ self: 'S', network: unixNetwork, codec: rawFrames, onMessage: (_, m) => got.push(m[0]!) });
    await t.listen(address);
    const c = transport({ self: 'C', network: unixNetwork, codec: rawFrames, onMessage: () => {} });
    c.connect('S', address);
    c.send('S', Uint8Array.of(5));
    await until(() => got.length === 1, 'a message on the recovered path');
    const file = join(dir, 'not-a-socket');
    await writeFile(file, 'keep me');
    await expect(unixNetwork.listen({ kind: 'unix', path: file }, () => {})).rejects.toThrow(/EADDRINUSE/);
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });
});
