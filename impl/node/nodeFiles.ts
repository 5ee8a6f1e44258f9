/**
 * Where a node keeps its files in a run folder: `NAME.log` (the durable log) and `NAME.trace.jsonl` (its
 * trace). One definition, used by the node, the launcher, `validate` and `interleave log`.
 *
 * @module
 */
import { basename, dirname, join } from 'node:path';

/** The file name ending of a node's durable log. */
export const LOG_SUFFIX = '.log';
/** The file name ending of a node's trace. */
export const TRACE_SUFFIX = '.trace.jsonl';

/** The paths of node `name`'s log and trace in the run folder `dir`. */
export function nodeFiles(dir: string, name: string): { readonly log: string; readonly trace: string } {
  return { log: join(dir, `${name}${LOG_SUFFIX}`), trace: join(dir, `${name}${TRACE_SUFFIX}`) };
}

/** The trace beside the log at `logPath` (`run/P1.log` → `run/P1.trace.jsonl`), or null if it is not named like a node's log. */
export function traceBesideLog(logPath: string): string | null {
  const file = basename(logPath);
  if (!file.endsWith(LOG_SUFFIX) || file.length === LOG_SUFFIX.length) return null;
  return nodeFiles(dirname(logPath), file.slice(0, -LOG_SUFFIX.length)).trace;
}
