/**
 * Reading a node's trace strictly: every line sealed and well-formed, steps numbered from 0 without gaps,
 * vector clocks of the right length, and the file ending with a complete line. Anything else is a
 * {@link TraceError} naming the file and line — a truncated or damaged trace is refused, never half-read.
 *
 * @example
 * ```ts
 * const { header, steps } = readTrace('runs/1/P1.trace.jsonl');
 * ```
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TRACE_FORMAT, TRACE_VERSION, TraceError, openLine } from './format.js';
import type { TraceEffect, TraceHeader, TraceStep } from './format.js';

/** A node's trace, read. */
export interface NodeTrace {
  readonly file: string;
  readonly header: TraceHeader;
  readonly steps: readonly TraceStep[];
}

const isInt = (x: unknown, min = 0): x is number => Number.isSafeInteger(x) && (x as number) >= min;
const isStr = (x: unknown): x is string => typeof x === 'string';

function checkHeader(v: Record<string, unknown>): string | null {
  if (v['format'] !== TRACE_FORMAT) return `not an interleave trace (format ${JSON.stringify(v['format'])})`;
  if (v['version'] !== TRACE_VERSION) return `unsupported trace version ${JSON.stringify(v['version'])} (this reads ${TRACE_VERSION})`;
  if (!isStr(v['protocol'])) return 'the header has no protocol';
  const params = v['params'];
  if (typeof params !== 'object' || params === null || !Object.values(params).every((x) => Number.isSafeInteger(x))) return 'the header has bad params';
  const nodes = v['nodes'];
  if (!Array.isArray(nodes) || nodes.length === 0 || !nodes.every(isStr)) return 'the header has bad nodes';
  if (!isInt(v['node']) || (v['node'] as number) >= nodes.length || nodes[v['node'] as number] !== v['name']) return 'the header has a bad node id or name';
  return null;
}

function checkEffect(e: unknown, nodes: number): string | null {
  if (typeof e !== 'object' || e === null) return 'an effect is not an object';
  const x = e as Record<string, unknown>;
  switch (x['kind']) {
    case 'send':
      return isInt(x['to']) && (x['to'] as number) < nodes && isInt(x['seq']) && typeof x['msg'] === 'object' && x['msg'] !== null ? null : 'a malformed send effect';
    case 'setTimer':
    case 'cancelTimer':
      return isStr(x['timer']) ? null : `a malformed ${x['kind']} effect`;
    case 'persist':
      return isStr(x['digest']) ? null : 'a malformed persist effect';
    case 'deliver':
      return isInt(x['from']) && (x['from'] as number) < nodes && typeof x['msg'] === 'object' && x['msg'] !== null ? null : 'a malformed deliver effect';
    case 'observe':
      return isStr(x['observation']) ? null : 'a malformed observe effect';
    default:
      return `an effect of unknown kind ${JSON.stringify(x['kind'])}`;
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
    case 'recover':
      return null;
    case 'deliver':
      return isInt(v['from']) && (v['from'] as number) < nodes && isInt(v['seq']) && typeof v['msg'] === 'object' && v['msg'] !== null ? null : 'a malformed delivery';
    case 'timeout':
      return isStr(v['timer']) ? null : 'a timeout without a timer';
    case 'input':
      return 'input' in v ? null : 'an input step without its input';
    default:
      return `a step of unknown kind ${JSON.stringify(v['kind'])}`;
  }
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
  const last = lines.pop();
  if (last !== '') throw new TraceError(`trace ${name} is truncated: line ${lines.length + 1} is incomplete (${last!.length} bytes, no newline)`);
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
  let inc = -1;
  for (let i = 1; i < lines.length; i++) {
    const v = parse(i);
    const bad = checkStep(v, N);
    if (bad) fail(i + 1, bad);
    const st = v as unknown as TraceStep;
    if (st.n !== steps.length) fail(i + 1, `step ${st.n} where step ${steps.length} was expected (a step is missing or repeated)`);
    if (st.vc[header.node] !== st.n + 1) fail(i + 1, `its vector clock counts ${st.vc[header.node]} own steps, not ${st.n + 1}`);
    const starts = st.kind === 'start' || st.kind === 'recover';
    if (starts !== (st.inc !== inc)) fail(i + 1, starts ? `a ${st.kind} must begin incarnation ${inc + 1}` : `incarnation ${st.inc} does not begin with a start or recover`);
    if (starts && (st.inc !== inc + 1 || (st.kind === 'start') !== (st.inc === 0))) fail(i + 1, `incarnation ${st.inc} begins with a ${st.kind}`);
    inc = st.inc;
    steps.push(st);
  }
  return { file: path, header, steps };
}

/** The effects of a step that are sends. */
export function sendsOf(step: TraceStep): Extract<TraceEffect, { kind: 'send' }>[] {
  return step.effects.filter((e): e is Extract<TraceEffect, { kind: 'send' }> => e.kind === 'send');
}
