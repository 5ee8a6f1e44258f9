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
import { join } from 'node:path';
import { resolveDeploymentParams } from '../../model/actors/index.js';
import { ProtocolError } from '../../model/core/index.js';
import { deployments } from '../../model/protocols/registry.js';
import { ClusterError, FaultSpecError, NO_FAULT_SPEC, formatSummary, parseFaultSpec, runCluster } from '../../impl/cluster/index.js';
import { findSpec, resolveParams } from '../../specs/index.js';
import { clip } from '../../model/core/index.js';
import { parseParams } from '../args.js';
import { UsageError } from '../errors.js';
import { defineCommand } from '../flags.js';
import type { Flags, Invocation } from '../flags.js';
import { runThreadsCommand } from './runThreads.js';
import { resolveTarget } from '../userModule.js';

/** The flags of `run`: one line each, from which its parsing and its usage come. */
const options = {
  param: { kind: 'list', value: 'NAME=VALUE', help: 'set a parameter (repeatable), e.g. --param txs=200' },
  variant: { kind: 'string', value: 'NAME', help: "run the protocol's variant NAME (a mutant): run P --variant V is run P-V" },
  transport: { kind: 'string', value: 'TRANSPORT', choices: ['tcp', 'unix'], help: 'sockets between the nodes (default tcp, loopback)' },
  insecure: { kind: 'boolean', help: 'plain TCP instead of mutual TLS 1.3 (default: a CA and certificates per run)' },
  'tls-dir': { kind: 'string', value: 'DIR', help: 'take the CA and node certificates from DIR (ca.pem, NODE.key, NODE.pem)' },
  dir: { kind: 'string', value: 'DIR', help: "the run's folder: logs, traces, outputs (default interleave-runs/ID-TIME)" },
  duration: { kind: 'string', value: '10s', help: 'stop after this long (ms, s or m; default: when the workload is done)' },
  faults: { kind: 'string', value: 'SPEC', help: 'kill=P1@2s,restart@3s | random,seed=7 | loss=0.01,delay=1-5ms | A->C.delay=150ms (see the README)' },
  seed: { kind: 'int', value: 'N', help: "the seed of the workload's random choices (default: the faults' seed)" },
  quiet: { kind: 'boolean', help: 'no progress lines on stderr' },
  threads: { kind: 'int', value: 'N', help: 'threads systems: the number of threads' },
  iterations: { kind: 'int', value: 'N', help: 'threads systems: critical-section entries per thread (default 100000)' },
} as const satisfies Flags;

/** Parses `10s`, `500ms`, `2m` to milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`bad --duration '${clip(text)}': expected a positive number with ms, s or m (10s)`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** `interleave run PROTOCOL`. */
export const runCommand = defineCommand({
  name: 'run',
  args: [{ name: 'PROTOCOL' }],
  summary: 'run a protocol for real (a catalogue id, or a module whose protocol has a deployment): an actor protocol as one OS process per node, a threads system on real threads',
  flags: options,
  exits: '0 the run finished (or was stopped with Ctrl-C), 1 it could not run, 2 bad usage or an unusable --dir',
  run: runMain,
});

/** Runs `interleave run`; returns the exit code. */
async function runMain({ values, args, signal }: Invocation<typeof options>): Promise<number> {
  const target = await resolveTarget(args[0]!, values.variant);
  const id = target.checkable.id;
  const given = parseParams(values.param);
  const deployment = target.deployment;
  if (!deployment) {
    if (target.module !== undefined) throw new UsageError(`${clip(args[0]!)}: ${id} has no deployment to run (a protocol runs when its front door declares one)`);
    // Not an actor protocol: a threads system of the catalogue runs on real threads.
    const spec = findSpec(id);
    const model = spec.build(resolveParams(spec, given));
    if ('system' in model) {
      const threads = values.threads;
      const iterations = values.iterations;
      return runThreadsCommand(id, { params: given, ...(threads !== undefined ? { threads } : {}), ...(iterations !== undefined ? { iterations } : {}) });
    }
    throw new UsageError(`${clip(id)} has no deployment to run (runnable actor protocols: ${deployments.map((d) => d.id).join(', ')})`);
  }
  if (values.threads !== undefined || values.iterations !== undefined) throw new UsageError(`--threads and --iterations apply to threads systems; ${id} is an actor protocol`);
  const transport = values.transport ?? 'tcp';
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
    if (e instanceof ProtocolError || e instanceof FaultSpecError) throw new UsageError(e.message);
    throw e;
  }
  const seed = values.seed;
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
