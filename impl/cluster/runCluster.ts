/**
 * The cluster launcher: every node of a deployed protocol as its own OS process on loopback, the client
 * workload driven from here, faults injected on schedule, and a summary at the end.
 *
 * Each node is `dist/impl/node/main.js` (compiled JavaScript), forked with an IPC channel through which
 * the launcher offers client inputs and hears the nodes' observations and deliveries (the messages of
 * `impl/node/ipc.ts`); its stderr goes to `DIR/<node>.out`. A kill is a real SIGKILL; a restart forks the
 * node again on the same files, and it recovers from its log (`nodeProcesses.ts`). Inputs for a node that
 * is down wait until it is back, as a client would retry; an input the workload delays (`after`, a client
 * inside its critical section) holds back the inputs to the same node behind it (`workloadDriver.ts`). The
 * workload hears of each kill and restart (`killed`, `restarted`), as the failure detector a protocol
 * assumes would; kills, power losses and restarts come from the fault schedule (`faultLoop.ts`). The
 * summary notes when the last operation finished, so that a run that stalled (a lost token) says so
 * (`summarizeRun.ts`).
 * Over TCP the links are mutual TLS 1.3 unless `links: 'insecure'`: before any node starts, the launcher
 * makes a CA and one certificate per node in `DIR/tls` (`tlsFiles.ts`), or checks the folder it was given,
 * and each node loads its own files from there. Unix sockets go in `DIR/sockets`, a folder of mode 0700
 * (`clusterLinks.ts`).
 * When the workload is done, the duration has elapsed, or the signal aborts (Ctrl-C), the launcher asks
 * every live node to stop (each drains its pending steps and closes its files), kills any that do not stop
 * within a few seconds, and returns the {@link RunSummary}. Given a duration, new operations are paced
 * evenly over most of it, so that the scheduled faults meet a running workload.
 *
 * @example
 * ```ts
 * const summary = await runCluster({ deployment, params, dir: 'runs/1', transport: 'tcp', durationMs: 10_000,
 *   faults: parseFaultSpec('random,seed=1'), onLine: console.log });
 * ```
 *
 * @module
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deployment, DeploymentParams } from '../../model/actors/index.js';
import { clusterLinks } from './clusterLinks.js';
import { ClusterError } from './errors.js';
import { FaultLoop } from './faultLoop.js';
import { brokenAssumptions, resolveFaultSpec } from './faultSpec.js';
import type { FaultSpec } from './faultSpec.js';
import { NodeProcesses } from './nodeProcesses.js';
import { prepareRunDir } from './runDir.js';
import { ACKS_FILE } from './stats.js';
import type { RunSummary } from './stats.js';
import { countOutcomes, summarizeRun } from './summarizeRun.js';
import { WorkloadDriver } from './workloadDriver.js';

export { ClusterError };

/** Options of {@link runCluster}. */
export interface ClusterOptions {
  readonly deployment: Deployment;
  readonly params: DeploymentParams;
  /** The run's folder: logs, traces, node outputs, `run.json` and `summary.json`. Must hold no traces. */
  readonly dir: string;
  readonly transport: 'tcp' | 'unix';
  /**
   * TCP links: mutual TLS 1.3 with a certificate per node (see `tlsFiles.ts`), or plain TCP, on which any
   * local user can connect and claim to be any node. Ignored for Unix sockets.
   * @defaultValue `'tls'`
   */
  readonly links?: 'tls' | 'insecure';
  /**
   * A folder of certificates made beforehand (`ca.pem`, `<node>.key`, `<node>.pem`).
   * @defaultValue a CA and certificates made for the run in `DIR/tls`
   */
  readonly tlsDir?: string;
  /** Stop after this many ms even if operations remain. @defaultValue until every operation is done */
  readonly durationMs?: number;
  readonly faults: FaultSpec;
  /** Seeds the workload's choices. @defaultValue the fault spec's seed */
  readonly seed?: number;
  /** Progress lines (one per second, and one per fault). */
  readonly onLine?: (line: string) => void;
  /** Aborting stops the run cleanly (Ctrl-C). */
  readonly signal?: AbortSignal;
  /**
   * When every operation is done, keep the nodes running this long before stopping them, so that nodes
   * still missing an outcome (a participant that was down) can learn it.
   * @defaultValue 1000
   */
  readonly lingerMs?: number;
  /** The node entry point. @defaultValue `dist/impl/node/main.js` beside this module */
  readonly nodeEntry?: string;
}


