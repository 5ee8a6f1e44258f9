import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_FAULTS, resolveDeploymentParams } from '../../../model/actors/index.js';
import type { MessageSchema } from '../../../model/actors/index.js';
import { findDeployment } from '../../../model/protocols/registry.js';
import { NodeHost, envelopeSchema } from '../../../impl/node/index.js';
import { encodeFrame, encodeHello, memoryLogger, tcpNetwork } from '../../../impl/transport/index.js';
import { readTrace } from '../../../impl/trace/index.js';
import { wireEncode } from '../../../impl/wire/index.js';

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address() as { port: number };
      s.close(() => res(a.port));
    });
  });
}

/** Opens a connection to `port`, writes `chunks`, waits a little, closes. */
async function send(port: number, ...chunks: Uint8Array[]): Promise<void> {
  await new Promise<void>((res, rej) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      for (const c of chunks) s.write(c);
      setTimeout(() => s.end(() => res()), 50);
    });
    s.on('error', rej);
  });
  await new Promise((r) => setTimeout(r, 50));
}

const u32 = (n: number) => Uint8Array.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);

describe('a node fed garbage, truncated and oversized frames', () => {
  it('closes each bad connection with a logged reason and keeps serving', async () => {
    const d = findDeployment('fifo-link');
    const params = resolveDeploymentParams(d, {});
    const system = d.system(params, NO_FAULTS);
    const msgs = system.roles['S']!.actor.messages as MessageSchema;
    const dir = mkdtempSync(join(tmpdir(), 'il-frames-'));
    const [p0, p1] = [await freePort(), await freePort()];
    const logger = memoryLogger();
    const receiver = await NodeHost.start({
      system,
      node: 1,
      protocol: d.id,
      params,
      timeouts: d.timeouts(params),
      network: tcpNetwork,
      addresses: [
        { kind: 'tcp', host: '127.0.0.1', port: p0 },
        { kind: 'tcp', host: '127.0.0.1', port: p1 },
      ],
      logPath: join(dir, 'R.log'),
      tracePath: join(dir, 'R.trace.jsonl'),
      logger,
    });
    const hello = encodeFrame(encodeHello('S'));
    const data = (seq: number) => encodeFrame(wireEncode(envelopeSchema(msgs, 2), { seq, vc: [seq + 1, 0], msg: msgs.toFlat({ type: 'Data', seq } as never) } as never));

    await send(p1, Uint8Array.from([0, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef])); // garbage instead of a hello
    await send(p1, hello, u32(100), new Uint8Array(10)); // a frame cut short
    await send(p1, hello, u32(0x40000000), new Uint8Array(16)); // 1 GiB announced
    await send(p1, hello, encodeFrame(Uint8Array.from([9, 1, 2]))); // a payload that is no envelope
    await send(p1, hello, data(0)); // and then a good one
    await receiver.settled();

    const warns = logger.lines.filter((l) => l.startsWith('warn:'));
    expect(warns.some((l) => /closed connection from .*hello/i.test(l))).toBe(true);
    expect(warns.some((l) => /closed mid-frame \(truncated/.test(l))).toBe(true);
    expect(warns.some((l) => /exceeds|too large|limit/i.test(l))).toBe(true);
    expect(warns.some((l) => /malformed frame: wire:/.test(l))).toBe(true);
    expect(receiver.transportStats.rejected).toBe(4);
    expect(receiver.transportStats.received).toBe(1);
    await receiver.stop();
    const steps = readTrace(join(dir, 'R.trace.jsonl')).steps;
    expect(steps.map((s) => s.kind)).toEqual(['start', 'deliver']);
    expect(steps[1]!.effects.map((e) => e.kind)).toEqual(['deliver', 'send']);
  });

  it('refuses an envelope whose clock claims more of its steps than it made, is never poisoned by it, and restarts', async () => {
    const d = findDeployment('fifo-link');
    const params = resolveDeploymentParams(d, {});
    const system = d.system(params, NO_FAULTS);
    const msgs = system.roles['S']!.actor.messages as MessageSchema;
    const dir = mkdtempSync(join(tmpdir(), 'il-forged-'));
    const [p0, p1] = [await freePort(), await freePort()];
    const addresses = [
      { kind: 'tcp' as const, host: '127.0.0.1', port: p0 },
      { kind: 'tcp' as const, host: '127.0.0.1', port: p1 },
    ];
    const start = (logger: ReturnType<typeof memoryLogger>) =>
      NodeHost.start({ system, node: 1, protocol: d.id, params, timeouts: d.timeouts(params), network: tcpNetwork, addresses, logPath: join(dir, 'R.log'), tracePath: join(dir, 'R.trace.jsonl'), logger });
    const logger = memoryLogger();
    const receiver = await start(logger);
    const env = (seq: number, vc: number[]) => encodeFrame(wireEncode(envelopeSchema(msgs, 2), { seq, vc, msg: msgs.toFlat({ type: 'Data', seq } as never) } as never));
    const hello = encodeFrame(encodeHello('S'));
    await send(p1, hello, env(0, [1, 0x7fffffff])); // claims 2^31 - 1 steps of the receiver, which made 1
    await send(p1, hello, env(0, [0, 0])); // no step of its sender
    await send(p1, hello, env(0, [1, 0])); // and a good one
    await receiver.settled();
    expect(logger.lines.filter((l) => /refused a message from S: a clock claiming 2147483647 steps of R, which has made 1/.test(l))).toHaveLength(1);
    expect(receiver.stats.refusedMessages).toBe(2);
    await receiver.stop();
    const again = await start(memoryLogger());
    await again.settled();
    await again.stop();
    const steps = readTrace(join(dir, 'R.trace.jsonl')).steps;
    expect(steps.map((s) => s.kind)).toEqual(['start', 'deliver', 'recover']);
    // Nothing untrusted reached the trace: the clocks hold only steps that happened.
    expect(Math.max(...steps.flatMap((s) => [s.vc[0]!]))).toBe(1);
  });
});
