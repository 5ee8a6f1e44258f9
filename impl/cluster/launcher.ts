/**
 * The cluster launcher: every node of a deployed protocol as its own OS process on loopback, the client
 * workload driven from here, faults injected on schedule, and a summary at the end.
 *
 * Each node is `dist/impl/node/main.js` (compiled JavaScript), forked with an IPC channel through which
 * the launcher offers client inputs and hears the nodes' observations and deliveries; its stderr goes to
 * `DIR/<node>.out`. A kill is a real SIGKILL; a restart forks the node again on the same files, and it
 * recovers from its log. Inputs for a node that is down wait until it is back, as a client would retry;
 * an input the workload delays (`after`, a client inside its critical section) holds back the inputs to
 * the same node behind it. The workload hears of each kill and restart (`killed`, `restarted`), as the
 * failure detector a protocol assumes would. The summary notes when the last operation finished, so that
 * a run that stalled (a lost token) says so.
 * Over TCP the links are mutual TLS 1.3 unless `links: 'insecure'`: before any node starts, the launcher
 * makes a CA and one certificate per node in `DIR/tls` (`tlsFiles.ts`), or checks the folder it was given,
 * and each node loads its own files from there. Unix sockets go in `DIR/sockets`, a folder of mode 0700.
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
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deployment, DeploymentParams, Effect, Reaction, WorkloadInput } from '../../model/actors/index.js';
import type { NodeProcessConfig } from '../node/main.js';
import { nodeFiles } from '../node/nodeFiles.js';
import { prng } from '../transport/index.js';
import { ClusterError } from './errors.js';
import { simulatePowerLoss } from './powerLoss.js';
import { brokenAssumptions, resolveFaultSpec } from './faultSpec.js';
import { prepareRunDir } from './runDir.js';
import type { FaultSpec } from './faultSpec.js';
import { ACKS_FILE, percentile } from './stats.js';
import type { RunSummary, UnfiredFault } from './stats.js';

import { checkTlsDir, createRunCertificates } from './tlsFiles.js';

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


/**
 * How long a node process may take to say it is ready. Starting Node.js and recovering a long log takes
 * well under a second on an idle machine, but several seconds on a loaded 2-core one.
 */
const READY_TIMEOUT_MS = 30_000;

