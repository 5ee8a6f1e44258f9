/**
 * Breadth-first search over packed states: the fast path.
 *
 * The frontier is a flat `Int32Array` of packed states, one BFS level at a time; since ids are given in
 * discovery order, the states of a level have consecutive ids and the frontier needs no id column. Per
 * generated state the loop copies the parent's words into a scratch buffer, lets the model write the
 * successor through a draft, fingerprints the words and probes the visited set: nothing is allocated.
 *
 * @module
 */
import { draftOf, pack, viewOf } from '../model/core/index.js';
import type { Bound, Model, StateProperty, StepProperty } from '../model/core/index.js';
import { fingerprint, fp } from './fingerprint.js';
import { Search } from './search.js';
import { OUTSIDE } from './liveness/behaviourGraph.js';
import type { CheckOptions } from './search.js';
import { NO_PARENT } from './traceIndex.js';
import { packedTier } from './tier.js';
import type { Tier } from './tier.js';

/** A resumable BFS over a packed model. */
export class PackedBfs extends Search {
  private readonly W: number;
  private cur: Int32Array;
  private curCount = 0;
  private nxt: Int32Array;
  private nxtCount = 0;
  /** Position in the current level. */
  private pos = 0;
  /** The id of the first state of the current level. */
  private levelStart = 0;
  private readonly view: Bound<unknown>;
  private readonly succ: Bound<unknown>;
  private readonly draft: Bound<unknown>;
  private readonly out: Int32Array;
  private readonly holdsSucc: (p: StateProperty<unknown>) => boolean;
  /** The action of the step being checked by {@link holdsStep}. */
  private stepAction: unknown;
  private readonly holdsStep: (p: StepProperty<unknown>) => boolean;
  private readonly testSucc: (f: (state: never) => boolean) => boolean;
  /** The id of the state the last {@link admit} stored or found; {@link OUTSIDE} for one outside the constraint. */
  private target = OUTSIDE;
  private done = false;
  private readonly m: Model;
  private readonly adapter: Tier<Int32Array>;

  constructor(model: Model, options: CheckOptions) {
    super(model, options);
    this.m = model;
    this.adapter = packedTier(model);
    this.W = pack(model.state).words;
    this.cur = new Int32Array(this.W * 1024);
    this.nxt = new Int32Array(this.W * 1024);
    this.view = viewOf(model.state);
    this.succ = viewOf(model.state);
    this.draft = draftOf(model.state);
    this.out = new Int32Array(this.W);
    this.draft.bind(this.out, 0);
    this.succ.bind(this.out, 0);
    const sv = this.succ.view;
    this.holdsSucc = (p) => p.holds(sv);
    const before = this.view.view;
    this.holdsStep = (p) => p.holds(before, this.stepAction, sv);
    this.testSucc = (f) => f(sv as never);
    this.seed();
  }

  get tier(): Tier<unknown> {
    return this.adapter as Tier<unknown>;
  }

  get queue(): number {
    return this.curCount - this.pos + this.nxtCount;
  }

  private seed(): void {
    try {
      const inits = this.adapter.initialStates();
      let k = 0;
      for (const st of inits) {
        this.generated++;
        this.out.set(st);
        if (this.admit(NO_PARENT, k++)) break;
      }
    } catch (e) {
      this.error(this.distinct - 1, e, undefined);
    }
    this.initial = this.distinct;
    if (this.distinct > 0) this.depth = 1;
    this.swap();
  }

  /**
   * Stores the state in `out` if it is within the constraint and new, queues it and checks it. Returns true
   * if the search must stop.
   */
  private admit(parent: number, action: number): boolean {
    const m = this.m;
    this.target = OUTSIDE;
    if (m.within !== undefined && !m.within(this.succ.view as never)) return this.checkOutside(parent, action, this.holdsSucc);
    fingerprint(this.out, 0, this.W);
    if (this.graph !== null) {
      const prior = this.table.addWithId(fp[0]!, fp[1]!, this.distinct);
      if (prior >= 0) {
        this.target = prior;
        return false;
      }
    } else if (!this.table.add(fp[0]!, fp[1]!)) return false;
    const id = this.index.push(parent, action);
    this.target = id;
    if (this.graph !== null) this.label(id, this.testSucc);
    const W = this.W;
    if ((this.nxtCount + 1) * W > this.nxt.length) {
      const bigger = new Int32Array(this.nxt.length * 2);
      bigger.set(this.nxt);
      this.nxt = bigger;
    }
    const base = this.nxtCount * W;
    const out = this.out;
    for (let k = 0; k < W; k++) this.nxt[base + k] = out[k]!;
    this.nxtCount++;
    if (this.checkNew(id, this.holdsSucc)) return true;
    if (this.overMemory(id)) return true;
    if (this.distinct >= this.maxStates) {
      this.stoppedBy = 'max-states';
      return true;
    }
    return false;
  }

  /** Moves to the next level. */
  private swap(): void {
    const t = this.cur;
    this.cur = this.nxt;
    this.curCount = this.nxtCount;
    this.nxt = t;
    this.nxtCount = 0;
    this.levelStart = this.distinct - this.curCount;
    this.pos = 0;
  }

  run(deadline: number): boolean {
    if (this.done || this.stoppedBy !== undefined) return true;
    const m = this.m;
    const W = this.W;
    const out = this.out;
    const view = this.view.view as never;
    const draft = this.draft.view as never;
    const legalEnd = m.isLegalEnd;
    const graph = this.graph;
    const checkSteps = this.steps.length > 0;
    let action: unknown;
    try {
      while (this.curCount > 0) {
        const level = this.depth;
        if (level >= this.maxDepth) {
          this.stoppedBy = 'max-depth';
          return true;
        }
        while (this.pos < this.curCount) {
          if ((this.pos & 255) === 0 && performance.now() > deadline) return false;
          const cur = this.cur;
          const off = this.pos * W;
          const id = this.levelStart + this.pos;
          this.pos++;
          this.view.bind(cur, off);
          if (graph !== null) graph.open(id);
          action = undefined;
          const acts = m.actions(view);
          let enabled = 0;
          for (let a = 0; a < acts.length; a++) {
            for (let k = 0; k < W; k++) out[k] = cur[off + k]!;
            action = acts[a];
            if (!m.next(view, action, draft)) continue;
            enabled++;
            this.generated++;
            // A self-loop leads to a state already stored: skip the probe, a likely cache miss.
            let same = true;
            for (let k = 0; k < W; k++) {
              if (out[k] !== cur[off + k]) {
                same = false;
                break;
              }
            }
            if (same) continue;
            if (checkSteps) {
              this.stepAction = action;
              if (this.checkSteps(id, a, this.holdsStep)) return true;
            }
            if (this.admit(id, a)) {
              if (this.nxtCount > 0) this.depth = level + 1;
              return true;
            }
            if (graph !== null) graph.edge(this.target, a, graph.classOf(action));
          }
          action = undefined;
          if (enabled === 0 && !(legalEnd !== undefined && legalEnd(view)) && this.deadlock(id)) return true;
        }
        if (this.nxtCount > 0) this.depth = level + 1;
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
