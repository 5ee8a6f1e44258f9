/**
 * The messages of the IPC channel between the cluster launcher and a node process (`main.ts`), one
 * discriminated union per direction, and a parser for each that checks what arrives.
 *
 * - launcher → node ({@link LauncherToNode}): `{ type: 'input', input }` (a client input),
 *   `{ type: 'stop' }` (a clean stop);
 * - node → launcher ({@link NodeToLauncher}): `{ type: 'ready', incarnation }`, `{ type: 'effect', effect }`
 *   (observations and deliveries, for the client), `{ type: 'refused', input }`, `{ type: 'stats', ... }`
 *   (periodically and at the end), `{ type: 'stopped' }`.
 *
 * Both sides are this project's code, so a message that does not parse is a bug, not an attack; still it
 * must not crash either side. The receiver ignores it with one line saying why.
 *
 * @example
 * ```ts
 * const m = parseLauncherToNode(JSON.parse('{"type":"input","input":3}'));
 * if ('error' in m) logger.warn(`ignored an IPC message: ${m.error}`);
 * else if (m.type === 'input') host.input(m.input);
 * ```
 *
 * @module
 */
import type { Effect } from '../../model/actors/index.js';
import type { LogStats } from '../log/index.js';
import type { TransportStats } from '../transport/index.js';

/** What the launcher tells a node process over IPC. */
export type LauncherToNode =
  /** A client input, for the node's `input` handler. */
  | { readonly type: 'input'; readonly input: unknown }
  /** Stop cleanly: drain the pending steps, close the files, disconnect. */
  | { readonly type: 'stop' };

/** A node's counters, as it reports them to the launcher (one incarnation's, since it started). */
export interface NodeStatsMessage {
  readonly type: 'stats';
  readonly incarnation: number;
  readonly steps: number;
  readonly refusedMessages: number;
  readonly log: LogStats;
  readonly transport: TransportStats;
}

/** What a node process tells the launcher over IPC. */
export type NodeToLauncher =
  /** The node has started or recovered and takes inputs. */
  | { readonly type: 'ready'; readonly incarnation: number }
  /** An effect of one of its steps (observations and deliveries are what the client hears). */
  | { readonly type: 'effect'; readonly effect: Effect }
  /** A client input the node refused. */
  | { readonly type: 'refused'; readonly input: unknown }
  | NodeStatsMessage
  /** The node has stopped cleanly (its last stats came just before). */
  | { readonly type: 'stopped' };

/** Why a message did not parse. */
export interface IpcParseError {
  readonly error: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isCount = (x: unknown): x is number => typeof x === 'number';
const typeOf = (m: unknown): string => (isRecord(m) ? (typeof m.type === 'string' ? JSON.stringify(m.type.slice(0, 32)) : 'no type') : m === null ? 'null' : typeof m);

/** Checks a message that arrived at a node process from the launcher. */
export function parseLauncherToNode(m: unknown): LauncherToNode | IpcParseError {
  if (!isRecord(m)) return { error: `not an object (${typeOf(m)})` };
  // An input may be any value; an undefined one arrives without the field (IPC messages travel as JSON).
  if (m.type === 'input') return m as LauncherToNode;
  if (m.type === 'stop') return m as LauncherToNode;
  return { error: `unknown message type ${typeOf(m)}` };
}

/** Checks a message that arrived at the launcher from a node process. */
export function parseNodeToLauncher(m: unknown): NodeToLauncher | IpcParseError {
  if (!isRecord(m)) return { error: `not an object (${typeOf(m)})` };
  switch (m.type) {
    case 'ready':
      return isCount(m.incarnation) ? (m as NodeToLauncher) : { error: 'ready without an incarnation' };
    case 'effect':
      return isRecord(m.effect) && typeof m.effect.kind === 'string' ? (m as NodeToLauncher) : { error: 'effect without an effect kind' };
    case 'refused':
    case 'stopped':
      return m as NodeToLauncher;
    case 'stats': {
      const { log, transport } = m;
      const ok =
        isCount(m.incarnation) &&
        isCount(m.steps) &&
        isCount(m.refusedMessages) &&
        isRecord(log) &&
        isCount(log.fsyncs) &&
        isCount(log.commits) &&
        isCount(log.records) &&
        isRecord(transport) &&
        isCount(transport.lost) &&
        isCount(transport.duplicated) &&
        isCount(transport.rejected) &&
        isCount(transport.deadlineClosed);
      return ok ? (m as unknown as NodeStatsMessage) : { error: 'stats without their counters' };
    }
    default:
      return { error: `unknown message type ${typeOf(m)}` };
  }
}
