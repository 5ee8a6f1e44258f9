/**
 * Deciding temporal properties on the behaviour graph, and building their lasso counterexamples.
 *
 * Every property reduces to one question: from a *trigger* state, is there a fair behaviour that stays
 * forever inside a set `A` of states (and, for `<>[]p`, visits a `¬p` state infinitely often)?
 *
 * | property | `A` | triggers |
 * |---|---|---|
 * | `<>p` | `¬p` | the initial `¬p` states |
 * | `p ~> q` | `¬q` | the `p ∧ ¬q` states |
 * | `[]<>p` | `¬p` | every `¬p` state |
 * | `<>[]p` | every state | every state; the loop must visit `¬p` |
 *
 * A fair behaviour stays in `A` forever either by stuttering in a state of `A` where no fair action is
 * enabled (a deadlock, a legal end, or a state where only the environment could act), or by cycling
 * through a strongly connected component of `A` that satisfies the fairness conditions: for each weakly
 * fair class enabled in every state of the component, some edge of the component takes it; for each
 * strongly fair class enabled in some state, some edge takes it. A component that fails a strong condition
 * is refined — its states where that class is enabled removed, the rest split into components again — as
 * in the Emerson–Lei algorithm that TLC's liveness checker also follows; one that fails a weak condition
 * holds no fair cycle at all (any cycle inside it has the class enabled throughout and never takes it).
 *
 * A state constraint cuts the graph: an edge to a successor outside it (target `OUTSIDE`) counts as an
 * enabled action of its class, but no path follows it, so a behaviour that would leave the explored graph is
 * never taken as a counterexample, and a cut-off state never passes for one where the behaviour may stop —
 * unless only unfair actions leave it. (TLC, checking liveness under a constraint, warns that it may report
 * behaviours the constraint made up; here the cut is explicit.)
 *
 * The components are found by an iterative Tarjan over the subgraph (no recursion: graphs have millions of
 * states), the states that can reach a fair component or stuttering state by a backward search on reversed
 * edges, and the lasso by breadth-first searches: the prefix is the shortest path of the search to the
 * shallowest trigger that can stay in `A` (state ids are in BFS order), then the shortest path inside `A`
 * to a fair cycle, then a cycle through the component that visits one edge of every class the fairness
 * conditions require, grown until the cycle itself is fair. Time O(properties × (states + edges)), memory
 * a few words per state and two per edge (the reversed graph) beyond the graph.
 *
 * Compared with SPIN's nested depth-first search (`-a -f`), which finds some accepting cycle on the fly
 * but no shortest prefix, this needs the whole graph first; like TLC it pays memory for short lassos.
 *
 * @module
 */
import type { TemporalKind } from '../../model/core/index.js';
import type { FinishedGraph } from './behaviourGraph.js';

/** A temporal property as the analysis sees it: the bits of its predicates in the graph's state labels. */
export interface TemporalCheck {
  readonly name: string;
  readonly kind: TemporalKind;
  /** The bit of `p` (and of `q`, for `leadsTo`). */
  readonly p: number;
  readonly q?: number;
}

/**
 * A lasso: from state `prefix` (reached by the search's shortest path), the action positions `steps`; the
 * steps from index `loop` on form the cycle, which ends back in the state it started from. `stutter`: the
 * behaviour stops in the last state and stays there (no cycle; `loop` is `steps.length`).
 */
export interface Lasso {
  readonly property: string;
  readonly kind: TemporalKind;
  readonly prefix: number;
  readonly steps: readonly number[];
  readonly loop: number;
  readonly stutter: boolean;
}

/** A strongly connected component: its states, in id order. */
interface Component {
  readonly states: readonly number[];
}

/** The liveness analyser of one finished graph. */
export class LivenessAnalysis {
  private reverse: { starts: Uint32Array; sources: Uint32Array } | null = null;
  /** Per state, whether it may stutter forever fairly (no fair class enabled). */
  private readonly calm: Uint8Array;

  constructor(
    private readonly g: FinishedGraph,
    private readonly initial: number,
  ) {
    const { states, starts, classOfEdge } = g;
    this.calm = new Uint8Array(states);
    for (let s = 0; s < states; s++) {
      let calm = 1;
      for (let e = starts[s]!; e < starts[s + 1]!; e++) if (classOfEdge[e]! >= 0) calm = 0;
      this.calm[s] = calm;
    }
  }

