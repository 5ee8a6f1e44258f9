/**
 * Properties of a model: what the checker verifies.
 *
 * - {@link always}: an invariant, true in every reachable state; a violation comes with a shortest trace.
 * - {@link sometimes}: a state that must be reachable; a sanity check that a model is not vacuous. The
 *   checker reports a shortest witness trace to the first such state, and a violation if none exists.
 * - {@link step}: an action property (TLA+ `[][A]_v`), true of every transition `before --action--> after`;
 *   a violation's trace ends with the offending step.
 * - Temporal properties, with TLA+'s meaning over the model's fair behaviours (see `fairness.ts`):
 *   {@link eventually} (`<>p`), {@link leadsTo} (`p ~> q`), {@link alwaysEventually} (`[]<>p`) and
 *   {@link eventuallyAlways} (`<>[]p`). A behaviour may stop (stutter forever) only in a state where no
 *   fair action is enabled — a deadlock, a legal end, or a state where only unfair actions (the
 *   environment's) could happen. A violation is a lasso: a prefix and a loop that repeats forever.
 *
 * @module
 */

/** A named predicate over states, checked as an invariant (`always`) or a reachability goal (`sometimes`). */
export interface StateProperty<S> {
  readonly kind: 'always' | 'sometimes';
  readonly name: string;
  /** Pure and deterministic; gets a read-only view (or object) of one state. */
  holds(state: S): boolean;
}

/** An action property: a predicate over every transition (`before`, the action, `after`). */
export interface StepProperty<S, A = unknown> {
  readonly kind: 'step';
  readonly name: string;
  /** Pure and deterministic; `before` and `after` are read-only views (or objects) of the two states. */
  holds(before: S, action: A, after: S): boolean;
}

/** The temporal operators: `<>p`, `p ~> q`, `[]<>p`, `<>[]p`. */
export type TemporalKind = 'eventually' | 'leadsTo' | 'alwaysEventually' | 'eventuallyAlways';

/** A temporal property over state predicates `p` (and `q`, for `leadsTo`). */
export interface TemporalProperty<S> {
  readonly kind: TemporalKind;
  readonly name: string;
  /** The state predicate (for `leadsTo`, the trigger). */
  p(state: S): boolean;
  /** For `leadsTo` only: what must follow. */
  q?(state: S): boolean;
}

/** Any property of a model whose states predicates see as `S` and whose actions are `A`. */
export type Property<S, A = unknown> = StateProperty<S> | StepProperty<S, A> | TemporalProperty<S>;

/** The kind of any property. */
export type PropertyKind = Property<unknown>['kind'];

/** Whether `p` is an invariant or a goal (a predicate over one state). */
export function isStateProperty<S, A>(p: Property<S, A>): p is StateProperty<S> {
  return p.kind === 'always' || p.kind === 'sometimes';
}

/** Whether `p` is a temporal property. */
export function isTemporalProperty<S, A>(p: Property<S, A>): p is TemporalProperty<S> {
  return p.kind === 'eventually' || p.kind === 'leadsTo' || p.kind === 'alwaysEventually' || p.kind === 'eventuallyAlways';
}

function named(call: string, name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`${call}: a property needs a non-empty name`);
}

/**
 * An invariant: `predicate` must hold in every reachable state.
 *
 * @example
 * ```ts
 * always('consistent', (st) => !(st.rm.toArray().includes('committed') && st.rm.toArray().includes('aborted')))
 * ```
 */
export function always<S>(name: string, predicate: (state: S) => boolean): StateProperty<S> {
  named('always', name);
  return { kind: 'always', name, holds: predicate };
}

/** A reachability goal: some reachable state must satisfy `predicate`; its shortest witness is reported. */
export function sometimes<S>(name: string, predicate: (state: S) => boolean): StateProperty<S> {
  named('sometimes', name);
  return { kind: 'sometimes', name, holds: predicate };
}

/**
 * An action property: `predicate(before, action, after)` must hold of every transition.
 *
 * @example
 * ```ts
 * step('counter never decreases', (before, _a, after) => after.n >= before.n)
 * ```
 */
export function step<S, A = unknown>(name: string, predicate: (before: S, action: A, after: S) => boolean): StepProperty<S, A> {
  named('step', name);
  return { kind: 'step', name, holds: predicate };
}

/** `<>p`: every fair behaviour reaches a state where `p` holds. */
export function eventually<S>(name: string, p: (state: S) => boolean): TemporalProperty<S> {
  named('eventually', name);
  return { kind: 'eventually', name, p };
}

/** `p ~> q`: every `p`-state of a fair behaviour is followed (or itself is) a `q`-state. */
export function leadsTo<S>(name: string, p: (state: S) => boolean, q: (state: S) => boolean): TemporalProperty<S> {
  named('leadsTo', name);
  return { kind: 'leadsTo', name, p, q };
}

/** `[]<>p`: in every fair behaviour, `p` holds infinitely often (or in the state it stops in). */
export function alwaysEventually<S>(name: string, p: (state: S) => boolean): TemporalProperty<S> {
  named('alwaysEventually', name);
  return { kind: 'alwaysEventually', name, p };
}

/** `<>[]p`: every fair behaviour reaches a point after which `p` holds forever. */
export function eventuallyAlways<S>(name: string, p: (state: S) => boolean): TemporalProperty<S> {
  named('eventuallyAlways', name);
  return { kind: 'eventuallyAlways', name, p };
}
