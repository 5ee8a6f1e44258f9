/**
 * Effects as data: what a handler may do besides updating its own state.
 *
 * A handler never performs I/O. It calls the methods of its {@link Context}, which only *record*
 * {@link Effect}s, in call order; whoever ran the handler then interprets them. The checker applies them to
 * the model state (a send adds an envelope to the network, `persist` overwrites the node's durable record);
 * the runtime writes the durable record to stable storage, then puts the messages on the wire. This is the
 * command pattern of Stateright's `Out` and of XState's pure `transition()`.
 *
 * A step is atomic: its effects take place together, so a crash falls between steps, never inside one. The
 * runtime honours that by making the step's durable write reach stable storage before any of its messages
 * leave — which is why a protocol that must "log before it sends" simply does both in one step, and a
 * protocol that sends first and logs later needs two steps (the catalogue's 2PC mutants do exactly that).
 *
 * @example
 * ```ts
 * onMessage(st, from, msg, ctx) {
 *   if (msg.type === 'VoteReq') {
 *     ctx.persist((d) => d.log.set(msg.tx, 'precommit')); // stable storage first...
 *     ctx.send(from, { type: 'Vote', yes: true }); // ...then the vote
 *     ctx.setTimer('decision');
 *   }
 * }
 * ```
 *
 * @module
 */
import { decode, draftOf, encode } from '../core/index.js';
import type { Schema } from '../core/index.js';
import type { TimerKey } from './timers.js';

/** One effect of a handler step. */
export type Effect<M = unknown, D = unknown, T extends string = string> =
  | { readonly kind: 'send'; readonly to: number; readonly msg: M }
  | { readonly kind: 'setTimer'; readonly timer: T; readonly key?: TimerKey }
  | { readonly kind: 'cancelTimer'; readonly timer: T; readonly key?: TimerKey }
  | { readonly kind: 'persist'; readonly durable: D }
  | { readonly kind: 'deliver'; readonly from: number; readonly msg: M }
  | { readonly kind: 'observe'; readonly observation: string };

/** The identity of a node, as its handlers see it. */
export interface NodeInfo {
  /** The node id: its position in the system, counting roles in declaration order. */
  readonly id: number;
  /** Its display name, `C` or `P2`. */
  readonly name: string;
  /** The role it plays, as named in the system definition. */
  readonly role: string;
  /** Its position among the nodes of its role, from 0. */
  readonly index: number;
}

/** The membership of a system, which every handler may consult (it never changes). */
export interface Topology {
  /** Every node, by id. */
  readonly nodes: readonly NodeInfo[];
  /** The ids of the nodes of `role`, in order; throws for an unknown role. */
  group(role: string): readonly number[];
}

/**
 * What a handler may do: describe effects, and read who it is and its durable record. `M` is the message
 * type, `D` the durable record's value, `T` the timer names, `O` the observation names.
 */
export interface Context<M = unknown, D = unknown, T extends string = string, O extends string = string, DD = unknown> {
  /** This node. */
  readonly self: NodeInfo;
  /** The system's membership. */
  readonly topology: Topology;
  /** Sends `msg` to node `to` (possibly itself). */
  send(to: number, msg: M): void;
  /** Sends `msg` to each node of `to`, in order: one send per destination. */
  broadcast(to: readonly number[], msg: M): void;
  /**
   * Arms timer `timer`, with `key` if it is a keyed timer (no effect if armed); an armed timer may fire at
   * any later step.
   */
  setTimer(timer: T, key?: TimerKey): void;
  /** Disarms timer `timer` with `key` (no effect if not armed). */
  cancelTimer(timer: T, key?: TimerKey): void;
  /**
   * Writes the durable record: it survives crashes, and the runtime writes it before sending. Either the
   * whole record, or a recipe that edits a draft of the record as of now, as a handler edits its volatile
   * state: `ctx.persist((d) => d.log.set(tx, 'commit'))`.
   */
  persist(durable: D | ((draft: DD) => void)): void;
  /** The durable record as of now, including a `persist` earlier in this step. */
  readonly durable: D;
  /**
   * Delivers `msg`, received from `from`, to the application. Distinct from its arrival: a protocol may
   * hold a message back and deliver it later, or never. The ghost properties (FIFO, causal, no duplicate
   * delivery) are about these deliveries.
   */
  deliver(from: number, msg: M): void;
  /**
   * Records that this node did something an observer can see (committed, voted yes). Observations are
   * ghost data: they survive crashes and feed properties such as "a decided node never changes its mind";
   * handlers cannot read them.
   */
  observe(observation: O): void;
}

/** The draft a `persist` recipe edits, one per durable schema (a recipe runs to its end before the next). */
const drafts = new WeakMap<Schema, ReturnType<typeof draftOf>>();

/** A {@link Context} that records the effects of one handler step, in call order. */
export class EffectRecorder<M = unknown, D = unknown, T extends string = string, O extends string = string, DD = unknown> implements Context<M, D, T, O, DD> {
  /** The effects so far. */
  readonly effects: Effect<M, D, T>[] = [];
  private current: { value: D } | null = null;

  /**
   * `readDurable` is called at most once, the first time the handler reads {@link durable}; `durableSchema`
   * is the durable record's schema, which a `persist` through a draft needs.
   */
  constructor(
    readonly self: NodeInfo,
    readonly topology: Topology,
    private readonly readDurable: () => D,
    private readonly durableSchema?: Schema,
  ) {}

  /** Forgets the effects recorded so far and the durable record read, for the next step of the same node. */
  reset(): void {
    const effects = this.effects;
    while (effects.length > 0) effects.pop(); // cheaper than setting the length, for the few effects of a step
    this.current = null;
  }

  send(to: number, msg: M): void {
    this.effects.push({ kind: 'send', to, msg });
  }
  broadcast(to: readonly number[], msg: M): void {
    for (const t of to) this.send(t, msg);
  }
  setTimer(timer: T, key?: TimerKey): void {
    this.effects.push(key === undefined ? { kind: 'setTimer', timer } : { kind: 'setTimer', timer, key });
  }
  cancelTimer(timer: T, key?: TimerKey): void {
    this.effects.push(key === undefined ? { kind: 'cancelTimer', timer } : { kind: 'cancelTimer', timer, key });
  }
  persist(durable: D | ((draft: DD) => void)): void {
    if (typeof durable === 'function') {
      const schema = this.durableSchema;
      if (schema === undefined) throw new TypeError(`${this.self.name}: persist through a draft needs the durable record's schema`);
      let d = drafts.get(schema);
      if (d === undefined) drafts.set(schema, (d = draftOf(schema)));
      const words = encode(schema, this.durable as never);
      d.bind(words, 0);
      (durable as (draft: DD) => void)(d.view as DD);
      durable = decode(schema, words) as D;
    }
    this.current = { value: durable };
    this.effects.push({ kind: 'persist', durable });
  }
  get durable(): D {
    this.current ??= { value: this.readDurable() };
    return this.current.value;
  }
  deliver(from: number, msg: M): void {
    this.effects.push({ kind: 'deliver', from, msg });
  }
  observe(observation: O): void {
    this.effects.push({ kind: 'observe', observation });
  }
}
