/**
 * Deployments: what it takes to run an actor protocol for real, beyond its handlers — the instance to
 * start, how long its timers run, and the client workload that drives it.
 *
 * The checker explores an actor system with every timer firing "at some point" and every client input
 * offered "at some point". A real run needs numbers and a client: a deployment gives each timer a duration
 * in milliseconds and a {@link Workload} that decides which inputs to offer, when, and what counts as an
 * operation finishing. It also builds the system for a *recorded* run: a real run has many more crashes,
 * losses and messages in flight than a catalogue instance, so {@link Deployment.system} takes a
 * {@link RunBudget} measured from the run's traces and returns an instance large enough to replay it.
 * Everything here is pure data and pure functions, like the handlers; the runtime (`impl/`) interprets it.
 *
 * @example
 * ```ts
 * const d: Deployment = {
 *   id: 'ping', description: 'one ping, one pong', params: [],
 *   system: (_p, budget) => ping({ crashes: budget.crashes, drops: budget.drops }),
 *   timeouts: () => ({ retry: 100 }),
 *   workload: () => {
 *     let started = false;
 *     return {
 *       operations: 1,
 *       concurrency: 1,
 *       start: (max) => (started || max < 1 ? [] : ((started = true), [{ node: 0, input: 'ping', op: 0 }])),
 *       react: (_node, e) => (e.kind === 'observe' && e.observation === 'ponged' ? { completes: [{ op: 0, outcome: 'done' }] } : {}),
 *       refused: () => ({}),
 *     };
 *   },
 * };
 * ```
 *
 * @module
 */
import type { ActorSystem } from './actorSystemTypes.js';
import type { Effect } from './effects.js';
import type { Roles } from './systemState.js';
import { resolveParams } from '../core/index.js';
import type { IntParam } from '../core/index.js';

/** Parameter values by name, resolved (every parameter present). */
export type DeploymentParams = Readonly<Record<string, number>>;

/**
 * The faults and load of a recorded run, which the system validating it must accommodate: budgets at
 * least these counts, and a network holding at least `inFlight` messages at once.
 */
export interface RunBudget {
  readonly crashes: number;
  readonly drops: number;
  readonly duplicates: number;
  /** The most messages in flight at once along the run's merged order. */
  readonly inFlight: number;
}

/** A run without faults and with at most one message in flight, for starting nodes (budgets unused). */
export const NO_FAULTS: RunBudget = { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 };

/** An input the client offers to a node; `op` marks the input that begins operation `op` (for latency). */
export interface WorkloadInput {
  readonly node: number;
  /** Plain JSON data, one of the node's declared inputs. */
  readonly input: unknown;
  readonly op?: number;
  /**
   * Offer the input only this many ms from now (a client that spends time in its critical section before
   * releasing). A client's inputs to one node stay in order: inputs offered to the node later wait behind
   * this one, and an operation they begin begins when they are offered. @defaultValue 0
   */
  readonly after?: number;
}

/** An operation that finished, with its outcome (`committed`, `aborted`, `delivered`). */
export interface Completion {
  readonly op: number;
  readonly outcome: string;
}

/** What the client does in reaction to something a node did. */
export interface Reaction {
  readonly completes?: readonly Completion[];
  readonly inputs?: readonly WorkloadInput[];
  /**
   * Operations that begin now without an input of the client: what the protocol does by itself, such as
   * the election a Bully process holds when it restarts.
   */
  readonly begins?: readonly number[];
}

/**
 * What a workload's figures are called in a run's summary, where the generic names say less: a
 * mutual-exclusion client's throughput is critical-section entries per second and an operation's
 * latency is the wait from a request to the entry.
 */
export interface WorkloadFigures {
  /** The unit of the throughput (`entries/s`). */
  readonly rate: string;
  /** The name of an operation's latency (`wait`); its maximum is then the longest wait. */
  readonly latency: string;
}

/**
 * A client of a running system: a stateful object, one per run. The launcher asks it for new operations
 * while fewer than the allowed number are open, tells it what the nodes did (their `observe` and
 * `deliver` effects) and which inputs a node refused, and counts operations done by their completions.
 */
export interface Workload {
  /** The number of operations of the whole run; the run ends when each has completed (or time is up). */
  readonly operations: number;
  /** At most this many operations open at once. */
  readonly concurrency: number;
  /** Inputs beginning at most `max` new operations (fewer, or none, if the workload is reactive). */
  start(max: number): readonly WorkloadInput[];
  /** Node `node` performed `effect` (an `observe` or a `deliver`). */
  react(node: number, effect: Effect): Reaction;
  /** Node `node` refused `input` (its `onInput` returned false). */
  refused(node: number, input: unknown): Reaction;
  /**
   * Node `node` was killed. The client plays the failure detector the protocols assume (a Bully client
   * that sees the leader die calls an election); the runtime knows of the kill, so it tells the client.
   */
  killed?(node: number): Reaction;
  /** Node `node` is being restarted (its recovery step runs next, before any input reaches it). */
  restarted?(node: number): Reaction;
  /** Names for the summary's figures. @defaultValue operations/s and latency */
  readonly figures?: WorkloadFigures;
}

/** How to run one actor protocol (or one of its mutants) for real. */
export interface Deployment {
  /** The protocol's id, the same as its catalogue entry (`twophase-log`, `causal-bss-deliver-on-arrival`). */
  readonly id: string;
  readonly description: string;
  /** Its parameters: integers only, those of the instance and those of the run (workload, timeouts). */
  readonly params: readonly IntParam[];
  /**
   * The system of an instance: its roles are the nodes started, and, with the `budget` of a recorded
   * run, it is the model the run is validated against. Pure; the same parameters give the same handlers.
   */
  system(params: DeploymentParams, budget: RunBudget): ActorSystem<Roles>;
  /** How long each timer of the instance runs, in milliseconds, by timer name. */
  timeouts(params: DeploymentParams): Readonly<Record<string, number>>;
  /** A fresh client for one run; `seed` drives its random choices. */
  workload(params: DeploymentParams, seed: number): Workload;
  /**
   * The absolute path of the user's module that declares the protocol, for one outside the registry: a
   * run records it, so that its nodes and `validate` load the same handlers.
   */
  readonly module?: string;
}

/**
 * Resolves `given` (strings from a command line) against `d`'s parameters with the one resolver of
 * `model/core` (`resolveParams`; its `ProtocolError` for a bad name or value): a deployment's parameters
 * are integers, so the values are numbers.
 */
export function resolveDeploymentParams(d: Deployment, given: Readonly<Record<string, string | number>>): DeploymentParams {
  return resolveParams(d, given) as DeploymentParams;
}

/**
 * A small seeded generator (mulberry32) for workloads, which may not depend on the runtime's: the same
 * seed gives the same stream on every platform.
 */
export function workloadRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
