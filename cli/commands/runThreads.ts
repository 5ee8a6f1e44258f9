/**
 * `interleave run SPEC --threads N --iterations N`: runs a threads-system entry of the catalogue on real
 * threads (see `impl/threads`) and prints the run's report. The glue between the catalogue, which the
 * runtime may not import, and the runner.
 *
 * `--threads` sets the entry's `n` parameter when it has one; otherwise it must equal the entry's number of
 * processes (Peterson: 2; readers-writers: readers + writers). Exit codes: 0 when the run is as expected (a
 * correct algorithm shows no violation; a mutant may or may not show its bug), 1 when a correct algorithm
 * shows a violation or the run fails, 2 (via a thrown user error) for bad usage.
 *
 * @module
 */
import { formatThreadsReport, bugObserved, runThreads } from '../../impl/threads/index.js';
import type { ThreadsModel } from '../../model/threads/index.js';
import { findSpec, formatParams, resolveParams } from '../../specs/index.js';
import { UsageError } from '../errors.js';

/** The options of the `run` command. */
export interface RunThreadsArgs {
  /** Threads to run: sets the `n` parameter, or must match the entry's process count. */
  readonly threads?: number;
  /** Section entries per thread. @defaultValue 100,000 */
  readonly iterations?: number;
  /** Parameters as given on the command line (`--param name=value`). */
  readonly params: Readonly<Record<string, string>>;
}

/** Runs `specId` on real threads, prints the report to stdout, and returns the exit code. */
export async function runThreadsCommand(specId: string, args: RunThreadsArgs): Promise<number> {
  const spec = findSpec(specId);
  const given: Record<string, string> = { ...args.params };
  if (args.threads !== undefined && spec.params.some((p) => p.name === 'n') && given['n'] === undefined) given['n'] = String(args.threads);
  const params = resolveParams(spec, given);
  const model = spec.build(params);
  if (!('system' in model)) throw new UsageError(`${spec.id} is not a shared-memory threads system; run takes entries such as peterson, filter-lock, bakery, semaphore-cs, readers-writers`);
  const threadsModel = model as ThreadsModel;
  const processes = threadsModel.system.processes.length;
  if (args.threads !== undefined && args.threads !== processes) {
    const with_ = formatParams(params);
    throw new UsageError(`${spec.id}${with_ ? ` (${with_})` : ''} has ${processes} processes, one thread each, not ${args.threads}${spec.params.length > 0 ? `; set its parameters (${spec.params.map((p) => p.name).join(', ')}) instead` : ''}`);
  }
  const iterations = args.iterations ?? 100_000;
  let report;
  try {
    report = await runThreads(threadsModel, { iterations });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const mutant = spec.mutantOf !== null;
  process.stdout.write(formatThreadsReport(report, { mutant }));
  if (report.errors.length > 0) return 1;
  return !mutant && bugObserved(report) ? 1 : 0;
}
