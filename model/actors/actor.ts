/**
 * Actors: a node of a distributed protocol, written as pure handlers.
 *
 * An actor reacts to four kinds of event — its start, a message (with its sender), a timer firing, and its
 * recovery after a crash — plus, where the system declares them, inputs from a client. Each handler gets a
 * draft of the node's volatile state, which it updates in place like an immer recipe, and a
 * {@link Context} through which it *describes* effects. Handlers must be deterministic: the same state
 * and event give the same successor and effects, so the checker may replay them and the runtime may host
 * exactly the same code. The volatile state, the messages and the durable record each have a schema, so a
 * whole system of actors packs into a few words (see `actorSystem` in actorSystem.ts). The style follows Stateright's
 * `Actor` trait (`on_start`, `on_msg`, `on_timeout`) with Erlang's vocabulary of crash and recovery.
 *
 * @example
 * ```ts
 * const Msg = messages({ Ping: { n: s.int(0, 3) }, Pong: { n: s.int(0, 3) } });
 * const ponger = defineActor({
 *   kind: 'ponger',
 *   state: s.record({ pings: s.int(0, 3) }),
 *   messages: Msg,
 *   initial: () => ({ pings: 0 }),
 *   onMessage(st, from, msg, ctx) {
 *     match(msg)
 *       .with({ type: 'Ping' }, (m) => { st.pings++; ctx.send(from, { type: 'Pong', n: m.n }); })
 *       .with({ type: 'Pong' }, () => {})
 *       .exhaustive();
 *   },
 * });
 * ```
 *
 * @module
 */
import { s } from '../core/index.js';
import type { DraftOf, RecordSchema, Schema, ValueOf } from '../core/index.js';
import type { Context, NodeInfo } from './effects.js';
import type { MessageCases, MessageSchema, MessageValue } from './messages.js';
import { zeroValue } from './messages.js';
import { timerTable } from './timers.js';
import type { TimerDeclaration, TimerKey, TimerTable } from './timers.js';

/** How many declined messages a running node keeps (beyond, it refuses them with a warn line). */
export const DEFERRED_LIMIT = 4096;

/** The context type of an actor's handlers. */
export type ActorContext<C extends MessageCases, D extends Schema, T extends string, O extends string> = Context<MessageValue<C>, ValueOf<D>, T, O, DraftOf<D>>;

/**
 * The definition of an actor: `L` its volatile state, `C` its messages, `D` its durable record, `T` its
 * timers, `I` its client inputs, `O` its observations.
 */
export interface ActorDefinition<L extends RecordSchema, C extends MessageCases, D extends RecordSchema, T extends string, I, O extends string> {
  /** What kind of node this is (`coordinator`), for messages. */
  readonly kind: string;
  /** The schema of the volatile state, lost in a crash. */
  readonly state: L;
  /** The messages of the protocol (every actor of a system shares one message schema). */
  readonly messages: MessageSchema<C>;
  /** The schema of the durable record, kept across crashes. @defaultValue an empty record */
  readonly durable?: D;
  /**
   * The node's timers: a list of names, or a record from each name to the schema of its key (an `s.int` or
   * `s.enum`; `null` for a plain timer), as in `{ vote: s.int(0, txs - 1) }` — one timer per transaction.
   * @defaultValue none
   */
  readonly timers?: TimerDeclaration<T>;
  /** The client inputs the node accepts (plain data); each may be offered in any state. @defaultValue none */
  readonly inputs?: readonly I[];
  /** The names of what the node may {@link Context.observe}. @defaultValue none */
  readonly observations?: readonly O[];
  /** The volatile state at start, and again after a crash (before {@link onRecover} runs). */
  initial(node: NodeInfo): ValueOf<L>;
  /** The durable record at start. @defaultValue the zero value of `durable` */
  readonly initialDurable?: ValueOf<D>;
  /** Runs once, in the initial state. */
  onStart?(st: DraftOf<L>, ctx: ActorContext<C, D, T, O>): void;
  /**
   * A message from node `from` has arrived (it is consumed unless the network is duplicating). Return false
   * to decline it for now — a guarded receive, as TLA+'s guards and Promela's receive: the message stays in
   * flight, its delivery is not an enabled action in this state, and nothing of the step happens. The
   * runtime keeps a declined message and offers it again after each step the node takes (in arrival order per
   * sender, at most {@link DEFERRED_LIMIT} held).
   */
  onMessage(st: DraftOf<L>, from: number, msg: MessageValue<C>, ctx: ActorContext<C, D, T, O>): boolean | void;
  /** Armed timer `timer` (with `key`, for a keyed timer) fired; it is disarmed before this runs. */
  onTimer?(st: DraftOf<L>, timer: T, ctx: ActorContext<C, D, T, O>, key: TimerKey | undefined): void;
  /**
   * The node restarts after a crash: `st` holds {@link initial} again, `durable` what was persisted.
   * @defaultValue runs {@link onStart}
   */
  onRecover?(st: DraftOf<L>, durable: ValueOf<D>, ctx: ActorContext<C, D, T, O>): void;
  /** A client offers `input`; return false if the node does not accept it in this state (nothing happens). */
  onInput?(st: DraftOf<L>, input: I, ctx: ActorContext<C, D, T, O>): boolean | void;
  /** How an input reads in traces. @defaultValue compact JSON, or the string itself */
  formatInput?(input: I): string;
}

/** A defined actor: its definition with every default filled in. */
export interface Actor<
  L extends RecordSchema = RecordSchema,
  C extends MessageCases = MessageCases,
  D extends RecordSchema = RecordSchema,
  T extends string = string,
  I = unknown,
  O extends string = string,
> extends ActorDefinition<L, C, D, T, I, O> {
  readonly durable: D;
  /** The timer names, in declaration order. */
  readonly timers: readonly T[];
  /** The timers with their keys and slots. */
  readonly timerTable: TimerTable<T>;
  readonly inputs: readonly I[];
  readonly observations: readonly O[];
  readonly initialDurable: ValueOf<D>;
}

/** Any actor, whatever its types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyActor = Actor<any, any, any, any, any, any>;

function distinct(kind: string, what: string, names: readonly string[]): void {
  if (new Set(names).size !== names.length) throw new TypeError(`defineActor(${kind}): ${what} must be distinct: ${names.join(', ')}`);
}

/** Defines an actor: checks the definition and fills in its defaults. */
export function defineActor<L extends RecordSchema, C extends MessageCases, T extends string = never, I = never, O extends string = never, D extends RecordSchema = RecordSchema<{}>>(
  def: ActorDefinition<L, C, D, T, I, O>,
): Actor<L, C, D, T, I, O> {
  if (def.state.kind !== 'record') throw new TypeError(`defineActor(${def.kind}): the state schema must be a record`);
  const durable = (def.durable ?? s.record({})) as D;
  const table = timerTable(def.kind, def.timers);
  const observations = def.observations ?? [];
  distinct(def.kind, 'observation names', observations);
  return {
    ...def,
    durable,
    timers: table.names,
    timerTable: table,
    inputs: def.inputs ?? [],
    observations,
    initialDurable: def.initialDurable ?? zeroValue(durable),
  };
}