interface NodeProc {
  readonly id: number;
  readonly name: string;
  child: ChildProcess | null;
  /** Resolves when the last process of this node has exited (a restart waits for it). */
  exited: Promise<void>;
  up: boolean;
  ready: Promise<void> | null;
  pending: unknown[];
  /** Inputs the client delayed (`after`), and those offered to the node behind them, in order. */
  later: { readonly x: WorkloadInput; readonly at: number }[];
  laterTimer: NodeJS.Timeout | null;
  /** The last stats of each incarnation. */
  stats: Map<
    number,
    {
      steps: number;
      refusedMessages?: number;
      log: { fsyncs: number; commits: number; records: number };
      transport: { lost: number; duplicated: number; rejected: number; deadlineClosed: number };
    }
  >;
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
  const addresses: string[] = [];
  const entry = o.nodeEntry ?? fileURLToPath(new URL('../node/main.js', import.meta.url));
  if (!existsSync(entry)) throw new ClusterError(`node entry ${entry} not found; build the project first (npm run build)`);
  const tls = o.transport === 'tcp' && (o.links ?? 'tls') === 'tls';
  const tlsDir = tls ? resolve(o.tlsDir ?? join(dir, 'tls')) : null;
  if (tlsDir !== null) {
    const names = nodes.map((n) => n.name);
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
  const ports = o.transport === 'tcp' ? await freePorts(nodes.length) : [];
  nodes.forEach((n, i) => addresses.push(o.transport === 'tcp' ? `tcp://127.0.0.1:${ports[i]}` : `unix:${join(sockets, `${n.name}.sock`)}`));
  const say = o.onLine ?? (() => {});
  writeFileSync(
    join(dir, 'run.json'),
    `${JSON.stringify({ protocol: d.id, ...(d.module !== undefined ? { module: d.module } : {}), params: o.params, transport: o.transport, links, tlsDir, faults: o.faults.text, durationMs: o.durationMs ?? null, nodes: nodes.map((n, i) => ({ name: n.name, address: addresses[i] })), startedAt: new Date().toISOString() }, null, 2)}\n`,
  );

  const workload = d.workload(o.params, o.seed ?? o.faults.seed);
  const begun = new Map<number, number>();
  /** Operations offered, including those whose input waits behind a delayed one (for the pace and the limit). */
  const issued = new Set<number>();
  const done = new Map<number, { outcome: string; latency: number; at: number }>();
  const procs: NodeProc[] = nodes.map((n) => ({ id: n.id, name: n.name, child: null, exited: Promise.resolve(), up: false, ready: null, pending: [], later: [], laterTimer: null, stats: new Map() }));
  let kills = 0;
  let restarts = 0;
  let powerLosses = 0;
  const acksPath = join(dir, ACKS_FILE);
  let t0 = performance.now();
  const elapsed = () => performance.now() - t0;

  /** Hands an input to its node now; a node that is down gets it when it is back, as a client would retry. */
  const deliver = (x: WorkloadInput) => {
    if (x.op !== undefined && !begun.has(x.op)) begun.set(x.op, performance.now());
    const p = procs[x.node]!;
    if (p.up && p.child?.connected) p.child.send({ type: 'input', input: x.input });
    else p.pending.push(x.input);
  };
  const flushLater = (p: NodeProc) => {
    p.laterTimer = null;
    const now = performance.now();
    while (p.later.length > 0 && p.later[0]!.at <= now) deliver(p.later.shift()!.x);
    if (p.later.length > 0) p.laterTimer = setTimeout(() => flushLater(p), p.later[0]!.at - now);
  };
  const offer = (inputs: readonly WorkloadInput[]) => {
    for (const x of inputs) {
      if (x.op !== undefined) issued.add(x.op);
      const p = procs[x.node]!;
      const after = x.after ?? 0;
      if (after <= 0 && p.later.length === 0) {
        deliver(x);
        continue;
      }
      // Behind a delayed input, an input to the same node waits its turn: a client's inputs stay in order.
      const at = Math.max(performance.now() + after, p.later.at(-1)?.at ?? 0);
      p.later.push({ x, at });
      if (!p.laterTimer) p.laterTimer = setTimeout(() => flushLater(p), at - performance.now());
    }
  };
  let pace = 0;
  let running = false;
  /** Begins as many operations as the concurrency limit and the pace allow. */
  const pump = () => {
    if (!running) return;
    const open = issued.size - done.size;
    let allowed = Math.max(0, workload.concurrency - open);
    if (pace > 0) allowed = Math.min(allowed, Math.max(0, Math.floor(elapsed() / pace) + 1 - issued.size));
    if (allowed > 0) offer(workload.start(allowed));
  };
  const react = (r: Reaction) => {
    let finished = false;
    for (const op of r.begins ?? []) {
      issued.add(op);
      if (!begun.has(op)) begun.set(op, performance.now());
    }
    for (const c of r.completes ?? []) {
      const at = begun.get(c.op);
      if (at !== undefined && !done.has(c.op)) {
        done.set(c.op, { outcome: c.outcome, latency: performance.now() - at, at: elapsed() });
        // The client's own record of what it was told, for checkers that trust neither nodes nor traces.
        appendFileSync(acksPath, `${JSON.stringify({ op: c.op, outcome: c.outcome, t: Math.round(elapsed()) })}\n`);
        finished = true;
      }
    }
    if (r.inputs && r.inputs.length > 0) offer(r.inputs);
    // A finished operation frees a slot: fill it now rather than at the next turn of the loop.
    if (finished) pump();
  };

  const spawn = (p: NodeProc): Promise<void> => {
    const config: NodeProcessConfig = { protocol: d.id, module: d.module ?? null, params: o.params, node: p.id, dir, addresses, tlsDir, links: nodes.map((_, to) => schedule.linkPlan(p.id, to) ?? null), statsEvery: 250 };
    const out = openSync(join(dir, `${p.name}.out`), 'a');
    const child = fork(entry, [JSON.stringify(config)], { stdio: ['ignore', out, out, 'ipc'] });
    closeSync(out);
    p.child = child;
    p.exited = new Promise<void>((r) => child.once('exit', () => r()));
    p.ready = new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new ClusterError(`node ${p.name} did not come up within ${READY_TIMEOUT_MS / 1000} s (see ${join(dir, `${p.name}.out`)})`)), READY_TIMEOUT_MS);
      child.on('message', (m: { type: string; effect?: Effect; input?: unknown; incarnation?: number }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          p.up = true;
          const queued = p.pending;
          p.pending = [];
          for (const x of queued) child.send({ type: 'input', input: x });
          res();
        } else if (m.type === 'effect') react(workload.react(p.id, m.effect!));
        else if (m.type === 'refused') react(workload.refused(p.id, m.input));
        else if (m.type === 'stats') p.stats.set((m as unknown as { incarnation: number }).incarnation, m as never);
      });
      child.on('exit', (code, sig) => {
        clearTimeout(timer);
        if (p.child === child) {
          p.up = false;
          p.child = null;
        }
        if (!p.up && code !== 0 && sig !== 'SIGKILL' && !stopping) say(`[${(elapsed() / 1000).toFixed(1)}s] ${p.name} exited unexpectedly (${sig ?? `code ${code}`}; see ${p.name}.out)`);
        rej(new ClusterError(`node ${p.name} exited before it was ready (${sig ?? `code ${code}`}; see ${join(dir, `${p.name}.out`)})`));
      });
    });
    return p.ready;
  };

  let stopping = false;
  /** The nodes that stopped cleanly at the end (their traces must end with a seal). */
  const stoppedCleanly: string[] = [];
  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      procs.map(async (p) => {
        const child = p.child;
        if (!child) return;
        const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
        if (child.connected) child.send({ type: 'stop' });
        const late = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(late);
        if (child.exitCode === 0) stoppedCleanly.push(p.name);
      }),
    );
  };

  try {
    await Promise.all(procs.map(spawn));
  } catch (e) {
    await stopAll();
    throw e;
  }
  say(`started ${nodes.length} nodes of ${d.id} over ${o.transport} (links: ${links}) in ${dir}`);
  // Time, and the fault schedule, start once every node is up.
  t0 = performance.now();

  let ended: RunSummary['ended'] = 'done';
  let nextFault = 0;
  const unfired: UnfiredFault[] = [];
  let lastReport = 0;
  let lastProgress = 0;
  let progressCount = 0;
  pace = o.durationMs !== undefined ? (0.8 * o.durationMs) / workload.operations : 0;
  running = true;
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
    while (nextFault < schedule.events.length && schedule.events[nextFault]!.at <= now) {
      const ev = schedule.events[nextFault++]!;
      const p = procs[ev.node]!;
      // A kill asked for by name that finds its node down (or a restart that finds it up) does nothing.
      if (schedule.promised.has(ev) && (ev.kind === 'kill') !== (p.child !== null)) {
        unfired.push({ kind: ev.kind, node: p.name, at: ev.at, why: ev.kind === 'kill' ? 'the node was already down' : 'the node was already up' });
      }
      if (ev.kind === 'kill' && p.child) {
        p.child.kill('SIGKILL');
        p.child = null;
        p.up = false;
        kills++;
        if (ev.powerLoss) {
          // Once the process is gone, and before any restart opens its files (restarts wait on `exited`).
          const random = prng(o.faults.seed, `powerloss:${p.name}:${powerLosses++}`);
          p.exited = p.exited.then(() => {
            const damage = simulatePowerLoss(nodeFiles(dir, p.name), random);
            say(`[${(elapsed() / 1000).toFixed(1)}s] power loss of ${p.name}: ${damage.traceLines} trace lines lost${damage.tornTrace ? ', a torn trace line' : ''}${damage.tornLog ? ', a torn log record' : ''}`);
          });
        }
        say(`[${(now / 1000).toFixed(1)}s] killed ${p.name} (SIGKILL${ev.powerLoss ? ', power loss' : ''})`);
        if (workload.killed) react(workload.killed(p.id));
      } else if (ev.kind === 'restart' && !p.child) {
        restarts++;
        say(`[${(now / 1000).toFixed(1)}s] restarting ${p.name}`);
        // Before the spawn: what the node does in its recovery step may complete an operation this begins.
        if (workload.restarted) react(workload.restarted(p.id));
        // The new process opens the same log and trace: only once the old one is surely gone.
        p.exited.then(() => spawn(p)).then(
          () => say(`[${(elapsed() / 1000).toFixed(1)}s] ${p.name} recovered`),
          (e: Error) => say(`[${(elapsed() / 1000).toFixed(1)}s] ${e.message}`),
        );
      }
    }
    if (done.size !== progressCount) {
      progressCount = done.size;
      lastProgress = now;
    }
    if (o.durationMs === undefined && now - lastProgress > STALL_MS && schedule.events.every((e) => e.at < now)) {
      ended = 'stalled';
      say(`[${(now / 1000).toFixed(1)}s] no operation finished for ${STALL_MS / 1000} s; stopping (inputs may have died with a killed node)`);
      break;
    }
    const open = issued.size - done.size;
    pump();
    if (now - lastReport >= 1000) {
      lastReport = now;
      const counts = countOutcomes(done);
      say(`[${(now / 1000).toFixed(1)}s] ${done.size}/${workload.operations} done${counts ? ` (${counts})` : ''}, ${open} open, ${procs.filter((p) => !p.up).map((p) => `${p.name} down`).join(', ') || 'all up'}`);
    }
    await sleep(1);
  }
  running = false;
  // Faults whose time had not come: a kill asked for by name, and a restart that would have brought back a
  // node that is down. The run did not test what was asked, and the summary must say so.
  for (const ev of schedule.events.slice(nextFault)) {
    const p = procs[ev.node]!;
    if (ev.kind === 'kill' ? schedule.promised.has(ev) : p.child === null) unfired.push({ kind: ev.kind, node: p.name, at: ev.at, why: 'the run ended first' });
  }
  for (const p of procs) if (p.laterTimer) clearTimeout(p.laterTimer);
  const seconds = elapsed() / 1000;
  if (ended === 'done') await sleep(o.lingerMs ?? 1000);
  await stopAll();

  const outcomes: Record<string, number> = {};
  for (const v of done.values()) outcomes[v.outcome] = (outcomes[v.outcome] ?? 0) + 1;
  const latencies = [...done.values()].map((v) => v.latency);
  const lastDone = done.size > 0 ? Math.max(...[...done.values()].map((v) => v.at)) / 1000 : NaN;
  let fsyncs = 0;
  let commits = 0;
  let records = 0;
  let lost = 0;
  let duplicated = 0;
  let refused = 0;
  let steps = 0;
  for (const p of procs) {
    for (const s of p.stats.values()) {
      fsyncs += s.log.fsyncs;
      commits += s.log.commits;
      records += s.log.records;
      lost += s.transport.lost;
      duplicated += s.transport.duplicated;
      refused += s.transport.rejected + s.transport.deadlineClosed + (s.refusedMessages ?? 0);
      steps += s.steps;
    }
  }
  const summary: RunSummary = {
    protocol: d.id,
    params: o.params,
    transport: o.transport,
    links,
    dir,
    ended,
    seconds,
    operations: { total: workload.operations, started: begun.size, done: done.size },
    outcomes,
    throughput: done.size / seconds,
    latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.length ? Math.max(...latencies) : NaN },
    lastDone,
    ...(workload.figures ? { figures: workload.figures } : {}),
    faults: { kills, restarts, powerLosses, lost, duplicated, refused, spec: o.faults.text, unfired, brokenAssumptions: broken },
    log: { fsyncs, commits, records, fsyncsPerOperation: fsyncs / done.size },
    steps,
    stoppedCleanly: procs.map((p) => p.name).filter((n) => stoppedCleanly.includes(n)),
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function countOutcomes(done: Map<number, { outcome: string }>): string {
  const c: Record<string, number> = {};
  for (const v of done.values()) c[v.outcome] = (c[v.outcome] ?? 0) + 1;
  return Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}
