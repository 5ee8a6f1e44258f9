/**
 * The actions of an actor system: plain data, so that a trace can be written, read back, replayed and
 * diffed, and formatted to read like a message sequence chart:
 *
 * ```text
 * deliver  P1 -> C : Vote(yes)
 * drop  C -> P2 : Decision(commit)
 * timeout  P2 : decision
 * crash  C
 * ```
 *
 * A message is named by its value (and, on a FIFO link, its position), not by an index into the network,
 * so a trace stays meaningful to a reader and valid when replayed against the same model.
 *
 * @module
 */
import { timerLabel } from './timers.js';
import type { TimerKey } from './timers.js';

/** One step of an actor system. `M` is the message type, `I` the input type. */
export type ActorAction<M = unknown, I = unknown> =
  /** Message `msg` from `from` arrives at `to`, whose handler runs. */
  | { readonly type: 'deliver'; readonly from: number; readonly to: number; readonly msg: M }
  /** The network loses it; `at` is its position in a FIFO link. */
  | { readonly type: 'drop'; readonly from: number; readonly to: number; readonly msg: M; readonly at?: number }
  /** The network copies it; `at` is its position in a FIFO link. */
  | { readonly type: 'duplicate'; readonly from: number; readonly to: number; readonly msg: M; readonly at?: number }
  /** An armed timer fires (`key`: which one of a keyed timer). */
  | { readonly type: 'timeout'; readonly node: number; readonly timer: string; readonly key?: TimerKey }
  /** A node crashes: its volatile state and timers are lost. */
  | { readonly type: 'crash'; readonly node: number }
  /** A crashed node restarts from its durable record. */
  | { readonly type: 'recover'; readonly node: number }
  /** A client offers an input to a node. */
  | { readonly type: 'input'; readonly node: number; readonly input: I };

/** How to name nodes, messages and inputs when formatting actions. */
export interface ActionFormat {
  /** Node names, by id. */
  readonly names: readonly string[];
  /** How a message reads. */
  message(msg: unknown): string;
  /** How an input to `node` reads. */
  input(node: number, input: unknown): string;
}

/** The one-line, sequence-chart-like rendering of an action. */
export function formatActorAction(a: ActorAction, f: ActionFormat): string {
  const n = (id: number) => f.names[id] ?? `#${id}`;
  switch (a.type) {
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${a.type}  ${n(a.from)} -> ${n(a.to)} : ${f.message(a.msg)}`;
    case 'timeout':
      return `timeout  ${n(a.node)} : ${timerLabel(a.timer, a.key)}`;
    case 'crash':
    case 'recover':
      return `${a.type}  ${n(a.node)}`;
    case 'input':
      return `input  ${n(a.node)} : ${f.input(a.node, a.input)}`;
  }
}