/** Without a duration, a run ends if no operation finishes for this long (and no fault is pending). */
const STALL_MS = 5000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the cluster (see the module documentation) and resolves with its summary. */
export async function runCluster(o: ClusterOptions): Promise<RunSummary> {
  const d = o.deployment;
  const system = d.system(o.params, { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 });
  const nodes = system.topology.nodes;
  const kinds = nodes.map((n) => ({ name: n.name, kind: system.roles[n.role]!.actor.kind }));
  const horizon = o.durationMs ?? 3_600_000;
  // Resolve the faults first: a bad node name should leave no empty run folder behind.
  const assumes = { fifo: system.network.kind === 'fifo' };
  const schedule = resolveFaultSpec(o.faults, kinds, horizon, assumes);
  const broken = brokenAssumptions(o.faults, assumes, d.id);
  const dir = prepareRunDir(o.dir);
  const entry = o.nodeEntry ?? fileURLToPath(new URL('../node/main.js', import.meta.url));
  if (!existsSync(entry)) throw new ClusterError(`node entry ${entry} not found; build the project first (npm run build)`);
  const { tlsDir, links, addresses } = await clusterLinks(o, dir, nodes.map((n) => n.name));
  const say = o.onLine ?? (() => {});
  writeFileSync(
    join(dir, 'run.json'),
    `${JSON.stringify({ protocol: d.id, ...(d.module !== undefined ? { module: d.module } : {}), params: o.params, transport: o.transport, links, tlsDir, faults: o.faults.text, durationMs: o.durationMs ?? null, nodes: nodes.map((n, i) => ({ name: n.name, address: addresses[i] })), startedAt: new Date().toISOString() }, null, 2)}\n`,
  );

  let t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const workload = d.workload(o.params, o.seed ?? o.faults.seed);
  const driver = new WorkloadDriver(workload, nodes.length, { acksPath: join(dir, ACKS_FILE), elapsed, input: (node, input) => procs.input(node, input) });
  const procs = new NodeProcesses(nodes, {
    entry,
    dir,
    config: (id) => ({ protocol: d.id, module: d.module ?? null, params: o.params, node: id, dir, addresses, tlsDir, links: nodes.map((_, to) => schedule.linkPlan(id, to) ?? null), statsEvery: 250 }),
    onEffect: (node, effect) => driver.effect(node, effect),
    onRefused: (node, input) => driver.refused(node, input),
    say,
    elapsed,
  });
  const faults = new FaultLoop(schedule, procs, { seed: o.faults.seed, dir, say, elapsed, killed: (node) => driver.killed(node), restarting: (node) => driver.restarted(node) });

  try {
    await procs.spawnAll();
  } catch (e) {
    await procs.stopAll();
    throw e;
  }
  say(`started ${nodes.length} nodes of ${d.id} over ${o.transport} (links: ${links}) in ${dir}`);
  // Time, and the fault schedule, start once every node is up.
  t0 = performance.now();

  let ended: RunSummary['ended'] = 'done';
  let lastReport = 0;
  let lastProgress = 0;
  let progressCount = 0;
  const { done, issued } = driver;
  driver.start(o.durationMs !== undefined ? (0.8 * o.durationMs) / workload.operations : 0);
  while (done.size < workload.operations) {
    if (o.signal?.aborted) {
      ended = 'interrupted';
      break;
    }
    const now = elapsed();
    if (o.durationMs !== undefined && now >= o.durationMs) {
      ended = 'duration';
      break;
    }
    faults.fireDue(now);
    if (done.size !== progressCount) {
      progressCount = done.size;
      lastProgress = now;
    }
    if (o.durationMs === undefined && now - lastProgress > STALL_MS && faults.allPast(now)) {
      ended = 'stalled';
      say(`[${(now / 1000).toFixed(1)}s] no operation finished for ${STALL_MS / 1000} s; stopping (inputs may have died with a killed node)`);
      break;
    }
    const open = issued.size - done.size;
    driver.pump();
    if (now - lastReport >= 1000) {
      lastReport = now;
      const counts = countOutcomes(done);
      say(`[${(now / 1000).toFixed(1)}s] ${done.size}/${workload.operations} done${counts ? ` (${counts})` : ''}, ${open} open, ${procs.procs.filter((p) => !p.up).map((p) => `${p.name} down`).join(', ') || 'all up'}`);
    }
    await sleep(1);
  }
  driver.stop();
  const unfired = faults.finish();
  const seconds = elapsed() / 1000;
  if (ended === 'done') await sleep(o.lingerMs ?? 1000);
  await procs.stopAll();

  return summarizeRun({
    protocol: d.id,
    params: o.params,
    transport: o.transport,
    links,
    dir,
    ended,
    seconds,
    faultSpec: o.faults.text,
    brokenAssumptions: broken,
    unfired,
    driver,
    faults,
    nodes: procs,
  });
}
