/**
 * The types of an actor system, apart from the front (`actorSystem.ts`) and the compiler
 * (`compileActors.ts`), so that neither imports the other in a circle: the definition a user writes, the
 * definition once checked, as the compiler takes it, and the compiled system.
 *
 * @module
 */
import type { DraftOf, Fairness, Model, Property } from '../core/index.js';
import type { ActorAction } from './actions.js';
import type { AnyActor } from './actor.js';
import type { Effect, Topology } from './effects.js';
import type { GhostOptions } from './ghost.js';
import type { MessageSchema } from './messages.js';
import type { NetworkOptions } from './network.js';
import type { Roles, SystemSchema, SystemView } from './systemState.js';
import type { FaultBudget } from './faultBudget.js';

/** The definition of an actor system. */
export interface ActorSystemDefinition<R extends Roles> {
  readonly name: string;
  /** The roles, in node-id order: `{ C: { actor: coordinator, count: 1 }, P: { actor: participant, count: 3 } }`. */
  readonly roles: R;
  readonly network: NetworkOptions;
  readonly faults?: Partial<FaultBudget>;
  /**
   * At most this many client inputs are accepted in a behaviour (counted in the state as `faults.inputs`;
   * a refused input does not count). Clients are an unfair environment, but an unbounded one may go on
   * asking forever — an election that a client restarts without end never terminates — so a liveness
   * property that holds "once the clients stop" is checked with a budget, as crashes are. Checking only: a
   * run's validating system (`systemForRun`) takes every input the run had. @defaultValue unbounded
   */
  readonly inputs?: number;
  /** Enables the ghost causality layer (needed by `fifoDelivery` and the like). @defaultValue disabled */
  readonly ghost?: GhostOptions;
  readonly properties?: readonly Property<SystemView<R>, ActorAction>[];
  /**
   * Which actions a fair behaviour may not neglect. @defaultValue the delivery of each message in flight
   * (strongly, over fair-loss links) and the firing of each armed timer slot weakly fair (per message, per node and slot), and each crashed
   * node's recovery weakly fair (with `recovery`: a node that may recover eventually does); crashes, drops,
   * duplicates and client inputs unfair — the environment's choices, finite by their budgets.
   */
  readonly fairness?: readonly Fairness<ActorAction>[];
  /**
   * Client inputs that are weakly fair per node under the default fairness: what a client is sure to do once
   * it may, such as leaving its critical section (`['release']`). Compared as JSON. @defaultValue none
   */
  readonly fairInputs?: readonly unknown[];
  /**
   * Several initial states (TLA+'s `Init` with choices): each entry lists every node's initial volatile
   * state, by node id (an entry's missing or undefined node gets its actor's `initial`), and the system
   * starts in one state per entry, each after the start handlers. A crash still resets a node to its actor's
   * `initial`. @defaultValue one initial state, every node's actor's `initial`
   */
  readonly initialChoices?: readonly (readonly unknown[])[];
  /** A state constraint, as for any model. */
  within?(state: SystemView<R>): boolean;
  /** Whether a state with nothing left to do is a legal end. @defaultValue always */
  isLegalEnd?(state: SystemView<R>): boolean;
}

/** A compiled actor system: a packed model, plus its membership. */
export interface ActorSystem<R extends Roles> extends Model<SystemSchema<R>, ActorAction> {
  readonly topology: Topology;
  /**
   * The roles as defined, in node-id order: the actors themselves, so that a runtime can host exactly the
   * handlers this model runs (node `id` plays `roles[topology.nodes[id].role].actor`).
   */
  readonly roles: R;
  /** The network semantics, as defined. */
  readonly network: NetworkOptions;
  /** The definition it was compiled from (a system for validating a run is rebuilt from it, see `runSystem.ts`). */
  readonly definition: ActorSystemDefinition<R>;
  /** The fault budget, with defaults filled in. */
  readonly faults: FaultBudget;
  /** The view of node `id` in `state` (fields `up`, `timers`, `seen`, `local`, `durable`). */
  node(state: SystemView<R>, id: number): unknown;
  /** Node `id` of `state` as plain values: its crash flag, armed timers, observations, volatile and durable state. */
  nodeValue(state: SystemView<R>, id: number): { up: boolean; timers: string[]; seen: string[]; local: unknown; durable: unknown };
  /**
   * {@link Model.next}, also returning the effects the acting node's handler described, in call order
   * (empty for `crash`, `drop` and `duplicate`), or `undefined` if the action is disabled. Validation of
   * a recorded run compares them with the effects the real node performed.
   */
  nextEffects(state: SystemView<R>, action: ActorAction, out: DraftOf<SystemSchema<R>>): readonly Effect[] | undefined;
}

/**
 * A definition that passed `actorSystem`'s checks, as the compiler takes it: its membership, each
 * node's actor, the message schema they share, and the fault budget with its defaults.
 */
export interface CheckedSystem<R extends Roles> {
  readonly def: ActorSystemDefinition<R>;
  readonly topology: Topology;
  readonly actorOf: readonly AnyActor[];
  readonly messages: MessageSchema;
  readonly faults: FaultBudget;
}
