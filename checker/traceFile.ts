/**
 * Trace files: a counterexample written by `interleave check --trace-out` and read back by
 * `interleave replay`. The format is JSON:
 *
 * ```json
 * { "format": "interleave-trace", "version": 1, "spec": "twophase-eager-commit", "params": { "rms": 3 },
 *   "property": "TCConsistent",
 *   "loop": { "start": 3, "stutter": false },   (a lasso only: the steps after step 3 repeat forever)
 *   "trace": [ { "action": null, "state": { ... } }, { "action": { "type": "RMPrepare", "rm": 0 }, "state": { ... } } ] }
 * ```
 *
 * @module
 */
import { clip, toPlain } from '../model/core/index.js';
import type { RecordedLoop, RecordedStep } from './replay.js';
import type { Finding } from './result.js';

/** The parsed contents of a trace file. */
export interface TraceFile {
  readonly spec: string;
  /** The absolute path of the user's module the model came from, if it is not a catalogue entry. */
  readonly module?: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The property the trace shows violated (or reached), if any. */
  readonly property: string | null;
  readonly trace: readonly RecordedStep[];
  /** For a lasso (a temporal property's counterexample): where its loop starts. */
  readonly loop?: RecordedLoop;
}

/** Thrown when a trace file is malformed; the message is one line naming what is wrong. */
export class TraceFileError extends Error {
  override readonly name = 'TraceFileError';
}

const FORMAT = 'interleave-trace';
const VERSION = 1;

/** Serialises a finding of a check as a trace file. */
export function writeTraceFile(spec: string, params: Readonly<Record<string, string | number>>, finding: Finding, module?: string): string {
  const trace = finding.trace.map((s) => ({ action: s.action, state: s.state }));
  const loop = finding.loop !== undefined ? { loop: finding.loop } : {};
  return `${JSON.stringify(toPlain({ format: FORMAT, version: VERSION, spec, ...(module !== undefined ? { module } : {}), params, property: finding.property, ...loop, trace }), null, 2)}\n`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and checks the shape of a trace file; throws {@link TraceFileError}. */
export function parseTraceFile(text: string): TraceFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TraceFileError(`not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(data) || data['format'] !== FORMAT) throw new TraceFileError(`not an interleave trace file (expected "format": "${FORMAT}")`);
  if (data['version'] !== VERSION) throw new TraceFileError(`unsupported trace file version ${clip(JSON.stringify(data['version']) ?? String(data['version']))} (this interleave reads version ${VERSION})`);
  const { spec, params, property, trace, module, loop } = data;
  if (loop !== undefined && !(isRecord(loop) && Number.isInteger(loop['start']) && typeof loop['stutter'] === 'boolean')) {
    throw new TraceFileError('"loop" must be an object with an integer "start" and a boolean "stutter"');
  }
  if (module !== undefined && (typeof module !== 'string' || module === '')) throw new TraceFileError('"module" must be a non-empty string (the path of the model\'s module)');
  if (typeof spec !== 'string' || spec === '') throw new TraceFileError('"spec" must be a non-empty string');
  if (!isRecord(params) || !Object.values(params).every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new TraceFileError('"params" must be an object of strings and numbers');
  }
  if (property !== undefined && property !== null && typeof property !== 'string') throw new TraceFileError('"property" must be a string or null');
  if (!Array.isArray(trace) || trace.length === 0) throw new TraceFileError('"trace" must be a non-empty array of steps');
  trace.forEach((s, i) => {
    if (!isRecord(s) || !('action' in s) || !('state' in s)) throw new TraceFileError(`trace step ${i} must be an object with "action" and "state"`);
  });
  return {
    spec,
    ...(typeof module === 'string' ? { module } : {}),
    params: params as Record<string, string | number>,
    property: typeof property === 'string' ? property : null,
    trace: trace as RecordedStep[],
    ...(isRecord(loop) ? { loop: { start: loop['start'] as number, stutter: loop['stutter'] as boolean } } : {}),
  };
}
