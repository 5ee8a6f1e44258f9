/**
 * The summary of a cluster run, built from what its parts recorded — the workload's operations, the
 * faults fired, the nodes' last stats of each incarnation — and written to `DIR/summary.json`.
 *
 * @example
 * ```ts
 * const summary = summarizeRun({ protocol: 'twophase-log', params, transport: 'tcp', links, dir, ended: 'done',
 *   seconds, faultSpec: 'none', brokenAssumptions: [], unfired: [], driver, faults, nodes });
 * console.log(formatSummary(summary));
 * ```
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentParams } from '../../model/actors/index.js';
import type { FaultLoop } from './faultLoop.js';
import type { NodeProcesses } from './nodeProcesses.js';
import { percentile } from './stats.js';
import type { RunSummary, UnfiredFault } from './stats.js';
import type { WorkloadDriver } from './workloadDriver.js';

/** What {@link summarizeRun} summarizes: the run's facts and its parts, once they have stopped. */
export interface RunRecord {
  readonly protocol: string;
  readonly params: DeploymentParams;
  readonly transport: 'tcp' | 'unix';
  readonly links: RunSummary['links'];
  readonly dir: string;
  readonly ended: RunSummary['ended'];
  /** The run's length: from the moment every node was up to the end of the loop. */
  readonly seconds: number;
  /** The fault spec, as given. */
  readonly faultSpec: string;
  readonly brokenAssumptions: readonly string[];
  readonly unfired: readonly UnfiredFault[];
  readonly driver: WorkloadDriver;
  readonly faults: FaultLoop;
  readonly nodes: NodeProcesses;
}

/** The outcomes of the finished operations, counted, as text (`3 commit, 1 abort`; empty if none). */
export function countOutcomes(done: Map<number, { outcome: string }>): string {
  const c: Record<string, number> = {};
  for (const v of done.values()) c[v.outcome] = (c[v.outcome] ?? 0) + 1;
  return Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}

/** Builds the run's {@link RunSummary}, writes it to `summary.json` in the run's folder, and returns it. */
export function summarizeRun(r: RunRecord): RunSummary {
  const { driver, faults, nodes, seconds } = r;
  const { workload, begun, done } = driver;
  const procs = nodes.procs;
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
      refused += s.transport.rejected + s.transport.deadlineClosed + s.refusedMessages;
      steps += s.steps;
    }
  }
  const summary: RunSummary = {
    protocol: r.protocol,
    params: r.params,
    transport: r.transport,
    links: r.links,
    dir: r.dir,
    ended: r.ended,
    seconds,
    operations: { total: workload.operations, started: begun.size, done: done.size },
    outcomes,
    throughput: done.size / seconds,
    deliveries: driver.deliveries.some((d) => d > 0) ? Object.fromEntries(procs.map((p) => [p.name, driver.deliveries[p.id] ?? 0])) : {},
    latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.length ? Math.max(...latencies) : NaN },
    lastDone,
    ...(workload.figures ? { figures: workload.figures } : {}),
    faults: { kills: faults.kills, restarts: faults.restarts, powerLosses: faults.powerLosses, lost, duplicated, refused, spec: r.faultSpec, unfired: r.unfired, brokenAssumptions: r.brokenAssumptions },
    log: { fsyncs, commits, records, fsyncsPerOperation: fsyncs / done.size },
    steps,
    stoppedCleanly: procs.map((p) => p.name).filter((n) => nodes.stoppedCleanly.includes(n)),
  };
  writeFileSync(join(r.dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
