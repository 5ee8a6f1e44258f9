/**
 * The faults of a cluster run, fired as their time comes: the kills (SIGKILL, and power losses, which also
 * damage the node's unsynced files once the process is gone) and restarts of the resolved fault schedule.
 *
 * The run's loop calls {@link FaultLoop.fireDue} at each turn. A kill asked for by name that finds its
 * node down, or a restart that finds it up, does nothing and is listed as unfired; so are, at the end,
 * the promised faults whose time had not come ({@link FaultLoop.finish}). A restart forks the node again
 * only once its old process is surely gone, so the new one opens the same log and trace alone.
 *
 * @example
 * ```ts
 * const faults = new FaultLoop(schedule, nodes, { seed: 1, dir, say, elapsed, killed, restarting });
 * faults.fireDue(elapsed());   // at each turn of the run's loop
 * const unfired = faults.finish();
 * ```
 *
 * @module
 */
import { nodeFiles } from '../node/nodeFiles.js';
import { prng } from '../transport/index.js';
import type { FaultSchedule } from './faultSpec.js';
import type { NodeProcesses } from './nodeProcesses.js';
import { simulatePowerLoss } from './powerLoss.js';
import type { UnfiredFault } from './stats.js';

/** Options of {@link FaultLoop}. */
export interface FaultLoopOptions {
  /** Seeds the damage of power losses (the fault spec's seed). */
  readonly seed: number;
  /** The run's folder, where the nodes' files are. */
  readonly dir: string;
  /** Progress lines (one per fault). */
  readonly say: (line: string) => void;
  /** Milliseconds since the run began. */
  readonly elapsed: () => number;
  /** Node `node` was just killed (the workload hears of it). */
  readonly killed: (node: number) => void;
  /** Node `node` is about to be restarted (the workload hears of it before the fork). */
  readonly restarting: (node: number) => void;
}

/** The fault schedule of a run, fired against its node processes (see the module documentation). */
export class FaultLoop {
  /** Kills fired (power losses included). */
  kills = 0;
  /** Restarts fired. */
  restarts = 0;
  /** Of the kills, the power losses. */
  powerLosses = 0;
  private nextFault = 0;
  private readonly unfired: UnfiredFault[] = [];

  /**
   * @param schedule - the resolved fault schedule
   * @param nodes - the run's node processes
   * @param options - see {@link FaultLoopOptions}
   */
  constructor(
    private readonly schedule: FaultSchedule,
    private readonly nodes: NodeProcesses,
    private readonly options: FaultLoopOptions,
  ) {}

  /** Whether no fault is scheduled at or after `now`. */
  allPast(now: number): boolean {
    return this.schedule.events.every((e) => e.at < now);
  }

  /** Fires every fault whose time (ms since the run began) is at most `now`. */
  fireDue(now: number): void {
    const { schedule, nodes, options } = this;
    const { say, elapsed } = options;
    while (this.nextFault < schedule.events.length && schedule.events[this.nextFault]!.at <= now) {
      const ev = schedule.events[this.nextFault++]!;
      const p = nodes.procs[ev.node]!;
      // A kill asked for by name that finds its node down (or a restart that finds it up) does nothing.
      if (schedule.promised.has(ev) && (ev.kind === 'kill') !== (p.child !== null)) {
        this.unfired.push({ kind: ev.kind, node: p.name, at: ev.at, why: ev.kind === 'kill' ? 'the node was already down' : 'the node was already up' });
      }
      if (ev.kind === 'kill' && p.child) {
        nodes.kill(p);
        this.kills++;
        if (ev.powerLoss) {
          // Once the process is gone, and before any restart opens its files (restarts wait on `exited`).
          const random = prng(options.seed, `powerloss:${p.name}:${this.powerLosses++}`);
          p.exited = p.exited.then(() => {
            const damage = simulatePowerLoss(nodeFiles(options.dir, p.name), random);
            say(`[${(elapsed() / 1000).toFixed(1)}s] power loss of ${p.name}: ${damage.traceLines} trace lines lost${damage.tornTrace ? ', a torn trace line' : ''}${damage.tornLog ? ', a torn log record' : ''}`);
          });
        }
        say(`[${(now / 1000).toFixed(1)}s] killed ${p.name} (SIGKILL${ev.powerLoss ? ', power loss' : ''})`);
        options.killed(p.id);
      } else if (ev.kind === 'restart' && !p.child) {
        this.restarts++;
        say(`[${(now / 1000).toFixed(1)}s] restarting ${p.name}`);
        // Before the spawn: what the node does in its recovery step may complete an operation this begins.
        options.restarting(p.id);
        // The new process opens the same log and trace: only once the old one is surely gone.
        p.exited.then(() => nodes.spawn(p)).then(
          () => say(`[${(elapsed() / 1000).toFixed(1)}s] ${p.name} recovered`),
          (e: Error) => say(`[${(elapsed() / 1000).toFixed(1)}s] ${e.message}`),
        );
      }
    }
  }

  /**
   * The faults that did not happen: those found without effect, and those whose time had not come — a
   * kill asked for by name, and a restart that would have brought back a node that is down. The run did
   * not test what was asked, and the summary must say so.
   */
  finish(): UnfiredFault[] {
    const { schedule, nodes } = this;
    for (const ev of schedule.events.slice(this.nextFault)) {
      const p = nodes.procs[ev.node]!;
      if (ev.kind === 'kill' ? schedule.promised.has(ev) : p.child === null) this.unfired.push({ kind: ev.kind, node: p.name, at: ev.at, why: 'the run ended first' });
    }
    return this.unfired;
  }
}
