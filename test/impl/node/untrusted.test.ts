import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { s } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages } from '../../../model/actors/index.js';
import type { MessageSchema } from '../../../model/actors/index.js';
import { NodeHost, envelopeSchema } from '../../../impl/node/index.js';
import { MemoryNetwork, createTransport, memoryLogger, schemaFrames } from '../../../impl/transport/index.js';
import { readTrace } from '../../../impl/trace/index.js';

// A receiver whose handler throws on its third message, as a handler may on a value no model produced.
const Msg = messages({ Hello: {} });
const receiver = defineActor({
  kind: 'receiver',
  state: s.record({ hellos: s.int(0, 2) }),
  messages: Msg,
  initial: () => ({ hellos: 0 }),
  onMessage(st) {
    if (st.hellos === 2) throw new Error('boom');
    st.hellos++;
  },
});
const sender = defineActor({ kind: 'sender', state: s.record({}), messages: Msg, initial: () => ({}), onMessage() {} });
const system = actorSystem({ name: 'untrusted', roles: { R: { actor: receiver, count: 1 }, S: { actor: sender, count: 1 } }, network: { kind: 'unordered', capacity: 4 } });

describe('a node fed messages its handler cannot take', () => {
  it('refuses them with a rate-limited line, changes nothing, and keeps serving', async () => {
    const net = new MemoryNetwork();
    const dir = mkdtempSync(join(tmpdir(), 'il-untrusted-'));
    const addresses = [
      { kind: 'memory' as const, name: 'R' },
      { kind: 'memory' as const, name: 'S' },
    ];
    const logger = memoryLogger();
    const host = await NodeHost.start({ system, node: 0, protocol: 'untrusted', params: {}, timeouts: {}, network: net, addresses, logPath: join(dir, 'R.log'), tracePath: join(dir, 'R.trace.jsonl'), logger });
    const msgs = receiver.messages as unknown as MessageSchema;
    const peer = createTransport({ self: 'S', network: net, codec: schemaFrames(envelopeSchema(msgs, 2)), onMessage: () => {} });
    peer.connect('R', addresses[0]!);
    for (let i = 0; i < 5; i++) peer.send('R', { seq: i, vc: [0, i + 1], msg: msgs.toFlat({ type: 'Hello' } as never) } as never);
    for (let i = 0; i < 100 && host.stats.steps + host.stats.refusedMessages < 6; i++) await new Promise((r) => setTimeout(r, 5));
    await host.settled();
    expect(host.stats.refusedMessages).toBe(3);
    expect(logger.lines.filter((l) => l.includes('refused a message from S: its handler threw: boom'))).toHaveLength(1);
    await peer.close();
    await host.stop();
    const steps = readTrace(join(dir, 'R.trace.jsonl')).steps;
    expect(steps.map((st) => st.kind)).toEqual(['start', 'deliver', 'deliver']);
    // The refused messages left no trace in the clock either.
    expect(steps.at(-1)!.vc).toEqual([3, 2]);
  });
});
