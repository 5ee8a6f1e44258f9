/**
 * The behaviour graph a liveness check needs, recorded during the breadth-first search: per state, the
 * truth of each temporal property's predicates (a bit each), and its out-edges in compressed sparse rows —
 * target state id, the action's position in the state's action list (to rebuild traces), and the action's
 * fairness class (-1: unfair). States are explored in id order, so a state's edges are appended in one run
 * and one offset per state finds them. Self-loops are not recorded: a step that changes nothing is a
 * stuttering step, which neither satisfies nor enables a fairness condition (TLA+'s `<A>_v`). An edge to a
 * successor outside the state constraint is recorded with the target {@link OUTSIDE}: its action is enabled,
 * so a state cut off by the constraint never passes for one where the behaviour may stop.
 *
 * Cost: 12 bytes per recorded edge and 8 per state (4 for the offset, 4 for the predicate bits), in typed
 * arrays that double as they fill; reported as `graphBytes` in the result.
 *
 * @module
 */
import { fairClassOf } from '../../model/core/index.js';
import type { Fairness } from '../../model/core/index.js';

/**
 * The target of an edge to a successor outside the state constraint: it is not stored, but its action
 * is enabled (it counts for fairness), and a behaviour taking it leaves the explored graph.
 */
export const OUTSIDE = 0xffffffff;

/** The most temporal predicates a model may have (a bit each per state). */
export const MAX_PREDICATES = 32;

/** A fairness class: one key of one declaration. */
export interface FairClass {
  readonly kind: 'weak' | 'strong';
  /** `declaration name` or `declaration name: key`, for reports. */
  readonly name: string;
}

function grown<T extends Uint32Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** The graph of one search. */
export class BehaviourGraph {
  private starts = new Uint32Array(1 << 12);
  private bits = new Uint32Array(1 << 12);
  private targetsArr = new Uint32Array(1 << 14);
  private actionsArr = new Uint32Array(1 << 14);
  private classesArr = new Int32Array(1 << 14);
  /** Edges recorded. */
  edges = 0;
  /** States opened (explored) so far. */
  private opened = 0;
  private readonly classIds = new Map<string, number>();
  /** The class of each action object met so far. */
  private readonly byAction = new WeakMap<object, number>();
  /** The fairness classes met so far, by id. */
  readonly classes: FairClass[] = [];

  constructor(private readonly fairness: readonly Fairness<unknown>[]) {}

  /** Starts the edges of state `id` (states are opened in id order). */
  open(id: number): void {
    this.starts = grown(this.starts, id + 2);
    for (let k = this.opened; k <= id; k++) this.starts[k] = this.edges;
    this.opened = id + 1;
  }

  /** Records the predicate bits of state `id`. */
  label(id: number, bits: number): void {
    this.bits = grown(this.bits, id + 1);
    this.bits[id] = bits;
  }

  /** Records an edge of the state last opened to `target`, by the action at `position` of class `cls`. */
  edge(target: number, position: number, cls: number): void {
    const e = this.edges++;
    if (e >= this.targetsArr.length) {
      this.targetsArr = grown(this.targetsArr, e + 1);
      this.actionsArr = grown(this.actionsArr, e + 1);
      this.classesArr = grown(this.classesArr, e + 1);
    }
    this.targetsArr[e] = target;
    this.actionsArr[e] = position;
    this.classesArr[e] = cls;
  }

  /**
   * The fairness class of `action` (see `fairClassOf`), or -1. A class is a pure function of the action, and
   * most models list shared action objects, so an object's class is remembered: the per-edge cost is then one
   * lookup, not a key built from the action.
   */
  classOf(action: unknown): number {
    const isObject = typeof action === 'object' && action !== null;
    if (isObject) {
      const known = this.byAction.get(action);
      if (known !== undefined) return known;
    }
    const found = fairClassOf(this.fairness, action);
    let c = -1;
    if (found !== null) {
      const id = `${found.declaration}\u0000${found.key}`;
      const f = this.fairness[found.declaration]!;
      c = this.classIds.get(id) ?? -1;
      if (c < 0) {
        c = this.classes.length;
        this.classIds.set(id, c);
        this.classes.push({ kind: f.kind, name: found.key === f.name ? f.name : `${f.name}: ${found.key}` });
      }
    }
    if (isObject) this.byAction.set(action, c);
    return c;
  }

  /** Closes the graph after `states` states; every state not opened (never explored) gets no edges. */
  finish(states: number): FinishedGraph {
    this.starts = grown(this.starts, states + 1);
    for (let k = this.opened; k <= states; k++) this.starts[k] = this.edges;
    return {
      states,
      starts: this.starts,
      targets: this.targetsArr,
      positions: this.actionsArr,
      classOfEdge: this.classesArr,
      bits: grown(this.bits, states),
      classes: this.classes,
      bytes: this.starts.byteLength + this.bits.byteLength + this.targetsArr.byteLength + this.actionsArr.byteLength + this.classesArr.byteLength,
    };
  }

  /** Bytes held. */
  get bytes(): number {
    return this.starts.byteLength + this.bits.byteLength + this.targetsArr.byteLength + this.actionsArr.byteLength + this.classesArr.byteLength;
  }
}

/** A graph once the search is done: state `s`'s edges are `starts[s]` up to `starts[s + 1]`. */
export interface FinishedGraph {
  readonly states: number;
  readonly starts: Uint32Array;
  readonly targets: Uint32Array;
  readonly positions: Uint32Array;
  readonly classOfEdge: Int32Array;
  readonly bits: Uint32Array;
  readonly classes: readonly FairClass[];
  readonly bytes: number;
}
