/**
 * `interleave log FILE [--json]`: lists the records of a node's durable log and says whether, and where,
 * it is damaged — what an operator reads before deciding what to do with a node that refuses to start.
 * It never writes to the file.
 *
 * Each record is shown with its byte offset and kind: a *mark* (the step and sequence numbers reserved by
 * an incarnation) or a *state* (the node's durable state after a step). State records are decoded with the
 * protocol's durable schema when the node's trace lies beside the log (`P1.log` and `P1.trace.jsonl`: its
 * header names the protocol, parameters and node); otherwise they are shown by size. After damage before
 * the tail, the intact records found further on are listed too: they are what a repair would lose.
 *
 * Exit codes: 0 intact (a torn last record, which the next start cuts, is intact: it was never
 * acknowledged), 1 damaged before its tail (the node refuses to start), 2 not a log of this version, or
 * unreadable.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { NO_FAULTS, resolveDeploymentParams } from '../../model/actors/index.js';
import { clip, formatValue } from '../../model/core/index.js';
import type { Schema } from '../../model/core/index.js';
import { resolveDeployment } from '../../impl/node/index.js';
import { LogCorruptError, damageReason, readLog } from '../../impl/log/index.js';
import type { LogContents, LogRecordAt } from '../../impl/log/index.js';
import { decodeNodeLogRecord, traceBesideLog } from '../../impl/node/index.js';
import { readTraceHeader } from '../../impl/trace/index.js';
import { wireCodec } from '../../impl/wire/index.js';
import { UsageError } from '../errors.js';
import { defineCommand } from '../flags.js';

/** One record as `interleave log` reports it. */
export type LogEntry =
  | { readonly offset: number; readonly bytes: number; readonly kind: 'mark'; readonly inc: number; readonly stepLimit: number; readonly seqLimit: number }
  | { readonly offset: number; readonly bytes: number; readonly kind: 'state'; readonly value?: unknown; readonly error?: string }
  | { readonly offset: number; readonly bytes: number; readonly kind: 'unknown'; readonly error: string };

/** The report of `interleave log`. */
export interface LogReport {
  readonly path: string;
  /** `intact`; `torn-tail` (intact but for a last record the next start cuts); `damaged` (before its tail). */
  readonly verdict: 'intact' | 'torn-tail' | 'damaged';
  readonly size: number;
  /** Which protocol decoded the state records (`twophase-log P1`), or null if none could. */
  readonly decodedAs: string | null;
  readonly records: readonly LogEntry[];
  readonly tail: LogContents['tail'];
  readonly damage: (Omit<NonNullable<LogContents['damage']>, 'after'> & { readonly after: readonly LogEntry[] }) | null;
}

type Decode = (body: Uint8Array) => unknown;

/** The durable-state decoder named by the trace beside the log, if there is one that names a known protocol. */
async function decoderFor(path: string): Promise<{ decode: Decode; as: string } | { decode: null; why: string }> {
  const trace = traceBesideLog(path);
  if (trace === null || !existsSync(trace)) return { decode: null, why: 'no trace beside the log names its protocol' };
  try {
    const h = readTraceHeader(trace);
    const d = await resolveDeployment(h.protocol, h.module);
    const system = d.system(resolveDeploymentParams(d, h.params), NO_FAULTS);
    const info = system.topology.nodes[h.node];
    if (!info) return { decode: null, why: `the trace names node ${h.node}, which ${h.protocol} does not have` };
    const codec = wireCodec(system.roles[info.role]!.actor.durable as Schema);
    return { decode: (b) => codec.decode(b), as: `${h.protocol} ${info.name}` };
  } catch (e) {
    return { decode: null, why: (e as Error).message.split('\n')[0]! };
  }
}

function entry(r: LogRecordAt, decode: Decode | null): LogEntry {
  const base = { offset: r.offset, bytes: r.payload.length };
  let rec;
  try {
    rec = decodeNodeLogRecord(r.payload);
  } catch (e) {
    return { ...base, kind: 'unknown', error: (e as Error).message };
  }
  if (rec.kind === 'mark') return { ...base, kind: 'mark', inc: rec.inc, stepLimit: rec.stepLimit, seqLimit: rec.seqLimit };
  if (!decode) return { ...base, kind: 'state' };
  try {
    return { ...base, kind: 'state', value: decode(rec.body) };
  } catch (e) {
    return { ...base, kind: 'state', error: `not a durable record of this protocol: ${(e as Error).message}` };
  }
}

