/**
 * The outcome of a check: one value from which every reporter renders.
 *
 * @module
 */
import type { PropertyKind, TemporalKind } from '../model/core/index.js';

/**
 * The overall verdict:
 * - `holds`: the whole reachable state space was explored and every property holds;
 * - `violated`: an invariant fails in some reachable state, or a `sometimes` goal is unreachable (the whole
 *   reachable space was explored and the state constraint cut nothing off);
 * - `deadlock`: a reachable state has no enabled action and is not a legal end;
 * - `unreached`: every invariant holds, but a `sometimes` goal was not reached while the state constraint
 *   cut off successors ({@link Stats.cutOff}): the goal is unreachable within the bounds, and may lie beyond
 *   them. Not a bug found, and not a proof either: widen the bounds to tell;
 * - `incomplete`: a bound (`maxDepth`, `maxStates`, `maxMemory`) or an interruption stopped the search first, and
 *   nothing was found in the part explored;
 * - `error`: the model itself threw (a bug in the model, such as a capacity exceeded).
 */
export type Verdict = 'holds' | 'violated' | 'deadlock' | 'unreached' | 'incomplete' | 'error';

/** One step of a trace: the action taken (`null` for the initial state) and the state it led to. */
export interface TraceStep {
  readonly action: unknown;
  /** The action as the model formats it (`'init'` for the initial state). */
  readonly label: string;
  /** The state, as a plain value. */
  readonly state: unknown;
}

/** What was found, with the trace that shows it. */
export interface Finding {
  /** The property's name; `deadlock` for a deadlock, `error` for an exception in the model. */
  readonly property: string;
  /**
   * `always`: a violated invariant; `sometimes`: a goal no reachable state satisfies; `unreached`: a goal not
   * reached within the bounds (the state constraint cut off successors); `deadlock`; `error`.
   */
  readonly kind: 'always' | 'sometimes' | 'unreached' | 'deadlock' | 'error' | 'step' | TemporalKind;
  /** For errors: what the model threw. For an unreachable or unreached goal: why there is no trace. */
  readonly message?: string;
  /**
   * A shortest trace from an initial state (empty for an unreachable goal). For a `step` property, it ends
   * with the offending step; for a temporal property it is a lasso (see {@link Finding.loop}).
   */
  readonly trace: readonly TraceStep[];
  /**
   * For a temporal property: the behaviour goes on forever from trace step `start`. Either the steps after
   * `start` repeat forever (the last step returns to the state of step `start`), or — `stutter` — the
   * behaviour stops in the last state (`start` is the last step) and stays there, no fair action enabled.
   */
  readonly loop?: Loop;
}

/** Where a lasso's cycle begins; see {@link Finding.loop}. */
export interface Loop {
  readonly start: number;
  readonly stutter: boolean;
}

/** A property's outcome in a check: `unchecked` when the search stopped before it could be decided. */
export interface PropertyVerdict {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly verdict: 'holds' | 'violated' | 'unchecked';
}

/** Statistics, with TLC's meanings. */
export interface Stats {
  /** Distinct initial states. */
  readonly initial: number;
  /** Initial states plus one successor per enabled action instance of every explored state. */
  readonly generated: number;
  /** Distinct states stored. */
  readonly distinct: number;
  /**
   * Successors outside the state constraint (counted in `generated`, checked against the invariants, neither
   * stored nor explored), one per transition into such a state.
   */
  readonly cutOff: number;
  /** The BFS level of the deepest distinct state, initial states at level 1. */
  readonly depth: number;
  /** States found but not explored when the search stopped. */
  readonly queue: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** Bytes of the visited set and the trace index per distinct state. */
  readonly bytesPerState: number;
  /** TLC's estimate of the probability that a fingerprint collision hid a state: d * (g - d) / 2^64. */
  readonly collisionProbability: number;
  /** For a check with temporal properties: the edges of the behaviour graph, and its bytes per edge. */
  readonly graph?: { readonly edges: number; readonly bytesPerEdge: number; readonly livenessSeconds: number };
}

/** The whole outcome of a check. */
export interface CheckResult {
  readonly model: string;
  readonly verdict: Verdict;
  readonly stats: Stats;
  /** Every property of the model with its kind and outcome, in the model's order. */
  readonly properties: readonly PropertyVerdict[];
  /** Violated invariants, unreachable goals, deadlocks and errors, each once, in the order found. */
  readonly violations: readonly Finding[];
  /** A shortest witness for each `sometimes` goal reached. */
  readonly witnesses: readonly Finding[];
  /** Why the search stopped early, when it did (a bound, an interruption, the first violation). */
  readonly stoppedBy?: 'violation' | 'max-depth' | 'max-states' | 'max-memory' | 'interrupted';
  /** One line on why the search stopped, where its name says too little (the memory measured, the limit). */
  readonly stopReason?: string;
}

/** A progress report, sent about once a second during a long run. */
export interface Progress {
  readonly generated: number;
  readonly distinct: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
  /** Distinct states per second since the start. */
  readonly rate: number;
}

/** TLC's estimate of the probability of a fingerprint collision. */
export function collisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(0, generated - distinct)) / 2 ** 64;
}
