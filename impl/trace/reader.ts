/**
 * Reading a node's trace strictly: every line sealed and well-formed, steps numbered from 0 without gaps,
 * vector clocks of the right length that never go back, the node's own clock one up per step within an
 * incarnation and forward at each recover, seals that match the lines before them, and the file ending
 * with a complete line (an incomplete last line is left out and counted: a kill during its write). Anything else is a
 * {@link TraceError} naming the file and line — a truncated or damaged trace is refused, never half-read.
 *
 * @example
 * ```ts
 * const { header, steps } = readTrace('runs/1/P1.trace.jsonl');
 * ```
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TRACE_FORMAT, TRACE_VERSION, TraceError, openLine } from './format.js';
import type { TraceEffect, TraceHeader, TraceStep } from './format.js';
import { clip } from '../../model/core/index.js';

/** A node's trace, read. */
export interface NodeTrace {
  readonly file: string;
  readonly header: TraceHeader;
  readonly steps: readonly TraceStep[];
  /** Whether the trace ends with a seal: its node stopped cleanly at the end of the run. */
  readonly sealed: boolean;
  /** Where the trace has seals: the number of steps before each (every incarnation that stopped cleanly). */
  readonly seals: readonly number[];
  /** Bytes of an incomplete last line, left out (a kill inside the write of a step that never took effect). */
  readonly torn: number;
}

const isInt = (x: unknown, min = 0): x is number => Number.isSafeInteger(x) && (x as number) >= min;
const isStr = (x: unknown): x is string => typeof x === 'string';

function checkHeader(v: Record<string, unknown>): string | null {
  if (v['format'] !== TRACE_FORMAT) return `not an interleave trace (format ${clip(JSON.stringify(v['format']) ?? 'none')})`;
  if (v['version'] !== TRACE_VERSION) return `unsupported trace version ${clip(JSON.stringify(v['version']) ?? 'none')} (this reads ${TRACE_VERSION})`;
  if (!isStr(v['protocol'])) return 'the header has no protocol';
  if (v['module'] !== undefined && !isStr(v['module'])) return 'the header has a bad module path';
  const params = v['params'];
  if (typeof params !== 'object' || params === null || !Object.values(params).every((x) => Number.isSafeInteger(x))) return 'the header has bad params';
  const nodes = v['nodes'];
  if (!Array.isArray(nodes) || nodes.length === 0 || !nodes.every(isStr)) return 'the header has bad nodes';
  if (!isInt(v['node']) || (v['node'] as number) >= nodes.length || nodes[v['node'] as number] !== v['name']) return 'the header has a bad node id or name';
  return null;
}

/** A timer key as recorded: absent (a plain timer), an integer or a string. */
function isKey(k: unknown): boolean {
  return k === undefined || Number.isSafeInteger(k) || isStr(k);
}

function checkEffect(e: unknown, nodes: number): string | null {
  if (typeof e !== 'object' || e === null) return 'an effect is not an object';
  const x = e as Record<string, unknown>;
  switch (x['kind']) {
    case 'send':
      return isInt(x['to']) && (x['to'] as number) < nodes && isInt(x['seq']) && typeof x['msg'] === 'object' && x['msg'] !== null ? null : 'a malformed send effect';
    case 'setTimer':
    case 'cancelTimer':
      return isStr(x['timer']) && isKey(x['key']) ? null : `a malformed ${x['kind']} effect`;
    case 'persist':
      return isStr(x['digest']) ? null : 'a malformed persist effect';
    case 'deliver':
      return isInt(x['from']) && (x['from'] as number) < nodes && typeof x['msg'] === 'object' && x['msg'] !== null ? null : 'a malformed deliver effect';
    case 'observe':
      return isStr(x['observation']) ? null : 'a malformed observe effect';
    default:
      return `an effect of unknown kind ${clip(JSON.stringify(x['kind']) ?? 'none')}`;
  }
}

function checkStep(v: Record<string, unknown>, nodes: number): string | null {
  if (!isInt(v['n']) || !isInt(v['inc']) || !isInt(v['log']) || typeof v['t'] !== 'number' || !isStr(v['fp'])) return 'a step lacks n, inc, t, fp or log';
  const vc = v['vc'];
  if (!Array.isArray(vc) || vc.length !== nodes || !vc.every((x) => isInt(x))) return `the vector clock is not ${nodes} counts`;
  if (!Array.isArray(v['effects'])) return 'a step lacks its effects';
  for (const e of v['effects']) {
    const bad = checkEffect(e, nodes);
    if (bad) return bad;
  }
  switch (v['kind']) {
    case 'start':
      return null;
    case 'recover': {
      const g = v['gap'];
      if (g === undefined) return null;
      const x = g as Record<string, unknown>;
      return typeof g === 'object' && g !== null && isInt(x['records']) && isInt(x['incarnations']) ? null : 'a malformed gap';
    }
    case 'deliver':
      return isInt(v['from']) && (v['from'] as number) < nodes && isInt(v['seq']) && typeof v['msg'] === 'object' && v['msg'] !== null ? null : 'a malformed delivery';
    case 'timeout':
      return isStr(v['timer']) && isKey(v['key']) ? null : 'a timeout without a timer, or with a malformed key';
    case 'input':
      return 'input' in v ? null : 'an input step without its input';
    default:
      return `a step of unknown kind ${clip(JSON.stringify(v['kind']) ?? 'none')}`;
  }
}

