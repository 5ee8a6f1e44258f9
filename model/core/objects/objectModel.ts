/**
 * The object tier: models over plain immutable objects, with transitions written as immer recipes.
 *
 * Use it for models whose state fits no schema. The checker hashes each state with
 * `canonicalWords`; it is several times slower than the packed tier, which every built-in protocol uses.
 *
 * @example
 * ```ts
 * const m = defineObjectModel({
 *   name: 'counter',
 *   initialStates: () => [{ n: 0 }],
 *   actions: () => ['inc'],
 *   next: (d, _a) => { if (d.n === 3) return false; d.n++; },
 *   properties: [always('small', (st) => st.n <= 3)],
 * });
 * ```
 *
 * @module
 */
import { produce, type Draft } from 'immer';
import type { ObjectModel } from '../model.js';
import type { Property } from '../property.js';
import type { Fairness } from '../fairness.js';

/** The definition of an object-tier model; `next` is an immer recipe. */
export interface ObjectModelDefinition<T, A> {
  /** A short name, used in reports. */
  readonly name: string;
  /** The initial states. */
  initialStates(): Iterable<T>;
  /** The action instances of `state`, in a deterministic order. */
  actions(state: T): readonly A[];
  /**
   * An immer recipe: mutate `draft` into the successor. Return `false` if the action is disabled; nothing
   * else may be returned.
   */
  next(draft: Draft<T>, action: A, state: T): boolean | void;
  /** Invariants, goals, action properties and temporal properties over states. */
  readonly properties: readonly Property<T, A>[];
  /** Which actions a fair behaviour may not neglect. @defaultValue none */
  readonly fairness?: readonly Fairness<A>[];
  /** The state constraint: successors outside it are counted as generated and checked, not stored or explored. */
  within?(state: T): boolean;
  /** Whether a state with no enabled action is a legal end rather than a deadlock. */
  isLegalEnd?(state: T): boolean;
  /** A one-line rendering of an action for traces. */
  formatAction?(action: A): string;
}

/** Defines an object-tier model whose transitions are immer recipes. */
export function defineObjectModel<T, A>(def: ObjectModelDefinition<T, A>): ObjectModel<T, A> {
  const recipe = def.next;
  return {
    ...def,
    tier: 'objects',
    next(state: T, action: A): T | undefined {
      let enabled = true;
      const out = produce(state, (d) => {
        enabled = recipe(d, action, state) !== false;
      });
      return enabled ? out : undefined;
    },
  };
}
