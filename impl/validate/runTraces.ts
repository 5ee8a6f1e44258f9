/**
 * The traces of one run: every `*.trace.jsonl` of a run folder, read strictly and checked to belong
 * together (one protocol, the same parameters and nodes, one trace per node).
 *
 * @module
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TraceError, readTrace } from '../trace/index.js';
import type { NodeTrace, TraceHeader } from '../trace/index.js';
import { TRACE_SUFFIX } from '../node/index.js';
import { clip } from '../../model/core/index.js';

/** The traces of a run, by node id. */
export interface RunTraces {
  readonly dir: string;
  readonly header: TraceHeader;
  readonly traces: readonly NodeTrace[];
}

/** The nodes `summary.json` in `dir` says stopped cleanly (none if there is no summary, as for an in-process run). */
function stoppedCleanly(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(dir, 'summary.json'), 'utf8');
  } catch {
    return [];
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`summary.json in ${dir} is not JSON: ${(e as Error).message}`);
  }
  const list = (v as { stoppedCleanly?: unknown }).stoppedCleanly;
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new TraceError(`summary.json in ${dir}: stoppedCleanly is not a list of node names`);
  return list as string[];
}

/** Reads the run in `dir`; throws {@link TraceError} for a missing, extra, damaged or mismatched trace. */
export function readRun(dir: string): RunTraces {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new TraceError(`${dir} is not a directory`);
    names = readdirSync(dir).filter((f) => f.endsWith(TRACE_SUFFIX));
  } catch (e) {
    if (e instanceof TraceError) throw e;
    throw new TraceError(`cannot read run folder ${dir}: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new TraceError(`no traces (*${TRACE_SUFFIX}) in ${dir}`);
  const traces = names.sort().map((f) => readTrace(join(dir, f)));
  const header = traces[0]!.header;
  const byNode: NodeTrace[] = [];
  for (const t of traces) {
    const h = t.header;
    if (h.protocol !== header.protocol || JSON.stringify(h.params) !== JSON.stringify(header.params) || JSON.stringify(h.nodes) !== JSON.stringify(header.nodes)) {
      throw new TraceError(`${t.file} is of another run than ${traces[0]!.file} (protocol, parameters or nodes differ)`);
    }
    if (byNode[h.node]) throw new TraceError(`two traces for node ${clip(h.name)}: ${byNode[h.node]!.file} and ${t.file}`);
    byNode[h.node] = t;
  }
  const missing = header.nodes.filter((_, i) => !byNode[i]);
  if (missing.length > 0) throw new TraceError(`${dir} has no trace for node${missing.length > 1 ? 's' : ''} ${missing.map(clip).join(', ')}`);
  for (const t of byNode) if (t.steps.length === 0) throw new TraceError(`${t.file} records no step (the node never started)`);
  // The launcher's summary names the nodes it stopped cleanly: each of their traces must end with its seal,
  // or it was cut short after the fact (the one truncation a trace cannot show by itself).
  for (const name of stoppedCleanly(dir)) {
    const t = byNode[header.nodes.indexOf(name)];
    if (t && !t.sealed) throw new TraceError(`trace ${basename(t.file)} is truncated: the run stopped ${name} cleanly, but its trace does not end with its seal`);
  }
  return { dir, header, traces: byNode };
}
