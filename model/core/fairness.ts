/**
 * Fairness: which actions a behaviour may not neglect forever (TLA+'s WF and SF).
 *
 * A model declares classes of actions: `classOf(action)` names the class an action belongs to (a string
 * key), or returns null for an action outside the declaration. Each class `k` is a fairness condition of its
 * own — the per-parameter form `\A p : WF_vars(Next(p))` is one declaration whose key is `p`:
 *
 * - **weak** (WF): a behaviour in which some action of `k` is enabled continuously from some point on takes
 *   an action of `k` infinitely often;
 * - **strong** (SF): a behaviour in which some action of `k` is enabled infinitely often takes one infinitely
 *   often.
 *
 * An action no declaration names is unfair: the environment may take it or not (a crash, a loss, a client's
 * request). As in TLA+, steps that change nothing are stuttering: they neither satisfy nor enable a class.
 * An action belongs to the class of the first declaration that names it.
 *
 * @example
 * ```ts
 * fairness: [weakFairness('each process', (a) => a.process)]   // \A p : WF_vars(Next(p))
 * fairness: [weakFairness('next')]                              // WF_vars(Next): one class of every action
 * ```
 *
 * @module
 */

/** A fairness declaration over actions `A`. */
export interface Fairness<A = unknown> {
  readonly kind: 'weak' | 'strong';
  /** What the declaration is called in reports. */
  readonly name: string;
  /** The class of `action` (a key), or null if this declaration says nothing about it. Pure. */
  classOf(action: A): string | null;
}

/** The class `action` belongs to: the first declaration of `fairness` that names it, and its key; or null (unfair). */
export function fairClassOf<A>(fairness: readonly Fairness<A>[], action: A): { readonly declaration: number; readonly key: string } | null {
  for (let d = 0; d < fairness.length; d++) {
    const key = fairness[d]!.classOf(action);
    if (key !== null) return { declaration: d, key };
  }
  return null;
}

function named(call: string, name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`${call}: a fairness declaration needs a non-empty name`);
}

/** Weak fairness on each class `classOf` names; by default one class holding every action (`WF_vars(Next)`). */
export function weakFairness<A = unknown>(name: string, classOf: (action: A) => string | null = () => name): Fairness<A> {
  named('weakFairness', name);
  return { kind: 'weak', name, classOf };
}

/** Strong fairness on each class `classOf` names; by default one class holding every action (`SF_vars(Next)`). */
export function strongFairness<A = unknown>(name: string, classOf: (action: A) => string | null = () => name): Fairness<A> {
  named('strongFairness', name);
  return { kind: 'strong', name, classOf };
}
