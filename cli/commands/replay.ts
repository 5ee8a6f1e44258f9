/**
 * `interleave replay FILE`: re-executes a trace file against its spec and says whether it replays.
 * Exit 0 if every step replays, 1 if one does not, 2 for a malformed file or unknown spec.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseTraceFile, replay } from '../../checker/index.js';
import type { ReplayResult } from '../../checker/index.js';
import type { Property } from '../../model/core/index.js';
import { findSpec, formatParams, resolveParams } from '../../specs/index.js';
import { clip } from '../../model/core/index.js';
import { UsageError } from '../errors.js';
import { traceTarget } from '../userModule.js';
import { defineCommand } from '../flags.js';

/** `interleave replay FILE`. */
export const replayCommand = defineCommand({
  name: 'replay',
  args: [{ name: 'FILE' }],
  summary: 're-execute a trace file against its spec',
  flags: {},
  exits: '0 replays (and shows what it claims), 1 does not, 2 unreadable or malformed file',
  run: ({ args }) => replayMain(args[0]!),
});

/** Replays a trace file; returns the exit code. */
async function replayMain(file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${clip(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const tf = parseTraceFile(text);
  const spec = (await traceTarget(tf.spec, tf.module)).checkable;
  const params = resolveParams(spec, tf.params);
  const model = spec.build(params);
  const r = replay(model, tf.trace, tf.loop);
  const title = `${spec.id}${spec.params.length ? ` ${formatParams(params)}` : ''}`;
  if (!r.ok) {
    process.stdout.write(`${title}: the trace does not replay at step ${r.step}: ${r.reason}\n`);
    return 1;
  }
  const found = r.violations.map((v) => `${v.property} violated at step ${v.step}`);
  if (r.deadlocked) found.push('the last state is a deadlock');
  if (r.throws !== undefined) found.push(`exploring the last state throws ${r.throws}`);
  if (r.lasso !== undefined) {
    if (r.lasso.broken !== null) found.push(`not a fair infinite behaviour: ${r.lasso.broken}`);
    else found.push(`${tf.loop!.stutter ? 'it stops fairly in its last state' : `its loop from step ${tf.loop!.start} closes and is fair`}${r.lasso.violates.length ? `, violating ${r.lasso.violates.join(', ')}` : ''}`);
  }
  process.stdout.write(`${title}: replays (${r.steps - 1} steps)${found.length ? `; ${found.join('; ')}` : '; no invariant violated'}\n`);
  const unshown = unshownClaim(tf.property, r, model.properties as readonly Property<unknown>[]);
  if (unshown !== null) {
    process.stdout.write(`${title}: ${unshown}\n`);
    return 1;
  }
  return 0;
}

/** Why the trace does not show what the file claims it shows, or null if it does (or claims nothing). */
function unshownClaim(claim: string | null, r: ReplayResult & { ok: true }, properties: readonly Property<unknown>[]): string | null {
  if (claim === null) return null;
  if (claim === 'deadlock') return r.deadlocked ? null : 'the file says the trace ends in a deadlock, but its last state is not one';
  if (claim === 'error') return r.throws !== undefined ? null : 'the file says the model throws in the last state, but it does not';
  const p = properties.find((q) => q.name === claim);
  if (!p) return `the file names ${clip(claim)}, which is no property of this spec (properties: ${properties.map((q) => q.name).join(', ') || 'none'})`;
  if (p.kind === 'always' || p.kind === 'step') return r.violations.some((v) => v.property === claim) ? null : `the file says the trace violates ${claim}, but it does not`;
  if (p.kind !== 'sometimes') {
    if (r.lasso === undefined) return `the file says the trace violates ${claim}, a temporal property, but it has no loop`;
    if (r.lasso.broken !== null) return `the file says the trace violates ${claim}, but it is not a fair infinite behaviour`;
    return r.lasso.violates.includes(claim) ? null : `the file says the trace violates ${claim}, but the behaviour satisfies it`;
  }
  return r.reached.includes(claim) ? null : `the file says the trace reaches ${claim}, but its last state does not satisfy it`;
}
