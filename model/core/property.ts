/**
 * Properties of a model: what the checker verifies on every reachable state.
 *
 * - {@link always}: an invariant, true in every reachable state; a violation comes with a shortest trace.
 * - {@link sometimes}: a state that must be reachable; a sanity check that a model is not vacuous. The
 *   checker reports a shortest witness trace to the first such state, and a violation if none exists.
 *
 * @module
 */

/** A named predicate over states, checked as an invariant (`always`) or a reachability goal (`sometimes`). */
export interface Property<S> {
  readonly kind: 'always' | 'sometimes';
  readonly name: string;
  /** Pure and deterministic; gets a read-only view (or object) of one state. */
  holds(state: S): boolean;
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
export function always<S>(name: string, predicate: (state: S) => boolean): Property<S> {
  named('always', name);
  return { kind: 'always', name, holds: predicate };
}

/** A reachability goal: some reachable state must satisfy `predicate`; its shortest witness is reported. */
export function sometimes<S>(name: string, predicate: (state: S) => boolean): Property<S> {
  named('sometimes', name);
  return { kind: 'sometimes', name, holds: predicate };
}
