/**
 * `interleave validate DIR [--json]`: checks that a real run conforms to its protocol's model. It reads
 * every node's trace in DIR (refusing damaged or truncated ones), merges them in happens-before order,
 * and replays the run as actions of the deployment's system sized for the run, checking every step and
 * every invariant (see `cli/validate/conformance.ts`).
 *
 * Exit codes: 0 conforms, 1 does not (a step the model does not allow, or a violated invariant), 3 conforms
 * as far as the traces go (a power loss took steps from a trace: what follows them is not replayed), 4 the
 * run broke an assumption of the model (frames reordered on links it assumes FIFO), 2 for bad usage or
 * unreadable traces.
 *
 * @module
 */
import { ProtocolError } from '../../model/core/index.js';
import { resolveDeployment } from '../../impl/node/index.js';
import { MergeError, TraceError } from '../../impl/trace/index.js';
import { UsageError } from '../errors.js';
import { defineCommand } from '../flags.js';
import { readRun, validateRun } from '../../impl/validate/index.js';
import type { Conformance } from '../../impl/validate/index.js';

/** The report of a validation, as text. */
export function formatConformance(c: Conformance, params: Readonly<Record<string, number>>): string {
  const title = `${c.protocol} (${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')})`;
  const n = c.counts;
  const left = n.unvalidated > 0 ? ` (${n.unvalidated} more recorded steps follow a lost one and were not replayed)` : '';
  const run = `${n.steps} steps merged in happens-before order${left}: ${n.deliveries} deliveries, ${n.crashes} crashes, ${n.drops} never received, ${n.duplicates} copies; at most ${n.inFlight} messages in flight`;
  const notes = [...c.notes.gaps, ...c.notes.killed].map((x) => `  ${x}`);
  if (c.verdict === 'assumption') return `${[`${title}: not judged: the run broke an assumption of the model`, `  ${c.reason}`, `  ${run}`, ...notes].join('\n')}\n`;
  if (c.verdict === 'diverges' || c.verdict === 'violates') {
    const head = c.verdict === 'violates' ? `does not conform: invariant ${c.property} is violated` : 'does not conform: a step the model does not allow';
    const lines = [`${title}: ${head}`, `  at action ${c.at + 1}: ${c.action}${c.where ? `   [${c.where}]` : ''}`, `  ${c.reason}`];
    if (c.context.length > 0) lines.push('  after:', ...c.context.map((x) => `    ${x}`));
    lines.push(`  ${run}`, ...notes);
    return `${lines.join('\n')}\n`;
  }
  const head = c.verdict === 'conforms' ? 'conforms' : 'conforms as far as the traces go (some traces are incomplete)';
  return `${[`${title}: ${head}`, `  ${run}`, `  invariants held in every state: ${('properties' in c ? c.properties : []).join(', ') || 'none'}`, ...notes].join('\n')}\n`;
}

/** The exit code of a validation: 0 conforms, 1 does not, 3 conforms as far as incomplete traces go, 4 broke an assumption. */
export function conformanceExitCode(c: Conformance): number {
  return { conforms: 0, diverges: 1, violates: 1, partial: 3, assumption: 4 }[c.verdict];
}

/** `interleave validate DIR`. */
export const validateCommand = defineCommand({
  name: 'validate',
  args: [{ name: 'DIR' }],
  summary: "check a run's traces against its protocol's model",
  flags: { json: { kind: 'boolean', help: 'print the report as JSON' } },
  exits: '0 conforms, 1 does not, 3 conforms as far as incomplete traces go, 4 the run broke an assumption of the model, 2 unreadable traces or bad usage',
  run: ({ values, args }) => validateMain(args[0]!, values.json === true),
});

/** Runs `interleave validate`; returns the exit code. */
async function validateMain(dir: string, json: boolean): Promise<number> {
  let report: Conformance;
  let params: Readonly<Record<string, number>>;
  try {
    const run = readRun(dir);
    params = run.header.params;
    report = validateRun(run, await resolveDeployment(run.header.protocol, run.header.module));
  } catch (e) {
    if (e instanceof TraceError || e instanceof MergeError || e instanceof ProtocolError) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatConformance(report, params));
  return conformanceExitCode(report);
}