/**
 * Reads and checks only the header line of the trace at `path` (what protocol, parameters and node it is
 * of), so that a tool can decode the node's log even when the rest of its trace is damaged. Throws
 * {@link TraceError} if the first line is missing or not a valid header.
 */
export function readTraceHeader(path: string): TraceHeader {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TraceError(`cannot read trace ${path}: ${(e as Error).message}`);
  }
  const nl = text.indexOf('\n');
  if (nl < 0) throw new TraceError(`trace ${basename(path)} has no complete header line`);
  let v: Record<string, unknown>;
  try {
    v = openLine(text.slice(0, nl));
  } catch (e) {
    throw new TraceError(`trace ${basename(path)} line 1: corrupt: ${(e as Error).message}`);
  }
  const bad = checkHeader(v);
  if (bad) throw new TraceError(`trace ${basename(path)} line 1: ${bad}`);
  return v as unknown as TraceHeader;
}

/** Reads and checks the trace at `path`; throws {@link TraceError} for any defect. */
export function readTrace(path: string): NodeTrace {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TraceError(`cannot read trace ${path}: ${(e as Error).message}`);
  }
  if (text.length === 0) throw new TraceError(`trace ${name} is empty`);
  const lines = text.split('\n');
  // An incomplete last line is a write a kill interrupted: the step never took effect (its messages leave
  // only after the line is written), and the trace ends there, unsealed.
  const torn = Buffer.byteLength(lines.pop()!);
  if (lines.length === 0) throw new TraceError(`trace ${name} is truncated: its header line is incomplete (${torn} bytes, no newline)`);
  const fail = (line: number, why: string): never => {
    throw new TraceError(`trace ${name} line ${line}: ${why}`);
  };
  const parse = (i: number) => {
    try {
      return openLine(lines[i]!);
    } catch (e) {
      return fail(i + 1, `corrupt: ${(e as Error).message}`);
    }
  };
  const h = parse(0);
  const badHeader = checkHeader(h);
  if (badHeader) fail(1, badHeader);
  const header = h as unknown as TraceHeader;
  const N = header.nodes.length;
  const steps: TraceStep[] = [];
  const self = header.node;
  const hash = createHash('sha256').update(`${lines[0]!}\n`);
  let sealed = false;
  const seals: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const v = parse(i);
    if (v['kind'] === 'seal') {
      if (v['steps'] !== steps.length) fail(i + 1, `the seal counts ${String(v['steps'])} steps, the file holds ${steps.length} (lines were removed or added)`);
      const digest = hash.copy().digest('hex');
      if (v['digest'] !== digest) fail(i + 1, 'the seal does not match the lines before it (the trace was altered after it was written)');
      if (sealed) fail(i + 1, 'two seals in a row');
      sealed = true;
      seals.push(steps.length);
      hash.update(`${lines[i]!}\n`);
      continue;
    }
    const bad = checkStep(v, N);
    if (bad) fail(i + 1, bad);
    const st = v as unknown as TraceStep;
    const prev = steps[steps.length - 1];
    if (st.n !== steps.length) fail(i + 1, `step ${st.n} where step ${steps.length} was expected (a step is missing or repeated)`);
    const clock = st.vc[self]!;
    if (st.kind === 'start') {
      if (prev !== undefined || st.inc !== 0) fail(i + 1, 'a start must be the first step, of incarnation 0');
      if (clock !== 1) fail(i + 1, `the start's own clock is ${clock}, not 1`);
    } else if (st.kind === 'recover') {
      if (st.inc < 1 || (prev !== undefined && st.inc <= prev.inc)) fail(i + 1, `a recover must begin a new incarnation after ${prev?.inc ?? 0}, not ${st.inc}`);
      if (prev !== undefined && clock <= prev.vc[self]!) fail(i + 1, `the recover's own clock ${clock} does not pass the last step's ${prev.vc[self]}`);
    } else {
      if (prev === undefined) fail(i + 1, `the first step is a ${st.kind}, not a start or recover`);
      if (sealed) fail(i + 1, `a ${st.kind} after the seal (only a recover may follow a clean stop)`);
      if (st.inc !== prev!.inc) fail(i + 1, `incarnation ${st.inc} does not begin with a recover`);
      if (clock !== prev!.vc[self]! + 1) fail(i + 1, `its own clock is ${clock}, not ${prev!.vc[self]! + 1} (one past the step before)`);
    }
    for (let k = 0; k < N; k++) if (k !== self && prev !== undefined && st.inc === prev.inc && st.vc[k]! < prev.vc[k]!) fail(i + 1, `its clock entry for node ${k} went back`);
    sealed = false;
    hash.update(`${lines[i]!}\n`);
    steps.push(st);
  }
  return { file: path, header, steps, sealed: sealed && torn === 0, seals, torn };
}

/** The effects of a step that are sends. */
export function sendsOf(step: TraceStep): Extract<TraceEffect, { kind: 'send' }>[] {
  return step.effects.filter((e): e is Extract<TraceEffect, { kind: 'send' }> => e.kind === 'send');
}
