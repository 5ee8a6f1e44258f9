/**
 * The trace format: one JSON Lines file per node and run, in which the node records every step it takes.
 *
 * ```text
 * {"format":"interleave-trace","version":1,"protocol":"twophase-log","params":{...},"node":1,"name":"P1","nodes":["C","P1","P2","P3"],"crc":"…"}
 * {"kind":"start","n":0,"inc":0,"t":…,"vc":[0,1,0,0],"fp":"…","log":0,"effects":[],"crc":"…"}
 * {"kind":"deliver","from":0,"seq":3,"msg":{"type":"VoteReq","tx":0},"n":1,"inc":0,"t":…,"vc":[1,2,0,0],"fp":"…","log":1,
 *  "effects":[{"kind":"persist","digest":"…"},{"kind":"observe","observation":"yes@0"},{"kind":"send","to":0,"seq":1,"msg":{…}}],"crc":"…"}
 * ```
 *
 * The first line is a header naming the protocol, its parameters, and the node. Every later line is a
 * {@link TraceStep}: what arrived or fired (`kind`: `start` or `recover` of an incarnation `inc`, a
 * `deliver`y of message `seq` of node `from`, a `timeout`, a client `input`), the effects its handler
 * described in call order, the node's vector clock after the step (`vc`: `vc[k]` is the clock of the
 * latest step of node k this step causally follows, 0 for none), the fingerprint of its state after the
 * step (`fp`: timers, volatile and durable state, see `digest.ts`), and how many state records its
 * durable log holds (`log`). Sends carry a sequence number unique per sender across restarts, which the
 * receiver records, so a delivery names the send it consumed. `t` is the wall-clock time in ms, used only
 * to pick a plausible order among concurrent steps.
 *
 * A node's own clock entry (`vc[node]`) counts its steps within an incarnation and jumps forward at each
 * restart, to the reservation its log's mark made (`impl/node/logRecords.ts`): a trace can lose lines in a
 * power loss, and the log still knows which clock values and sequence numbers may have left the node, so
 * none is ever used twice. `n` numbers the lines of the file, from 0, without gaps. A `recover` step may
 * carry a {@link TraceGap}: what the node found missing from its trace when it restarted. A node that stops
 * cleanly ends its trace with a {@link TraceSeal}; a restart after it continues the file.

 * Every line ends with a CRC-32 of the rest of the line (`,"crc":"8 hex digits"}` as the last member), so
 * a damaged line is reported as damaged rather than as a protocol step that never happened.
 *
 * @module
 */
import type { TimerKey } from '../../model/actors/index.js';
import { crc32 } from '../log/index.js';

/** The value of `format` in a trace header. */
export const TRACE_FORMAT = 'interleave-trace';
/** The trace format version this code writes and reads. */
export const TRACE_VERSION = 2;

/** The first line of a node's trace. */
export interface TraceHeader {
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  /** The deployment id (`twophase-log`). */
  readonly protocol: string;
  /** The resolved deployment parameters. */
  readonly params: Readonly<Record<string, number>>;
  /** The absolute path of the user's module that declares the protocol, if it is not the registry's. */
  readonly module?: string;
  /** This node's id and name, and every node's name by id. */
  readonly node: number;
  readonly name: string;
  readonly nodes: readonly string[];
}

/** One effect as recorded. */
export type TraceEffect =
  | { readonly kind: 'send'; readonly to: number; readonly seq: number; readonly msg: unknown }
  | { readonly kind: 'setTimer' | 'cancelTimer'; readonly timer: string; readonly key?: TimerKey }
  | { readonly kind: 'persist'; readonly digest: string }
  | { readonly kind: 'deliver'; readonly from: number; readonly msg: unknown }
  | { readonly kind: 'observe'; readonly observation: string };

/**
 * What a restarted node knows its trace is missing, recorded on its `recover` step. The trace is not
 * fsync'd, so a power loss can take lines whose step did happen; the durable log cannot lose anything it
 * acknowledged, so comparing the two shows part of the loss. `records`: durable state records in the log
 * that no recorded step accounts for (their steps happened, untraced). `incarnations`: incarnations the
 * log's marks show began, of which the trace holds no step.
 */
export interface TraceGap {
  readonly records: number;
  readonly incarnations: number;
}

/** What a step reacted to. */
export type TraceEvent =
  | { readonly kind: 'start' }
  | { readonly kind: 'recover'; readonly gap?: TraceGap }
  | { readonly kind: 'deliver'; readonly from: number; readonly seq: number; readonly msg: unknown }
  | { readonly kind: 'timeout'; readonly timer: string; readonly key?: TimerKey }
  | { readonly kind: 'input'; readonly input: unknown };

/** One recorded step. */
export type TraceStep = TraceEvent & {
  /** The step's index in this node's trace, from 0. */
  readonly n: number;
  /** The incarnation: 0 for the first start, +1 per restart. */
  readonly inc: number;
  /** Wall-clock milliseconds. */
  readonly t: number;
  readonly vc: readonly number[];
  readonly fp: string;
  readonly log: number;
  readonly effects: readonly TraceEffect[];
};

/**
 * The last line of a trace whose node stopped cleanly: how many steps the file holds, and the SHA-256 of
 * every byte before this line. A trace that ends without one belongs to a node that was killed (or whose
 * seal was cut off); one whose seal does not match its content was damaged after the fact.
 */
export interface TraceSeal {
  readonly kind: 'seal';
  readonly steps: number;
  readonly digest: string;
}

/** A trace file that is not a well-formed, complete trace; the message is one line naming file and line. */
export class TraceError extends Error {
  override readonly name = 'TraceError';
}

function hex32(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

const encoder = new TextEncoder();

/** The line (with its newline) recording `value`, sealed with its CRC. */
export function sealLine(value: object): string {
  const body = JSON.stringify(value);
  const crc = crc32(encoder.encode(body));
  return `${body.slice(0, -1)},"crc":"${hex32(crc)}"}\n`;
}

/** The value of one sealed line (without its newline); throws a plain `Error` saying what is wrong. */
export function openLine(line: string): Record<string, unknown> {
  const m = /,"crc":"([0-9a-f]{8})"\}$/.exec(line);
  if (!m) throw new Error('no checksum at the end of the line');
  const body = `${line.slice(0, m.index)}}`;
  const crc = crc32(encoder.encode(body));
  if (hex32(crc) !== m[1]) throw new Error(`checksum mismatch (line says ${m[1]}, content gives ${hex32(crc)})`);
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
  return v as Record<string, unknown>;
}
