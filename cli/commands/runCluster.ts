/**
 * `interleave run PROTOCOL [options]`: runs a protocol for real. An actor protocol (one of the registry of
 * deployments, `model/protocols/deployments.ts`) starts as a cluster of node processes on loopback (see
 * `impl/cluster`), with its client workload, for `--duration` or until the workload is done, under the
 * faults of `--faults`, and prints progress and a summary; its traces can then be checked with
 * `interleave validate DIR`. TCP links are mutual TLS 1.3 with certificates made for the run (or taken from
 * `--tls-dir`) unless `--insecure` says otherwise. A shared-memory entry of the catalogue (a threads system) runs on real
 * threads through `runThreadsCommand`.
 *
 * Exit codes: 0 when the run finished (or was stopped with Ctrl-C), 1 when it could not run, 2 for bad
 * usage.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { DeploymentError, resolveDeploymentParams } from '../../model/actors/index.js';
import { deployments } from '../../model/protocols/deployments.js';
import { ClusterError, FaultSpecError, NO_FAULT_SPEC, formatSummary, parseFaultSpec, runCluster } from '../../impl/cluster/index.js';
import { findSpec, resolveParams } from '../../specs/index.js';
import { parseParams, positiveInt } from '../args.js';
import { UsageError } from '../errors.js';
import { runThreadsCommand } from './runThreads.js';

const options = {
  param: { type: 'string', multiple: true },
  transport: { type: 'string' },
  dir: { type: 'string' },
  duration: { type: 'string' },
  faults: { type: 'string' },
  seed: { type: 'string' },
  quiet: { type: 'boolean' },
  threads: { type: 'string' },
  iterations: { type: 'string' },
  insecure: { type: 'boolean' },
  'tls-dir': { type: 'string' },
} as const;

/** Parses `10s`, `500ms`, `2m` to milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`bad --duration '${text}': expected a positive number with ms, s or m (10s)`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Runs `interleave run`; returns the exit code. */
export async function runCommand(argv: readonly string[], signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('usage: interleave run PROTOCOL [--param k=v]... [--transport tcp|unix] [--insecure | --tls-dir DIR] [--dir DIR] [--duration 10s] [--faults SPEC]');
  const id = positionals[0]!;
  const given = parseParams(values.param);
  const deployment = deployments.find((d) => d.id === id);
  if (!deployment) {
    // Not an actor protocol: a threads system of the catalogue runs on real threads.
    const spec = findSpec(id);
    const model = spec.build(resolveParams(spec, given));
    if ('system' in model) {
      const threads = positiveInt('threads', values.threads);
      const iterations = positiveInt('iterations', values.iterations);
      return runThreadsCommand(id, { params: given, ...(threads !== undefined ? { threads } : {}), ...(iterations !== undefined ? { iterations } : {}) });
    }
    throw new UsageError(`${id} has no deployment to run (runnable actor protocols: ${deployments.map((d) => d.id).join(', ')})`);
  }
  if (values.threads !== undefined || values.iterations !== undefined) throw new UsageError(`--threads and --iterations apply to threads systems; ${id} is an actor protocol`);
  const transport = values.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'unix') throw new UsageError(`bad --transport '${transport}': expected tcp or unix`);
  const tlsDir = values['tls-dir'];
  const insecure = values.insecure === true;
  if (transport === 'unix' && (insecure || tlsDir !== undefined)) throw new UsageError(`--insecure and --tls-dir apply to TCP links; --transport unix uses private Unix sockets`);
  if (insecure && tlsDir !== undefined) throw new UsageError('--insecure and --tls-dir contradict each other: give one');
  let params;
  let faults;
  try {
    params = resolveDeploymentParams(deployment, given);
    faults = values.faults !== undefined ? parseFaultSpec(values.faults) : NO_FAULT_SPEC;
  } catch (e) {
    if (e instanceof DeploymentError || e instanceof FaultSpecError) throw new UsageError(e.message);
    throw e;
  }
  const seed = values.seed !== undefined ? positiveInt('seed', values.seed) : undefined;
  const durationMs = values.duration !== undefined ? parseDuration(values.duration) : undefined;
  const dir = values.dir ?? join('interleave-runs', `${id}-${stamp()}`);
  const quiet = values.quiet === true;
  try {
    const summary = await runCluster({
      deployment,
      params,
      dir,
      transport,
      links: insecure ? 'insecure' : 'tls',
      ...(tlsDir !== undefined ? { tlsDir } : {}),
      faults,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(signal ? { signal } : {}),
      onLine: (line) => {
        if (!quiet) process.stderr.write(`${line}\n`);
      },
    });
    process.stdout.write(`${formatSummary(summary)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ClusterError || (e instanceof Error && e.name === 'FaultSpecError')) throw new UsageError(e.message);
    throw e;
  }
}