/** Reads the log at `path` into a {@link LogReport}; throws {@link LogCorruptError} if it is not a log of this version. */
export async function logReport(path: string): Promise<LogReport> {
  const contents = await readLog(path);
  const dec = await decoderFor(path);
  const decode = dec.decode;
  const records = contents.records.map((r) => entry(r, decode));
  const damage = contents.damage ? { ...contents.damage, after: contents.damage.after.map((r) => entry(r, decode)) } : null;
  const verdict = damage ? 'damaged' : contents.tail ? 'torn-tail' : 'intact';
  return { path, verdict, size: contents.size, decodedAs: dec.decode ? dec.as : null, records, tail: contents.tail, damage };
}

function line(e: LogEntry, i: number): string {
  const head = `  #${i + 1}  byte ${e.offset}  ${e.kind}`;
  if (e.kind === 'mark') return `${head}  incarnation ${e.inc}: steps below ${e.stepLimit}, sequence numbers below ${e.seqLimit}`;
  if (e.kind === 'unknown') return `${head}  (${e.bytes} bytes) ${e.error}`;
  if (e.error !== undefined) return `${head}  (${e.bytes} bytes) ${e.error}`;
  return 'value' in e ? `${head}  ${formatValue(e.value)}` : `${head}  (${e.bytes} bytes)`;
}

/** The report as text. */
export function formatLogReport(r: LogReport): string {
  const states = r.records.filter((e) => e.kind === 'state').length;
  const marks = r.records.filter((e) => e.kind === 'mark').length;
  const out = [`log ${r.path}: ${r.size} bytes, ${r.records.length} records (${states} state, ${marks} mark)${r.decodedAs ? `, decoded as ${r.decodedAs}` : ''}`];
  r.records.forEach((e, i) => out.push(line(e, i)));
  if (r.tail) out.push(`torn last record at byte ${r.tail.offset} (${r.tail.bytes} bytes): ${r.tail.reason}; never acknowledged, the next start cuts it`);
  if (r.damage) {
    const d = r.damage;
    out.push(`DAMAGED at byte ${d.offset}: ${damageReason(d)}; intact records resume at byte ${d.intactAt}:`);
    d.after.forEach((e, i) => out.push(line(e, r.records.length + i).replace(/^ {2}#/, '  +#')));
    out.push(`the node refuses to start on this log; the ${d.after.length} records after the damage are acknowledged state a repair would lose`);
  } else {
    out.push(r.tail ? 'intact but for its torn last record' : 'intact');
  }
  return `${out.join('\n')}\n`;
}

/** `interleave log FILE`. */
export const logCommand = defineCommand({
  name: 'log',
  args: [{ name: 'FILE' }],
  summary: "list a node's durable log and say where it is damaged; never writes to it",
  flags: { json: { kind: 'boolean', help: 'print the report as JSON' } },
  exits: '0 intact (a torn last record counts: the next start cuts it), 1 damaged before its tail, 2 not a log of this version, unreadable, or bad usage',
  run: ({ values, args }) => logMain(args[0]!, values.json === true),
});

/** Runs `interleave log`; returns the exit code (0 intact, 1 damaged). */
async function logMain(path: string, json: boolean): Promise<number> {
  if (!existsSync(path)) throw new UsageError(`no log at ${clip(path)}`);
  let report: LogReport;
  try {
    report = await logReport(path);
  } catch (e) {
    if (e instanceof LogCorruptError) throw new UsageError(e.message);
    throw new UsageError(`cannot read log ${clip(path)}: ${(e as Error).message}`);
  }
  const plain = (_k: string, v: unknown): unknown => (v instanceof Set ? [...v] : v instanceof Map ? Object.fromEntries(v) : typeof v === 'bigint' ? v.toString() : v);
  process.stdout.write(json ? `${JSON.stringify(report, plain, 2)}\n` : formatLogReport(report));
  return report.verdict === 'damaged' ? 1 : 0;
}
