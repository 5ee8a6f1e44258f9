/**
 * One interface over both model tiers for the parts of checking that are not hot: rebuilding traces,
 * replaying trace files, and the generic search engine. A tier state is an `Int32Array` of packed words
 * (packed tier) or the model's own immutable object (object tier).
 *
 * @module
 */
import { SchemaError, canonicalWords, toPlain, decode, draftOf, encode, formatAction, pack, viewOf } from '../model/core/index.js';
import type { AnyModel, Model, ObjectModel, StateProperty, StepProperty } from '../model/core/index.js';
import { fingerprint } from './fingerprint.js';

/** Uniform access to a model of either tier. */
export interface Tier<St> {
  readonly model: AnyModel;
  /** The initial states, in the model's order. */
  initialStates(): St[];
  /** The model's actions in `st`, in its order. */
  actions(st: St): readonly unknown[];
  /** The successor, or undefined if the action is disabled. */
  next(st: St, action: unknown): St | undefined;
  /** Whether property `p`'s predicate holds in `st`. */
  holds(p: StateProperty<unknown>, st: St): boolean;
  /** Whether `predicate` (of a temporal property) holds in `st`. */
  test(predicate: (state: never) => boolean, st: St): boolean;
  /** Whether the action property `p` holds of the step `before --action--> after`. */
  stepHolds(p: StepProperty<unknown>, before: St, action: unknown, after: St): boolean;
  /** Whether `st` satisfies the model's state constraint. */
  within(st: St): boolean;
  /** Whether `st` is a legal end state (no deadlock if nothing is enabled). */
  isLegalEnd(st: St): boolean;
  /** The state as a plain value, for traces. */
  decode(st: St): unknown;
  /** Fingerprints the state into `fp`. */
  fingerprint(st: St): void;
  /** The state a plain value denotes; throws {@link SchemaError} if it is not a state of the model. */
  fromValue(v: unknown): St;
  /** Whether two states are the same state (`b` may come from {@link Tier.fromValue}, a recorded form). */
  equal(a: St, b: St): boolean;
  /** The action as the model formats it. */
  label(action: unknown): string;
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The tier adapter of a packed model. */
export function packedTier(model: Model): Tier<Int32Array> {
  const { words } = pack(model.state);
  const view = viewOf(model.state);
  const draft = draftOf(model.state);
  // The adapter is untyped on purpose: it serves every model, and `never` lets views flow into the model's
  // own (precisely typed) functions.
  const at = (st: Int32Array): never => {
    view.bind(st, 0);
    return view.view as never;
  };
  const after = viewOf(model.state);
  return {
    model,
    initialStates: () => [...model.initialStates()].map((v) => encode(model.state, v as never)),
    actions: (st) => model.actions(at(st)),
    next(st, action) {
      const out = Int32Array.from(st);
      draft.bind(out, 0);
      return model.next(at(st), action, draft.view as never) ? out : undefined;
    },
    holds: (p, st) => p.holds(at(st)),
    test: (predicate, st) => predicate(at(st)),
    stepHolds(p, before, action, next) {
      after.bind(next, 0);
      return p.holds(at(before), action, after.view);
    },
    within: (st) => (model.within ? model.within(at(st)) : true),
    isLegalEnd: (st) => (model.isLegalEnd ? model.isLegalEnd(at(st)) : false),
    decode: (st) => decode(model.state, st),
    fingerprint: (st) => fingerprint(st, 0, words),
    fromValue: (v) => encode(model.state, v as never),
    equal: sameWords,
    label: (a) => formatAction(model, a),
  };
}

/** The tier adapter of an object model. */
export function objectTier(model: ObjectModel): Tier<unknown> {
  return {
    model,
    initialStates: () => [...model.initialStates()],
    actions: (st) => model.actions(st),
    next: (st, a) => model.next(st, a),
    holds: (p, st) => p.holds(st),
    test: (predicate, st) => predicate(st as never),
    stepHolds: (p, before, action, next) => p.holds(before, action, next),
    within: (st) => (model.within ? model.within(st) : true),
    isLegalEnd: (st) => (model.isLegalEnd ? model.isLegalEnd(st) : false),
    decode: (st) => st,
    fingerprint(st) {
      const w = canonicalWords(st);
      fingerprint(w, 0, w.length);
    },
    fromValue(v) {
      try {
        canonicalWords(v);
      } catch (e) {
        throw new SchemaError('', (e as Error).message);
      }
      return v;
    },
    equal: (a, b) => sameWords(canonicalWords(toPlain(a)), canonicalWords(toPlain(b))),
    label: (a) => formatAction(model, a),
  };
}

/** The tier adapter of any model. */
export function tierOf(model: AnyModel): Tier<unknown> {
  return (model.tier === 'packed' ? packedTier(model) : objectTier(model)) as Tier<unknown>;
}

/** Whether two actions are the same plain data (independent of object key order). */
export function sameAction(a: unknown, b: unknown): boolean {
  return sameWords(canonicalWords(a), canonicalWords(b));
}
