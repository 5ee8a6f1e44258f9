/**
 * Breadth-first search over any {@link Tier}: the engine of the object tier, and an independent
 * cross-check of `PackedBfs` on packed models (the two must agree on every count and trace).
 * It follows the same order of exploration as the packed engine, with plain arrays for the frontier.
 *
 * @module
 */
import type { StateProperty, StepProperty } from '../model/core/index.js';
import { fp } from './fingerprint.js';
import { Search } from './search.js';
import { OUTSIDE } from './liveness/behaviourGraph.js';
import type { CheckOptions } from './search.js';
import { NO_PARENT } from './traceIndex.js';
import type { Tier } from './tier.js';

/** A resumable BFS over a tier adapter. */
export class GenericBfs<St> extends Search {
  private cur: St[] = [];
  private nxt: St[] = [];
  private pos = 0;
  private levelStart = 0;
  private done = false;
  /** The id of the state the last {@link admit} stored or found; {@link OUTSIDE} for one outside the constraint. */
  private target = OUTSIDE;

  constructor(
    private readonly adapter: Tier<St>,
    options: CheckOptions,
  ) {
    super(adapter.model, options);
    try {
      let k = 0;
      for (const st of adapter.initialStates()) {
        this.generated++;
        if (this.admit(st, NO_PARENT, k++)) break;
      }
    } catch (e) {
      this.error(this.distinct - 1, e, undefined);
    }
    this.initial = this.distinct;
    if (this.distinct > 0) this.depth = 1;
    this.swap();
  }

  get tier(): Tier<unknown> {
    return this.adapter as Tier<unknown>;
  }

  get queue(): number {
    return this.cur.length - this.pos + this.nxt.length;
  }

  private admit(st: St, parent: number, action: number): boolean {
    const t = this.adapter;
    this.target = OUTSIDE;
    if (!t.within(st)) return this.checkOutside(parent, action, (p: StateProperty<unknown>) => t.holds(p, st));
    t.fingerprint(st);
    if (this.graph !== null) {
      const prior = this.table.addWithId(fp[0]!, fp[1]!, this.distinct);
      if (prior >= 0) {
        this.target = prior;
        return false;
      }
    } else if (!this.table.add(fp[0]!, fp[1]!)) return false;
    const id = this.index.push(parent, action);
    this.target = id;
    this.nxt.push(st);
    if (this.graph !== null) this.label(id, (f) => t.test(f, st));
    if (this.checkNew(id, (p: StateProperty<unknown>) => t.holds(p, st))) return true;
    if (this.overMemory(id)) return true;
    if (this.distinct >= this.maxStates) {
      this.stoppedBy = 'max-states';
      return true;
    }
    return false;
  }

  private swap(): void {
    this.cur = this.nxt;
    this.nxt = [];
    this.levelStart = this.distinct - this.cur.length;
    this.pos = 0;
  }

  run(deadline: number): boolean {
    if (this.done || this.stoppedBy !== undefined) return true;
    const t = this.adapter;
    const graph = this.graph;
    let action: unknown;
    try {
      while (this.cur.length > 0) {
        const level = this.depth;
        if (level >= this.maxDepth) {
          this.stoppedBy = 'max-depth';
          return true;
        }
        while (this.pos < this.cur.length) {
          if ((this.pos & 63) === 0 && performance.now() > deadline) return false;
          const st = this.cur[this.pos]!;
          const id = this.levelStart + this.pos;
          this.pos++;
          if (graph !== null) graph.open(id);
          action = undefined;
          const acts = t.actions(st);
          let enabled = 0;
          for (let a = 0; a < acts.length; a++) {
            action = acts[a];
            const succ = t.next(st, action);
            if (succ === undefined) continue;
            enabled++;
            this.generated++;
            if (this.steps.length > 0 && !t.equal(st, succ)) {
              const act = action;
              if (this.checkSteps(id, a, (p: StepProperty<unknown>) => t.stepHolds(p, st, act, succ))) return true;
            }
            if (this.admit(succ, id, a)) {
              if (this.nxt.length > 0) this.depth = level + 1;
              return true;
            }
            if (graph !== null && this.target !== id) graph.edge(this.target, a, graph.classOf(action));
          }
          action = undefined;
          if (enabled === 0 && !t.isLegalEnd(st) && this.deadlock(id)) return true;
        }
        if (this.nxt.length > 0) this.depth = level + 1;
        this.swap();
      }
    } catch (e) {
      this.error(this.levelStart + this.pos - 1, e, action);
      return true;
    }
    this.done = true;
    return true;
  }
}
