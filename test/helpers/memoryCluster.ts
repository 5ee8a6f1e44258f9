import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_FAULTS, resolveDeploymentParams } from '../../model/actors/index.js';
import type { Deployment, WorkloadInput } from '../../model/actors/index.js';
import { NodeHost } from '../../impl/node/index.js';
import { MemoryNetwork } from '../../impl/transport/index.js';
import type { FaultPlan } from '../../impl/transport/index.js';

/** What an in-process run did. */
export interface MemoryRun {
  readonly dir: string;
  readonly outcomes: Map<number, string>;
  readonly hosts: NodeHost[];
}

/**
 * Runs `d` in this process over an in-memory network: every node a {@link NodeHost}, the workload driven
 * to completion (or `timeoutMs`), then every node stopped cleanly. `kill(at)` hooks let a test crash and
 * restart a node (a crash here is dropping the host without stopping it, and closing its transport).
 */
export async function memoryRun(
  d: Deployment,
  given: Record<string, number>,
  opts: { timeoutMs?: number; faults?: (from: number, to: number) => FaultPlan | undefined; dir?: string; onProgress?: (done: number, hosts: NodeHost[]) => Promise<void> } = {},
): Promise<MemoryRun> {
  const params = resolveDeploymentParams(d, given);
  const system = d.system(params, NO_FAULTS);
  const net = new MemoryNetwork();
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), `il-mem-${d.id}-`));
  const names = system.topology.nodes.map((n) => n.name);
  const addresses = names.map((n) => ({ kind: 'memory' as const, name: n }));
  const workload = d.workload(params, 1);
  const outcomes = new Map<number, string>();
  const started = new Set<number>();
  const hosts: NodeHost[] = [];
  // Like the launcher, keep a client's inputs to one node in order behind a delayed one (`after`).
  const chains = new Map<number, Promise<void>>();
  const offer = (inputs: readonly WorkloadInput[]) => {
    for (const x of inputs) {
      if (x.op !== undefined) started.add(x.op);
      const chain = chains.get(x.node);
      if (!chain && !x.after) {
        hosts[x.node]!.input(x.input);
        continue;
      }
      const next = (chain ?? Promise.resolve()).then(() => (x.after ? new Promise<void>((r) => setTimeout(r, x.after)) : undefined)).then(() => {
        hosts[x.node]!.input(x.input);
        if (chains.get(x.node) === next) chains.delete(x.node);
      });
      chains.set(x.node, next);
    }
  };
  const react = (r: { completes?: readonly { op: number; outcome: string }[]; inputs?: readonly WorkloadInput[] }) => {
    for (const c of r.completes ?? []) if (started.has(c.op) && !outcomes.has(c.op)) outcomes.set(c.op, c.outcome);
    if (r.inputs) queueMicrotask(() => offer(r.inputs!));
  };
  for (let id = 0; id < names.length; id++) {
    hosts.push(
      await NodeHost.start({
        system,
        node: id,
        protocol: d.id,
        params,
        timeouts: d.timeouts(params),
        network: net,
        addresses,
        logPath: join(dir, `${names[id]}.log`),
        tracePath: join(dir, `${names[id]}.trace.jsonl`),
        ...(opts.faults ? { linkFaults: (peer: number) => opts.faults!(id, peer) } : {}),
        onEffect: (e) => react(workload.react(id, e)),
        onRefused: (x) => react(workload.refused(id, x)),
      }),
    );
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (outcomes.size < workload.operations && Date.now() < deadline) {
    const open = started.size - outcomes.size;
    offer(workload.start(Math.max(0, workload.concurrency - open)));
    await new Promise((r) => setTimeout(r, 2));
    if (opts.onProgress) await opts.onProgress(outcomes.size, hosts);
  }
  for (const h of hosts) await h.settled();
  await Promise.all(hosts.map((h) => h.stop()));
  return { dir, outcomes, hosts };
}
