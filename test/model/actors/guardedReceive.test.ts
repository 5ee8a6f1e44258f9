import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { always, s } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages } from '../../../model/actors/index.js';
import type { SystemView } from '../../../model/actors/index.js';
import { NodeHost } from '../../../impl/node/index.js';
import { MemoryNetwork } from '../../../impl/transport/index.js';
import { readTrace } from '../../../impl/trace/index.js';

/** The sender sends Data, then Open; the receiver takes Data only once it is open (a guarded receive). */
const Msg = messages({ Data: {}, Open: {} });
const sender = defineActor({
  kind: 'sender',
  state: s.record({}),
  messages: Msg,
  initial: () => ({}),
  onStart(_st, ctx) {
    ctx.send(1, { type: 'Data' });
    ctx.send(1, { type: 'Open' });
  },
  onMessage() {},
});
const receiver = defineActor({
  kind: 'receiver',
  state: s.record({ open: s.boolean(), got: s.boolean() }),
  messages: Msg,
  initial: () => ({ open: false, got: false }),
  onMessage(st, _from, msg) {
    if (msg.type === 'Open') st.open = true;
    else {
      if (!st.open) return false; // not yet: the Data stays in flight
      st.got = true;
    }
  },
});
const roles = { S: { actor: sender, count: 1 }, R: { actor: receiver, count: 1 } };
const system = (kind: 'unordered' | 'fifo') =>
  actorSystem({
    name: 'guarded',
    roles,
    network: { kind, capacity: 2 },
    properties: [always<SystemView<typeof roles>>('dataOnlyWhenOpen', (st) => !st.nodes.R.get(0).local.got || st.nodes.R.get(0).local.open)],
    // It ends well only once the receiver has its Data.
    isLegalEnd: (st) => st.nodes.R.get(0).local.got,
  });

describe('a guarded receive', () => {
  it('is not an enabled delivery while the handler declines it: the message waits in flight', () => {
    const r = checkSync(system('unordered'));
    expect(r.verdict).toBe('holds');
    // init (both in flight), Open delivered, then Data delivered: Data first is not a step.
    expect(r.stats).toMatchObject({ distinct: 3, generated: 3 });
  });

  it('on FIFO links, blocks the link behind the declined head: a deadlock', () => {
    const r = checkSync(system('fifo'));
    expect(r.verdict).toBe('deadlock');
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init']);
  });

  it('runs for real: the node keeps the declined message and takes it after the step that opens it', async () => {
    const sys = system('unordered');
    const net = new MemoryNetwork();
    const dir = mkdtempSync(join(tmpdir(), 'il-guarded-'));
    const addresses = ['S', 'R'].map((name) => ({ kind: 'memory' as const, name }));
    const hosts: NodeHost[] = [];
    for (const node of [1, 0]) {
      hosts.push(
        await NodeHost.start({ system: sys, node, protocol: 'guarded', params: {}, timeouts: {}, network: net, addresses, logPath: join(dir, `${addresses[node]!.name}.log`), tracePath: join(dir, `${addresses[node]!.name}.trace.jsonl`) }),
      );
    }
    for (let i = 0; i < 100 && readTrace(join(dir, 'R.trace.jsonl')).steps.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    for (const h of hosts) await h.settled();
    await Promise.all(hosts.map((h) => h.stop()));
    const steps = readTrace(join(dir, 'R.trace.jsonl')).steps;
    expect(steps.map((st) => (st.kind === 'deliver' ? (st.msg as { type: string }).type : st.kind))).toEqual(['start', 'Open', 'Data']);
  });
});
