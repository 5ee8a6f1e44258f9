/**
 * `interleave replay FILE`: re-executes a trace file against its spec and says whether it replays.
 * Exit 0 if every step replays, 1 if one does not, 2 for a malformed file or unknown spec.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTraceFile, replay } from '../../checker/index.js';
import { findSpec, formatParams, resolveParams } from '../../specs/index.js';
import { UsageError } from '../errors.js';

/** Replays a trace file; returns the exit code. */
export function replayCommand(argv: readonly string[]): number {
  const { positionals } = parseArgs({ args: [...argv], options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('usage: interleave replay FILE');
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const tf = parseTraceFile(text);
  const spec = findSpec(tf.spec);
  const params = resolveParams(spec, tf.params);
  const r = replay(spec.build(params), tf.trace);
  const title = `${spec.id}${spec.params.length ? ` ${formatParams(params)}` : ''}`;
  if (!r.ok) {
    process.stdout.write(`${title}: the trace does not replay at step ${r.step}: ${r.reason}\n`);
    return 1;
  }
  const found = r.violations.map((v) => `${v.property} violated at step ${v.step}`);
  if (r.deadlocked) found.push('the last state is a deadlock');
  process.stdout.write(`${title}: replays (${r.steps - 1} steps)${found.length ? `; ${found.join('; ')}` : '; no invariant violated'}\n`);
  const claim = tf.property;
  const shown = claim === null || claim === 'error' || (claim === 'deadlock' ? r.deadlocked : r.violations.some((v) => v.property === claim) || !spec.build(params).properties.some((p) => p.name === claim && p.kind === 'always'));
  if (!shown) {
    process.stdout.write(`${title}: the file says the trace shows ${claim}, but it does not\n`);
    return 1;
  }
  return 0;
}
