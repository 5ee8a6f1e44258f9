/**
 * The Level-0 model: what the checker explores.
 *
 * A model is a state machine given by pure functions. In the **packed tier** ({@link Model}) the state is
 * described by a {@link Schema}; the checker stores it as a few 32-bit words and hands the model read-only
 * views and drafts over them, so a transition allocates nothing. In the **object tier** ({@link ObjectModel})
 * the state is any plain immutable object, updated with immer; it is hashed by a generic canonical encoder:
 * convenient for models that fit no schema, several times slower.
 *
 * Contracts, for both tiers:
 * - `actions(state)` returns the same actions in the same order for the same state. An action may be
 *   returned although it is disabled; `next` then says so. Actions are plain JSON data (or strings,
 *   numbers), so that traces can be written, read back and replayed.
 * - `next` is pure and deterministic: it reads `state`, writes only `out`, and returns false if the action is
 *   disabled in `state` (whatever it wrote to `out` is then ignored).
 * - Every state has the same meaning whoever reaches it: nothing outside the state may influence `next`.
 *
 * @example
 * ```ts
 * const Counter = s.record({ n: s.int(0, 3) });
 * const counter = defineModel(Counter)({
 *   name: 'counter',
 *   initialStates: () => [{ n: 0 }],
 *   actions: () => ['inc', 'reset'] as const,
 *   next(st, a, out) {
 *     if (a === 'inc') { if (st.n === 3) return false; out.n = st.n + 1; }
 *     else out.n = 0;
 *     return true;
 *   },
 *   properties: [always('small', (st) => st.n <= 3)],
 * });
 * ```
 *
 * @module
 */
import type { DraftOf, Schema, ValueOf, ViewOf } from './schema/types.js';
import type { Property } from './property.js';
import type { Fairness } from './fairness.js';

/**
 * What one step did, in a vocabulary every reporter understands without knowing the protocol: the checker's
 * sequence-diagram reporter draws `send`, `deliver`, `drop` and `duplicate` as arrows between two nodes, and
 * the other kinds as notes over one node. `label` is the text to show (a formatted message, a timer name).
 * Models that are not message-passing systems need none of this.
 */
export type ModelEvent =
  | {
      readonly kind: 'send' | 'deliver' | 'drop' | 'duplicate';
      /** The sending node's name. */
      readonly from: string;
      /** The receiving node's name. */
      readonly to: string;
      readonly label: string;
    }
  | {
      readonly kind: 'crash' | 'recover' | 'timeout' | 'local';
      /** The node's name. */
      readonly node: string;
      readonly label: string;
    };

/** The fields shared by both tiers; `S` is what predicates see (a view, or an object). */
interface ModelCommon<S, A> {
  /** A short name, used in reports. */
  readonly name: string;
  /** The enabled-or-not action instances of `state`, in a deterministic order. */
  actions(state: S): readonly A[];
  /** Invariants, reachability goals, action properties and temporal properties. */
  readonly properties: readonly Property<S, A>[];
  /** Which actions a fair behaviour may not neglect (see `fairness.ts`). @defaultValue none: every action is unfair */
  readonly fairness?: readonly Fairness<A>[];
  /**
   * The state constraint (TLC's `CONSTRAINT`): a successor for which this is false is counted as generated
   * and its invariants are checked, as TLC does, but it is neither stored (not counted as distinct) nor
   * explored. Use it to bound an infinite model.
   */
  within?(state: S): boolean;
  /** Whether a state with no enabled action is a legal end rather than a deadlock. @defaultValue never */
  isLegalEnd?(state: S): boolean;
  /** A one-line rendering of an action for traces. @defaultValue a compact JSON form */
  formatAction?(action: A): string;
  /**
   * The nodes of a message-passing model, in display order (the participants of a sequence diagram).
   * @defaultValue none: the model is not drawn as communicating nodes
   */
  readonly participants?: readonly string[];
  /**
   * What the step `before --action--> after` did, as protocol-agnostic {@link ModelEvent}s, in the order
   * they happened; `before` and `after` are plain state values, as in a trace. For the initial state
   * `action` is null and `before` undefined: what is already under way there (messages sent at start).
   * Pure; called only when rendering a trace, never during the search, so it may be slow (re-run the
   * step, say).
   * @defaultValue none: reporters show the formatted action alone
   */
  events?(action: A | null, before: unknown, after: unknown): readonly ModelEvent[];
}

