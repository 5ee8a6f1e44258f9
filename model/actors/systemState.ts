/**
 * The state of a whole actor system as one schema, so that it checks on the packed fast path:
 *
 * ```text
 * nodes.<role>[i] = { up, timers, seen, local, durable }   per node: crash flag, armed timer slots (a bitset),
 *                                                          ghost observations, volatile and durable state
 * net                                                      the messages in flight (see network.ts)
 * faults = { crashes, drops, duplicates[, inputs] }        the faults used so far in this run (and the client
 *                                                          inputs, under an input budget)
 * ghost  = { clock, sent, violated }                       vector clocks and sent messages (see ghost.ts)
 * ```
 *
 * @module
 */
import { s } from '../core/index.js';
import type { ArraySchema, BooleanSchema, EnumSchema, IntSchema, RecordSchema, Schema, SetSchema, ViewOf } from '../core/index.js';
import type { Actor, AnyActor } from './actor.js';

/** A role of a system: an actor and how many nodes play it. */
export interface Role<A extends AnyActor = AnyActor> {
  readonly actor: A;
  readonly count: number;
}

/** The roles of a system, in declaration order (which is node-id order). */
export type Roles = { readonly [role: string]: Role };

/* eslint-disable @typescript-eslint/no-explicit-any */
type LocalOf<A> = A extends Actor<infer L, any, any, any, any, any> ? L : never;
type DurableOf<A> = A extends Actor<any, any, infer D, any, any, any> ? D : never;
type ObservationOf<A> = A extends Actor<any, any, any, any, any, infer O> ? O : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The schema of one node of actor `A`. */
export type NodeSchema<A extends AnyActor> = RecordSchema<{
  readonly up: BooleanSchema;
  /** The armed timer slots, by label (a plain timer's label is its name, a keyed one's `name(key)`). */
  readonly timers: SetSchema<EnumSchema<string>>;
  readonly seen: SetSchema<EnumSchema<ObservationOf<A>>>;
  readonly local: LocalOf<A>;
  readonly durable: DurableOf<A>;
}>;

/** The fault counters: how many of each fault this run has used. */
export type FaultsSchema = RecordSchema<{ readonly crashes: IntSchema; readonly drops: IntSchema; readonly duplicates: IntSchema }>;

/**
 * The schema of a system with roles `R`. The network and ghost parts depend on the options chosen and are
 * read through the actor layer, so their types are left opaque.
 */
export type SystemSchema<R extends Roles> = RecordSchema<{
  readonly nodes: RecordSchema<{ readonly [K in keyof R]: ArraySchema<NodeSchema<R[K]['actor']>> }>;
  readonly net: RecordSchema<{}>;
  readonly faults: FaultsSchema;
  readonly ghost: RecordSchema<{}>;
}>;

/** A read-only view of a system state, as properties see it. */
export type SystemView<R extends Roles> = ViewOf<SystemSchema<R>>;

/** The names of a set universe; a set needs at least one, so an empty list gets a placeholder. */
function names(list: readonly string[]): EnumSchema {
  return s.enum(list.length > 0 ? list : ['(none)']);
}

/** The schema of one node of `actor`. */
export function nodeSchema(actor: AnyActor): Schema {
  return s.record({
    up: s.boolean(),
    timers: s.set(names(actor.timerTable.labels)),
    seen: s.set(names(actor.observations)),
    local: actor.state,
    durable: actor.durable,
  });
}

/** The bounds of the fault counters. */
export interface FaultBounds {
  readonly crashes: number;
  readonly drops: number;
  readonly duplicates: number;
}

/** The schema of a whole system; `inputs`, an input budget, adds the counter `faults.inputs`. */
export function systemSchema<R extends Roles>(roles: R, net: Schema, faults: FaultBounds, ghost: Schema, inputs?: number): SystemSchema<R> {
  const nodes = Object.fromEntries(Object.entries(roles).map(([role, r]) => [role, s.array(nodeSchema(r.actor), r.count)]));
  const counters = { crashes: s.int(0, faults.crashes), drops: s.int(0, faults.drops), duplicates: s.int(0, faults.duplicates) };
  return s.record({
    nodes: s.record(nodes),
    net,
    faults: s.record(inputs === undefined ? counters : { ...counters, inputs: s.int(0, inputs) }),
    ghost,
  }) as unknown as SystemSchema<R>;
}
