/**
 * Replay: re-executes a recorded trace against a model, step by step. Each recorded action must be one
 * the model offers in the recorded state, enabled there, and lead to the recorded next state. Replay also
 * evaluates the invariants on every state, so a counterexample is confirmed, not just re-walked.
 *
 * @module
 */
import { SchemaError, clip } from '../model/core/index.js';
import { isStateProperty } from '../model/core/index.js';
import type { AnyModel, Property } from '../model/core/index.js';
import { sameAction, tierOf } from './tier.js';
import type { Tier } from './tier.js';

/** One recorded step: the action (`null` for the initial state) and the state it led to. */
export interface RecordedStep {
  readonly action: unknown;
  readonly state: unknown;
}

/** An invariant that fails in a replayed state. */
export interface ReplayViolation {
  readonly property: string;
  /** The index of the first step whose state violates it. */
  readonly step: number;
}

/** The outcome of a replay. */
export type ReplayResult =
  | {
      readonly ok: true;
      readonly steps: number;
      readonly violations: readonly ReplayViolation[];
      /** Whether the last state has no enabled action and is not a legal end. */
      readonly deadlocked: boolean;
      /**
       * What the model throws when the last state is explored as the checker explores it (its actions listed,
       * every one taken, the constraint and properties evaluated on each successor), if it does.
       */
      readonly throws?: string;
      /** The `sometimes` goals that the last state satisfies. */
      readonly reached: readonly string[];
    }
  | { readonly ok: false; readonly step: number; readonly reason: string };

/**
 * Explores `st` as the search engines do: lists its actions, takes every one, and evaluates the constraint
 * and the properties on each successor. The model may throw at any of these points (say, a capacity
 * exceeded by the third action of a state whose first is harmless, or in a legal end state), so stopping
 * at the first enabled action, or skipping a legal end, would miss what the checker saw.
 */
function explore(tier: Tier<unknown>, model: AnyModel, st: unknown): { deadlocked: boolean; throws?: string } {
  const properties = model.properties as readonly Property<unknown>[];
  let action: unknown;
  try {
    const acts = tier.actions(st);
    let enabled = 0;
    for (const a of acts) {
      action = a;
      const succ = tier.next(st, a);
      if (succ === undefined) continue;
      enabled++;
      // The engines check the invariants on a successor outside the constraint, everything on one inside.
      const inside = tier.within(succ);
      if (inside) tier.fingerprint(succ);
      for (const p of properties) if (isStateProperty(p) && (inside || p.kind === 'always')) tier.holds(p, succ);
    }
    action = undefined;
    return { deadlocked: enabled === 0 && !tier.isLegalEnd(st) };
  } catch (e) {
    // Worded as the engines word it, so that the replay and the check name the same throw.
    const what = action === undefined ? '' : ` while taking ${tier.label(action)}`;
    return { deadlocked: false, throws: `${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}${what}` };
  }
}

/** Replays `steps` against `model`; reports the first step that does not replay. */
export function replay(model: AnyModel, steps: readonly RecordedStep[]): ReplayResult {
  const tier = tierOf(model);
  if (steps.length === 0) return { ok: false, step: 0, reason: 'the trace is empty' };
  const recorded: unknown[] = [];
  for (let k = 0; k < steps.length; k++) {
    try {
      recorded.push(tier.fromValue(steps[k]!.state));
    } catch (e) {
      const why = e instanceof SchemaError ? e.message : String(e);
      return { ok: false, step: k, reason: `the recorded state is not a state of ${model.name}: ${why}` };
    }
  }
  if (steps[0]!.action !== null) return { ok: false, step: 0, reason: 'the first step must be an initial state (action null)' };
  // Walk the model's own states, comparing each with the recorded one: the model's transitions run on
  // states it made itself, never on a decoded recording.
  let cur: unknown = tier.initialStates().find((i) => tier.equal(i, recorded[0]));
  if (cur === undefined) return { ok: false, step: 0, reason: 'the recorded state is not an initial state' };
  const states: unknown[] = [cur];
  const actions: unknown[] = [];
  for (let k = 1; k < steps.length; k++) {
    const want = steps[k]!.action;
    const action: unknown = tier.actions(cur).find((a) => sameAction(a, want));
    if (action === undefined) return { ok: false, step: k, reason: `the model offers no action ${clip(JSON.stringify(want))} in the previous state` };
    const succ: unknown = tier.next(cur, action);
    if (succ === undefined) return { ok: false, step: k, reason: `${tier.label(action)} is disabled in the previous state` };
    if (!tier.equal(succ, recorded[k])) return { ok: false, step: k, reason: `${tier.label(action)} leads to a different state than the one recorded` };
    // The checker never explores a state outside the constraint, so no trace of it continues from one.
    if (!tier.within(cur)) return { ok: false, step: k, reason: 'the previous state is outside the state constraint, so the checker would not explore it' };
    cur = succ;
    states.push(cur);
    actions.push(action);
  }
  const violations: ReplayViolation[] = [];
  for (const p of model.properties as readonly Property<unknown>[]) {
    if (p.kind === 'always') {
      const k = states.findIndex((st) => !tier.holds(p, st));
      if (k >= 0) violations.push({ property: p.name, step: k });
    } else if (p.kind === 'step') {
      const k = states.findIndex((st, i) => i > 0 && !tier.equal(states[i - 1], st) && !tier.stepHolds(p, states[i - 1], actions[i - 1], st));
      if (k >= 0) violations.push({ property: p.name, step: k });
    }
  }
  const { deadlocked, throws } = explore(tier, model, cur);
  const reached = (model.properties as readonly Property<unknown>[]).filter(isStateProperty).filter((p) => p.kind === 'sometimes' && tier.holds(p, cur)).map((p) => p.name);
  return { ok: true, steps: steps.length, violations, deadlocked, reached, ...(throws !== undefined ? { throws } : {}) };
}
