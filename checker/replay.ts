/**
 * Replay: re-executes a recorded trace against a model, step by step. Each recorded action must be one
 * the model offers in the recorded state, enabled there, and lead to the recorded next state. Replay also
 * evaluates the invariants on every state, so a counterexample is confirmed, not just re-walked.
 *
 * @module
 */
import { SchemaError, clip } from '../model/core/index.js';
import { fairClassOf, isStateProperty, isTemporalProperty } from '../model/core/index.js';
import type { AnyModel, Fairness, Property } from '../model/core/index.js';
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
      /**
       * For a lasso (a trace with a loop): whether the loop closes (its last state is the state it starts
       * from; for a stutter, no fair action is enabled in the last state), whether it is fair, and the
       * temporal properties the infinite behaviour violates.
       */
      readonly lasso?: LassoCheck;
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

/** What replay found of a lasso. */
export interface LassoCheck {
  /** Why the loop is not a fair infinite behaviour, or null if it is. */
  readonly broken: string | null;
  /** The temporal properties the behaviour violates (if it is one). */
  readonly violates: readonly string[];
}

/** Where a recorded lasso's loop starts (see `Finding.loop`). */
export interface RecordedLoop {
  readonly start: number;
  readonly stutter: boolean;
}

/** The non-stuttering fairness classes enabled in `st`, as `declaration index: key`. */
function enabledClasses(tier: Tier<unknown>, model: AnyModel, st: unknown): Set<string> {
  const out = new Set<string>();
  for (const a of tier.actions(st)) {
    const succ = tier.next(st, a);
    if (succ === undefined || tier.equal(st, succ)) continue;
    const k = classOf(model, a);
    if (k !== null) out.add(k);
  }
  return out;
}

function classOf(model: AnyModel, action: unknown): string | null {
  const found = fairClassOf((model.fairness ?? []) as readonly Fairness<unknown>[], action);
  return found === null ? null : `${found.declaration}: ${found.key}`;
}

function fairnessKind(model: AnyModel, cls: string): 'weak' | 'strong' {
  return ((model.fairness ?? []) as readonly Fairness<unknown>[])[Number(cls.slice(0, cls.indexOf(':')))]!.kind;
}

/** Checks a replayed lasso: `states[k]` is reached by `actions[k - 1]`. */
function checkLasso(tier: Tier<unknown>, model: AnyModel, states: readonly unknown[], actions: readonly unknown[], loop: RecordedLoop): LassoCheck {
  const last = states.length - 1;
  if (!(Number.isInteger(loop.start) && loop.start >= 0 && loop.start <= last)) return { broken: `the loop starts at step ${loop.start}, outside the trace`, violates: [] };
  let cycle: readonly unknown[];
  if (loop.stutter) {
    if (loop.start !== last) return { broken: 'a stuttering end must be the last step', violates: [] };
    const en = enabledClasses(tier, model, states[last]);
    if (en.size > 0) return { broken: `the behaviour cannot stop in the last state: fair actions are enabled there (${[...en].join(', ')})`, violates: [] };
    cycle = [states[last]];
  } else {
    if (loop.start === last) return { broken: 'the loop has no step', violates: [] };
    if (!tier.equal(states[last], states[loop.start])) return { broken: `the loop does not close: step ${last} is not back in the state of step ${loop.start}`, violates: [] };
    cycle = states.slice(loop.start, last);
    const taken = new Set<string>();
    for (let k = loop.start; k < last; k++) {
      if (tier.equal(states[k], states[k + 1])) continue;
      const c = classOf(model, actions[k]);
      if (c !== null) taken.add(c);
    }
    const enabled = cycle.map((st) => enabledClasses(tier, model, st));
    const somewhere = new Set(enabled.flatMap((e) => [...e]));
    for (const c of somewhere) {
      if (taken.has(c)) continue;
      const everywhere = enabled.every((e) => e.has(c));
      if (fairnessKind(model, c) === 'strong') return { broken: `the loop is unfair: strongly fair ${c} is enabled on it and never taken`, violates: [] };
      if (everywhere) return { broken: `the loop is unfair: weakly fair ${c} is enabled throughout and never taken`, violates: [] };
    }
  }
  const violates: string[] = [];
  for (const p of model.properties as readonly Property<unknown>[]) {
    if (!isTemporalProperty(p)) continue;
    const holds = (f: (s: never) => boolean, st: unknown) => tier.test(f, st);
    let bad = false;
    switch (p.kind) {
      case 'eventually':
        bad = !states.some((st) => holds(p.p, st));
        break;
      case 'leadsTo': {
        // A p-state after which no q-state comes, the loop repeating forever.
        const qInLoop = cycle.some((st) => holds(p.q!, st));
        for (let i = 0; i <= last && !bad; i++) {
          if (!holds(p.p, states[i])) continue;
          if (!qInLoop && !states.slice(i).some((st) => holds(p.q!, st))) bad = true;
        }
        break;
      }
      case 'alwaysEventually':
        bad = !cycle.some((st) => holds(p.p, st));
        break;
      case 'eventuallyAlways':
        bad = cycle.some((st) => !holds(p.p, st));
        break;
    }
    if (bad) violates.push(p.name);
  }
  return { broken: null, violates };
}

/**
 * Replays `steps` against `model`; reports the first step that does not replay. With `loop`, the trace is
 * a lasso: replay also checks that the loop closes and is fair, and which temporal properties it violates.
 */
export function replay(model: AnyModel, steps: readonly RecordedStep[], loop?: RecordedLoop): ReplayResult {
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
  const lasso = loop !== undefined ? checkLasso(tier, model, states, actions, loop) : undefined;
  return { ok: true, steps: steps.length, violations, deadlocked, reached, ...(throws !== undefined ? { throws } : {}), ...(lasso !== undefined ? { lasso } : {}) };
}