/** A model in the packed tier: its state is described by the schema `S`. */
export interface Model<S extends Schema = Schema, A = unknown> extends ModelCommon<ViewOf<S>, A> {
  readonly tier: 'packed';
  /** The schema of a whole state. It must be composite (a record, usually). */
  readonly state: S;
  /** The initial states, as plain values. */
  initialStates(): Iterable<ValueOf<S>>;
  /**
   * Computes the successor of `state` by `action` into `out`, which starts as a copy of `state`.
   * Returns false if the action is disabled.
   */
  next(state: ViewOf<S>, action: A, out: DraftOf<S>): boolean;
}

/** A model in the object tier: states are plain immutable objects of type `T`. */
export interface ObjectModel<T = unknown, A = unknown> extends ModelCommon<T, A> {
  readonly tier: 'objects';
  /** The initial states. */
  initialStates(): Iterable<T>;
  /** The successor of `state` by `action` as a new immutable object, or `undefined` if disabled. */
  next(state: T, action: A): T | undefined;
}

/** A model of either tier. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any, any> | ObjectModel<any, any>;

/**
 * The definition of a packed model: a {@link Model} without its `tier` tag. The schema `S` is inferred from
 * `state` and the action type `A` from `actions` alone (`NoInfer` elsewhere), so that initial states and
 * properties written inline are checked against them rather than widening them.
 */
export interface ModelDefinition<S extends Schema, A> {
  /** A short name, used in reports. */
  readonly name: string;
  /** The schema of a whole state. */
  readonly state: S;
  /** The initial states, as plain values. */
  initialStates(): readonly NoInfer<ValueOf<S>>[] | Iterable<NoInfer<ValueOf<S>>>;
  /** The action instances of `state`, in a deterministic order. */
  actions(state: NoInfer<ViewOf<S>>): readonly A[];
  /** See {@link Model.next}. */
  next(state: NoInfer<ViewOf<S>>, action: NoInfer<A>, out: NoInfer<DraftOf<S>>): boolean;
  /** Invariants, reachability goals, action properties and temporal properties. */
  readonly properties: readonly Property<NoInfer<ViewOf<S>>, NoInfer<A>>[];
  /** See {@link Model.fairness}. */
  readonly fairness?: readonly Fairness<NoInfer<A>>[];
  /** See {@link Model.within}. */
  within?(state: NoInfer<ViewOf<S>>): boolean;
  /** See {@link Model.isLegalEnd}. */
  isLegalEnd?(state: NoInfer<ViewOf<S>>): boolean;
  /** See {@link Model.formatAction}. */
  formatAction?(action: NoInfer<A>): string;
  /** See {@link Model.participants}. */
  readonly participants?: readonly string[];
  /** See {@link Model.events}. */
  events?(action: NoInfer<A> | null, before: unknown, after: unknown): readonly ModelEvent[];
}

/** A model definition without its schema, for the curried form of {@link defineModel}. */
export type ModelBody<S extends Schema, A> = Omit<ModelDefinition<S, A>, 'state'>;

/**
 * Defines a packed-tier model (checks its definition and tags it). Two forms:
 * - `defineModel(State)({ name, initialStates, actions, next, properties })` — the schema first, so that
 *   TypeScript knows the state type before it reads the rest: inline initial states keep their literal
 *   types and inline properties get typed views. Prefer it when writing a model inline.
 * - `defineModel({ name, state: State, ... })` — one object; inline initial states and properties then
 *   need their types spelled out (TypeScript infers a type parameter and checks literals in one pass).
 */
export function defineModel<S extends Schema, A>(def: ModelDefinition<S, A>): Model<S, A>;
export function defineModel<S extends Schema>(state: S): <A>(body: ModelBody<S, A>) => Model<S, A>;
export function defineModel<S extends Schema, A>(arg: S | ModelDefinition<S, A>): Model<S, A> | (<B>(body: ModelBody<S, B>) => Model<S, B>) {
  if ('kind' in arg) return <B>(body: ModelBody<S, B>) => defineModel<S, B>({ ...body, state: arg });
  const def = arg;
  if (def.state.kind !== 'record' && def.state.kind !== 'array' && def.state.kind !== 'map') {
    throw new TypeError(`defineModel(${def.name}): the state schema must be a record, an array or a map`);
  }
  return { ...def, tier: 'packed' } as Model<S, A>;
}

/** Formats an action with the model's `formatAction`, or as compact JSON. */
export function formatAction(model: AnyModel, action: unknown): string {
  if (model.formatAction) return model.formatAction(action);
  return typeof action === 'string' ? action : JSON.stringify(action);
}