  /** The lasso of a violation of `c`, or null if it holds. */
  check(c: TemporalCheck): Lasso | null {
    const { states, bits } = this.g;
    const has = (s: number, bit: number) => ((bits[s]! >>> bit) & 1) === 1;
    const allowed = new Uint8Array(states);
    let mustVisit: ((s: number) => boolean) | null = null;
    let trigger: (s: number) => boolean;
    switch (c.kind) {
      case 'eventually':
        for (let s = 0; s < states; s++) allowed[s] = has(s, c.p) ? 0 : 1;
        trigger = (s) => s < this.initial && allowed[s] === 1;
        break;
      case 'leadsTo':
        for (let s = 0; s < states; s++) allowed[s] = has(s, c.q!) ? 0 : 1;
        trigger = (s) => allowed[s] === 1 && has(s, c.p);
        break;
      case 'alwaysEventually':
        for (let s = 0; s < states; s++) allowed[s] = has(s, c.p) ? 0 : 1;
        trigger = (s) => allowed[s] === 1;
        break;
      case 'eventuallyAlways':
        allowed.fill(1);
        mustVisit = (s) => !has(s, c.p);
        trigger = () => true;
        break;
    }
    // Where a fair behaviour can stay in `allowed` forever: calm states, and fair components.
    const core = new Int32Array(states).fill(-1); // component index, or -2 for a calm (stuttering) state
    const components: Component[] = [];
    for (let s = 0; s < states; s++) if (allowed[s] === 1 && this.calm[s] === 1 && (mustVisit === null || mustVisit(s))) core[s] = -2;
    for (const comp of this.components(allowed)) {
      for (const fair of this.fairParts(comp.states)) {
        if (mustVisit !== null && !fair.states.some(mustVisit)) continue;
        const k = components.length;
        components.push(fair);
        for (const s of fair.states) if (core[s] === -1) core[s] = k;
      }
    }
    const canStay = this.backwardFrom(core, allowed);
    let start = -1;
    for (let s = 0; s < states; s++) {
      if (canStay[s] === 1 && trigger(s)) {
        start = s;
        break;
      }
    }
    if (start < 0) return null;
    const { path, end } = this.pathTo(start, allowed, (s) => core[s] !== -1);
    if (core[end] === -2) return { property: c.name, kind: c.kind, prefix: start, steps: path, loop: path.length, stutter: true };
    const cycle = this.cycle(components[core[end]!]!, end, mustVisit);
    return { property: c.name, kind: c.kind, prefix: start, steps: [...path, ...cycle], loop: path.length, stutter: false };
  }

