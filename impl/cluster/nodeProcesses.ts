/**
 * The node processes of a cluster run: forking each node, waiting until it is ready, killing it, and
 * stopping them all at the end.
 *
 * Each node is `dist/impl/node/main.js` (compiled JavaScript), forked with an IPC channel (the messages
 * of `impl/node/ipc.ts`) through which the launcher offers client inputs and hears the nodes'
 * observations, deliveries and stats; its stderr goes to `DIR/<node>.out`. A kill is a real SIGKILL; a
 * restart forks the node again on the same files, and it recovers from its log. Inputs for a node that is
 * down wait until it is back, as a client would retry. At the end every live node is asked to stop (each
 * drains its pending steps and closes its files), and any that does not stop within a few seconds is
 * killed. A message from a node that does not parse is ignored, with a progress line.
 *
 * @example
 * ```ts
 * const nodes = new NodeProcesses([{ id: 0, name: 'C' }], { entry, dir, config, onEffect, onRefused, say, elapsed });
 * await nodes.spawnAll();
 * nodes.input(0, 3);
 * await nodes.stopAll();
 * ```
 *
 * @module
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Effect } from '../../model/actors/index.js';
import { parseNodeToLauncher } from '../node/ipc.js';
import type { LauncherToNode, NodeStatsMessage } from '../node/ipc.js';
import type { NodeProcessConfig } from '../node/main.js';
import { ClusterError } from './errors.js';

/**
 * How long a node process may take to say it is ready. Starting Node.js and recovering a long log takes
 * well under a second on an idle machine, but several seconds on a loaded 2-core one.
 */
const READY_TIMEOUT_MS = 30_000;

/** One node of the run and its current process, if any. */
export interface NodeProc {
  readonly id: number;
  readonly name: string;
  child: ChildProcess | null;
  /** Resolves when the last process of this node has exited (a restart waits for it). */
  exited: Promise<void>;
  up: boolean;
  ready: Promise<void> | null;
  pending: unknown[];
  /** The last stats of each incarnation. */
  stats: Map<number, NodeStatsMessage>;
}

/** Options of {@link NodeProcesses}. */
export interface NodeProcessesOptions {
  /** The node entry point (`dist/impl/node/main.js`). */
  readonly entry: string;
  /** The run's folder, where each node's `.out` file goes. */
  readonly dir: string;
  /** The config of node `id`'s process, made at each fork. */
  readonly config: (id: number) => NodeProcessConfig;
  /** An effect a node reported (for the client). */
  readonly onEffect: (node: number, effect: Effect) => void;
  /** A client input a node refused. */
  readonly onRefused: (node: number, input: unknown) => void;
  /** Progress lines. */
  readonly say: (line: string) => void;
  /** Milliseconds since the run began (for progress lines). */
  readonly elapsed: () => number;
}

/** The node processes of a run (see the module documentation). */
export class NodeProcesses {
  /** Every node, by id. */
  readonly procs: NodeProc[];
  /** The nodes that stopped cleanly at the end (their traces must end with a seal). */
  readonly stoppedCleanly: string[] = [];
  private stopping = false;

  /**
   * @param nodes - the nodes of the run, by id
   * @param options - see {@link NodeProcessesOptions}
   */
  constructor(
    nodes: readonly { readonly id: number; readonly name: string }[],
    private readonly options: NodeProcessesOptions,
  ) {
    this.procs = nodes.map((n) => ({ id: n.id, name: n.name, child: null, exited: Promise.resolve(), up: false, ready: null, pending: [], stats: new Map() }));
  }

  /** Hands a client input to node `node` now, or, while it is down, when it is back. */
  input(node: number, input: unknown): void {
    const p = this.procs[node]!;
    if (p.up && p.child?.connected) p.child.send({ type: 'input', input } satisfies LauncherToNode);
    else p.pending.push(input);
  }

  /** Forks every node; resolves when all are ready, rejects if one is not. */
  spawnAll(): Promise<void> {
    return Promise.all(this.procs.map((p) => this.spawn(p))).then(() => {});
  }

  /** Forks node `p` (again) on its files; resolves when it is ready. */
  spawn(p: NodeProc): Promise<void> {
    const { entry, dir, say, elapsed } = this.options;
    const config = this.options.config(p.id);
    const out = openSync(join(dir, `${p.name}.out`), 'a');
    const child = fork(entry, [JSON.stringify(config)], { stdio: ['ignore', out, out, 'ipc'] });
    closeSync(out);
    p.child = child;
    p.exited = new Promise<void>((r) => child.once('exit', () => r()));
    p.ready = new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new ClusterError(`node ${p.name} did not come up within ${READY_TIMEOUT_MS / 1000} s (see ${join(dir, `${p.name}.out`)})`)), READY_TIMEOUT_MS);
      child.on('message', (raw: unknown) => {
        const m = parseNodeToLauncher(raw);
        if ('error' in m) say(`[${(elapsed() / 1000).toFixed(1)}s] ${p.name}: ignored an IPC message: ${m.error}`);
        else if (m.type === 'ready') {
          clearTimeout(timer);
          p.up = true;
          const queued = p.pending;
          p.pending = [];
          for (const x of queued) child.send({ type: 'input', input: x } satisfies LauncherToNode);
          res();
        } else if (m.type === 'effect') this.options.onEffect(p.id, m.effect);
        else if (m.type === 'refused') this.options.onRefused(p.id, m.input);
        else if (m.type === 'stats') p.stats.set(m.incarnation, m);
      });
      child.on('exit', (code, sig) => {
        clearTimeout(timer);
        if (p.child === child) {
          p.up = false;
          p.child = null;
        }
        if (!p.up && code !== 0 && sig !== 'SIGKILL' && !this.stopping) say(`[${(elapsed() / 1000).toFixed(1)}s] ${p.name} exited unexpectedly (${sig ?? `code ${code}`}; see ${p.name}.out)`);
        rej(new ClusterError(`node ${p.name} exited before it was ready (${sig ?? `code ${code}`}; see ${join(dir, `${p.name}.out`)})`));
      });
    });
    return p.ready;
  }

  /** Kills node `p`'s process with SIGKILL (a crash); it is down from now on. */
  kill(p: NodeProc): void {
    p.child?.kill('SIGKILL');
    p.child = null;
    p.up = false;
  }

  /** Asks every live node to stop, kills those that have not within 5 s, and resolves when all have exited. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.procs.map(async (p) => {
        const child = p.child;
        if (!child) return;
        const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
        if (child.connected) child.send({ type: 'stop' } satisfies LauncherToNode);
        const late = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(late);
        if (child.exitCode === 0) this.stoppedCleanly.push(p.name);
      }),
    );
  }
}