  /** The strongly connected components of the subgraph `allowed` with at least one internal edge. */
  private components(allowed: Uint8Array, only?: readonly number[]): Component[] {
    const { states, starts, targets } = this.g;
    const index = new Int32Array(states).fill(-1);
    const low = new Int32Array(states);
    const onStack = new Uint8Array(states);
    const stack: number[] = [];
    const call: number[] = []; // the DFS stack: state, then its next edge
    const out: Component[] = [];
    let counter = 0;
    const roots = only ?? Array.from({ length: states }, (_, i) => i);
    for (const root of roots) {
      if (allowed[root] !== 1 || index[root] !== -1) continue;
      call.push(root, starts[root]!);
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (call.length > 0) {
        const v = call[call.length - 2]!;
        const e = call[call.length - 1]!;
        if (e < starts[v + 1]!) {
          call[call.length - 1] = e + 1;
          const w = targets[e]!;
          if (allowed[w] !== 1) continue;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = 1;
            call.push(w, starts[w]!);
          } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
          continue;
        }
        call.length -= 2;
        if (call.length > 0) {
          const parent = call[call.length - 2]!;
          if (low[v]! < low[parent]!) low[parent] = low[v]!;
        }
        if (low[v] === index[v]) {
          const comp: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp.push(w);
          } while (w !== v);
          if (comp.length > 1) out.push({ states: comp.sort((a, b) => a - b) });
        }
      }
    }
    return out;
  }

  /** The classes enabled in `s` (of its out-edges), and those taken by edges into `inside`. */
  private enabled(s: number): Set<number> {
    const { starts, classOfEdge } = this.g;
    const out = new Set<number>();
    for (let e = starts[s]!; e < starts[s + 1]!; e++) if (classOfEdge[e]! >= 0) out.add(classOfEdge[e]!);
    return out;
  }

  /** The fair sub-components of component `states` (refined for strong fairness). */
  private fairParts(states: readonly number[]): Component[] {
    const { starts, targets, classOfEdge, classes } = this.g;
    const inside = new Set(states);
    const taken = new Set<number>();
    for (const s of states) for (let e = starts[s]!; e < starts[s + 1]!; e++) if (classOfEdge[e]! >= 0 && inside.has(targets[e]!)) taken.add(classOfEdge[e]!);
    let everywhere: Set<number> | null = null;
    const somewhere = new Set<number>();
    for (const s of states) {
      const en = this.enabled(s);
      for (const k of en) somewhere.add(k);
      everywhere = intersect(everywhere, en);
    }
    for (const k of everywhere ?? []) if (classes[k]!.kind === 'weak' && !taken.has(k)) return [];
    const unmet = [...somewhere].filter((k) => classes[k]!.kind === 'strong' && !taken.has(k));
    if (unmet.length === 0) return [{ states }];
    const keep = states.filter((s) => {
      const en = this.enabled(s);
      return !unmet.some((k) => en.has(k));
    });
    if (keep.length < 2) return [];
    const mask = new Uint8Array(this.g.states);
    for (const s of keep) mask[s] = 1;
    return this.components(mask, keep).flatMap((c) => this.fairParts(c.states));
  }

  /** The states of `allowed` from which some state marked in `core` is reachable inside `allowed`. */
  private backwardFrom(core: Int32Array, allowed: Uint8Array): Uint8Array {
    const rev = (this.reverse ??= this.reversed());
    const { states } = this.g;
    const seen = new Uint8Array(states);
    const queue = new Uint32Array(states);
    let head = 0;
    let tail = 0;
    for (let s = 0; s < states; s++) {
      if (core[s] !== -1) {
        seen[s] = 1;
        queue[tail++] = s;
      }
    }
    while (head < tail) {
      const v = queue[head++]!;
      for (let e = rev.starts[v]!; e < rev.starts[v + 1]!; e++) {
        const u = rev.sources[e]!;
        if (seen[u] === 0 && allowed[u] === 1) {
          seen[u] = 1;
          queue[tail++] = u;
        }
      }
    }
    return seen;
  }

  private reversed(): { starts: Uint32Array; sources: Uint32Array } {
    const { states, starts, targets } = this.g;
    const edges = starts[states]!;
    const count = new Uint32Array(states + 1);
    for (let e = 0; e < edges; e++) if (targets[e]! < states) count[targets[e]! + 1]!++;
    for (let s = 0; s < states; s++) count[s + 1]! += count[s]!;
    const fill = Uint32Array.from(count);
    const sources = new Uint32Array(edges);
    for (let s = 0; s < states; s++) for (let e = starts[s]!; e < starts[s + 1]!; e++) if (targets[e]! < states) sources[fill[targets[e]!]!++] = s;
    return { starts: count, sources };
  }

  /** The shortest path (action positions) from `from` inside `allowed` to a state satisfying `goal`. */
  private pathTo(from: number, allowed: Uint8Array | Set<number>, goal: (s: number) => boolean): { path: number[]; end: number } {
    const { starts, targets, positions } = this.g;
    const inside = allowed instanceof Set ? (s: number) => allowed.has(s) : (s: number) => allowed[s] === 1;
    if (goal(from)) return { path: [], end: from };
    const via = new Map<number, number>([[from, -1]]); // state -> the edge that reached it
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      for (let e = starts[v]!; e < starts[v + 1]!; e++) {
        const w = targets[e]!;
        if (via.has(w) || !inside(w)) continue;
        via.set(w, e);
        if (goal(w)) {
          const edges: number[] = [];
          for (let x = w; x !== from; ) {
            const ed = via.get(x)!;
            edges.push(ed);
            x = this.sourceOf(ed);
          }
          return { path: edges.reverse().map((ed) => positions[ed]!), end: w };
        }
        queue.push(w);
      }
    }
    throw new Error('internal: no path to a fair cycle from a state that can reach one');
  }

  /** The state an edge leaves (a binary search over the offsets). */
  private sourceOf(e: number): number {
    const { starts, states } = this.g;
    let lo = 0;
    let hi = states - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * A cycle from `entry` through component `comp` that is fair by itself: it takes an edge of every class
   * the fairness conditions require, visits a state of `mustVisit` if given, and grows until no class is
   * continuously enabled along it (weak) or enabled on it (strong) without being taken.
   */
  private cycle(comp: Component, entry: number, mustVisit: ((s: number) => boolean) | null): number[] {
    const { starts, targets, classOfEdge, positions, classes } = this.g;
    const inside = new Set(comp.states);
    const edgeOf = (k: number): number => {
      for (const s of comp.states) for (let e = starts[s]!; e < starts[s + 1]!; e++) if (classOfEdge[e] === k && inside.has(targets[e]!)) return e;
      return -1;
    };
    const wantEdges: number[] = [];
    const wantStates: number[] = [];
    if (mustVisit !== null) wantStates.push(comp.states.find(mustVisit)!);
    for (let round = 0; round <= classes.length + 1; round++) {
      // Walk: entry -> each wanted state or edge in turn -> back to entry.
      const steps: number[] = [];
      const visited: number[] = [entry];
      const takenEdges: number[] = [];
      let cur = entry;
      const goTo = (target: number) => {
        const { path, end } = this.pathToEdges(cur, inside, target);
        for (const e of path) {
          steps.push(positions[e]!);
          takenEdges.push(e);
          visited.push(targets[e]!);
        }
        cur = end;
      };
      for (const s of wantStates) goTo(s);
      for (const e of wantEdges) {
        goTo(this.sourceOf(e));
        steps.push(positions[e]!);
        takenEdges.push(e);
        cur = targets[e]!;
        visited.push(cur);
      }
      if (steps.length === 0) {
        // At least one step: leave the entry by an internal edge.
        for (let e = starts[entry]!; e < starts[entry + 1]!; e++) {
          if (inside.has(targets[e]!)) {
            steps.push(positions[e]!);
            takenEdges.push(e);
            cur = targets[e]!;
            visited.push(cur);
            break;
          }
        }
      }
      goTo(entry);
      // Is this cycle fair by itself?
      const taken = new Set(takenEdges.map((e) => classOfEdge[e]!).filter((k) => k >= 0));
      let everywhere: Set<number> | null = null;
      const somewhere = new Set<number>();
      for (const s of visited) {
        const en = this.enabled(s);
        for (const k of en) somewhere.add(k);
        everywhere = intersect(everywhere, en);
      }
      let grew = false;
      for (const k of somewhere) {
        if (taken.has(k)) continue;
        const weak = classes[k]!.kind === 'weak';
        if (weak && !everywhere!.has(k)) continue;
        const e = edgeOf(k);
        if (e >= 0) {
          wantEdges.push(e);
          grew = true;
        } else if (weak) {
          // Not taken in the component, so not enabled everywhere in it: visit a state where it is not.
          const s = comp.states.find((x) => !this.enabled(x).has(k));
          if (s !== undefined) {
            wantStates.push(s);
            grew = true;
          }
        }
      }
      if (!grew) return steps;
    }
    throw new Error('internal: could not build a fair cycle through a fair component');
  }

  /** The shortest path (edges) from `from` to `to` inside `inside`. */
  private pathToEdges(from: number, inside: Set<number>, to: number): { path: number[]; end: number } {
    if (from === to) return { path: [], end: to };
    const { starts, targets } = this.g;
    const via = new Map<number, number>([[from, -1]]);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      for (let e = starts[v]!; e < starts[v + 1]!; e++) {
        const w = targets[e]!;
        if (via.has(w) || !inside.has(w)) continue;
        via.set(w, e);
        if (w === to) {
          const edges: number[] = [];
          for (let x = w; x !== from; ) {
            const ed = via.get(x)!;
            edges.push(ed);
            x = this.sourceOf(ed);
          }
          return { path: edges.reverse(), end: w };
        }
        queue.push(w);
      }
    }
    throw new Error('internal: a component is not strongly connected');
  }
}

/** `a ∩ b`, where a null `a` is everything. */
function intersect(a: Set<number> | null, b: Set<number>): Set<number> {
  if (a === null) return b;
  const out = new Set<number>();
  for (const k of a) if (b.has(k)) out.add(k);
  return out;
}
