/**
 * Random finite directed graphs wrapped as models of both tiers, and an independent breadth-first analysis
 * of them, so that the checker's statistics and traces can be compared with facts computed another way.
 *
 * A state is a node. In the packed tier it is `{ node, tag }`, where `tag` is a 32-bit function of the node
 * (so that a state spans two words); the object tier uses the same plain value. The actions of a node are
 * the indices of its out-edges (`own`), or of every edge of the graph, those not leaving the node being
 * disabled (`all`).
 *
 * @module
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { always, defineModel, defineObjectModel, s, sometimes } from '../../model/core/index.js';
import type { AnyModel, Property } from '../../model/core/index.js';
import type { CheckResult, TraceStep } from '../../checker/result.js';
import { sameAction, tierOf } from '../../checker/tier.js';

/** A finite directed graph with marked nodes. */
export interface Graph {
  readonly nodes: number;
  /** `[from, to]`; self-loops and parallel edges allowed. */
  readonly edges: readonly (readonly [number, number])[];
  /** The initial nodes, in order; repetitions allowed. */
  readonly initial: readonly number[];
  /** Nodes where the invariant fails. */
  readonly bad: ReadonlySet<number>;
  /** Nodes that satisfy the reachability goal. */
  readonly goal: ReadonlySet<number>;
  /** Nodes outside the state constraint. */
  readonly outside: ReadonlySet<number>;
}

/** Random graphs of up to 24 nodes. */
export const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 24 }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const subset = (max: number) => fc.uniqueArray(node, { maxLength: max }).map((xs) => new Set(xs));
  return fc.record({
    nodes: fc.constant(n),
    // Half the graphs give every node an out-edge (no sink), so that long runs and cycles are common.
    edges: fc
      .tuple(
        fc.array(fc.tuple(node, node), { maxLength: 2 * n, size: 'max' }),
        fc.oneof(fc.constant([]), fc.array(node, { minLength: n, maxLength: n }).map((to) => to.map((t, from) => [from, t] as const))),
      )
      .map(([extra, base]) => [...extra, ...base]),
    initial: fc.array(node, { minLength: 1, maxLength: 3 }),
    bad: subset(3),
    goal: subset(3),
    outside: fc.oneof(fc.constant(new Set<number>()), subset(3)),
  });
});

/** The state of a graph model. */
export interface NodeState {
  readonly node: number;
  readonly tag: number;
}

/** The 32-bit tag of a node. */
export function tagOf(node: number): number {
  return Math.imul(node + 1, 0x9e3779b1) >>> 0;
}

/** What to put in a graph model. */
export interface GraphModelOptions {
  /** `own`: a node's actions are its out-edges; `all`: every edge, most disabled. @defaultValue 'own' */
  readonly actions?: 'own' | 'all';
  /** Add `always('good')` (not in `bad`). */
  readonly invariant?: boolean;
  /** Add `sometimes('reach')` (in `goal`). */
  readonly goal?: boolean;
  /** Use `outside` as the state constraint. */
  readonly within?: boolean;
}

function parts(g: Graph, o: GraphModelOptions) {
  const out = Array.from({ length: g.nodes }, () => [] as number[]);
  g.edges.forEach(([from], e) => out[from]!.push(e));
  const every = g.edges.map((_, e) => e);
  const props: Property<NodeState>[] = [];
  if (o.invariant) props.push(always<NodeState>('good', (st) => !g.bad.has(st.node)));
  if (o.goal) props.push(sometimes<NodeState>('reach', (st) => g.goal.has(st.node)));
  return {
    actions: (st: NodeState): readonly number[] => (o.actions === 'all' ? every : out[st.node]!),
    props,
    within: o.within ? (st: NodeState) => !g.outside.has(st.node) : undefined,
    initial: () => g.initial.map((node) => ({ node, tag: tagOf(node) })),
    formatAction: (e: number) => `e${e}:${g.edges[e]![0]}->${g.edges[e]![1]}`,
  };
}

/** The graph as a packed model. */
export function packedGraphModel(g: Graph, o: GraphModelOptions = {}): AnyModel {
  const p = parts(g, o);
  return defineModel({
    name: 'graph',
    state: s.record({ node: s.int(0, g.nodes - 1), tag: s.int(0, 2 ** 32 - 1) }),
    initialStates: p.initial,
    actions: p.actions,
    next(st, e: number, out) {
      const [from, to] = g.edges[e]!;
      if (from !== st.node) return false;
      out.node = to;
      out.tag = tagOf(to);
      return true;
    },
    properties: p.props,
    ...(p.within ? { within: p.within } : {}),
    formatAction: p.formatAction,
  });
}

/** The graph as an object-tier model (immer recipes). */
export function objectGraphModel(g: Graph, o: GraphModelOptions = {}): AnyModel {
  const p = parts(g, o);
  return defineObjectModel<NodeState, number>({
    name: 'graph',
    initialStates: p.initial,
    actions: p.actions,
    next(d, e) {
      const [from, to] = g.edges[e]!;
      if (from !== d.node) return false;
      d.node = to;
      d.tag = tagOf(to);
    },
    properties: p.props,
    ...(p.within ? { within: p.within } : {}),
    formatAction: p.formatAction,
  });
}

/** Facts about a graph computed by a plain BFS, independent of the checker. */
export interface Analysis {
  /** Reachable nodes in discovery order (initial nodes first, then level by level, edges in index order). */
  readonly order: number[];
  /** BFS distance of each reachable node (initial nodes 0). */
  readonly dist: Map<number, number>;
  /** For each reachable node, the edge it was discovered by (-1 for initial nodes). */
  readonly via: Map<number, number>;
  /** Edges leaving each node. */
  readonly outDegree: number[];
  /** Number of initial states yielded (with repetitions). */
  readonly initialYielded: number;
  /** Distinct initial nodes within the constraint. */
  readonly initial: number;
}

/** A BFS over the graph restricted to nodes within the constraint (when `within`). */
export function analyse(g: Graph, within = false): Analysis {
  const inside = (n: number) => !within || !g.outside.has(n);
  const outDegree = Array<number>(g.nodes).fill(0);
  for (const [from] of g.edges) outDegree[from]!++;
  const dist = new Map<number, number>();
  const via = new Map<number, number>();
  const order: number[] = [];
  for (const n of g.initial) {
    if (inside(n) && !dist.has(n)) {
      dist.set(n, 0);
      via.set(n, -1);
      order.push(n);
    }
  }
  const initial = order.length;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    g.edges.forEach(([from, to], e) => {
      if (from === n && inside(to) && !dist.has(to)) {
        dist.set(to, dist.get(n)! + 1);
        via.set(to, e);
        order.push(to);
      }
    });
  }
  return { order, dist, via, outDegree, initialYielded: g.initial.length, initial };
}

/** The first reachable node (in discovery order) satisfying `pred`, or undefined. */
export function firstWhere(a: Analysis, pred: (n: number) => boolean): number | undefined {
  return a.order.find(pred);
}

/** The nodes of the BFS-tree path from an initial node to `n`, and the edges taken. */
export function treePath(a: Analysis, g: Graph, n: number): { nodes: number[]; edges: number[] } {
  const nodes = [n];
  const edges: number[] = [];
  for (let e = a.via.get(n)!; e >= 0; e = a.via.get(nodes[0]!)!) {
    edges.unshift(e);
    nodes.unshift(g.edges[e]![0]);
  }
  return { nodes, edges };
}

/** The node sequence of a trace. */
export function traceNodes(trace: readonly TraceStep[]): number[] {
  return trace.map((step) => (step.state as NodeState).node);
}

/**
 * Replays `trace` against `model` step by step: the first state is initial, and each action is offered by
 * `actions` in the previous state, is enabled, and leads to the recorded state; each label is the model's.
 */
export function expectReplays(model: AnyModel, trace: readonly TraceStep[]): void {
  const tier = tierOf(model);
  expect(trace.length).toBeGreaterThan(0);
  const first = tier.fromValue(trace[0]!.state);
  expect(trace[0]!.action).toBeNull();
  expect(tier.initialStates().some((st) => tier.equal(st, first))).toBe(true);
  let st = first;
  for (let k = 1; k < trace.length; k++) {
    const step = trace[k]!;
    expect(tier.actions(st).some((a) => sameAction(a, step.action))).toBe(true);
    const succ = tier.next(st, step.action);
    expect(succ).toBeDefined();
    expect(tier.equal(succ!, tier.fromValue(step.state))).toBe(true);
    expect(step.label).toBe(tier.label(step.action));
    st = succ!;
  }
}

/** A result without its timings, for comparing two runs. */
export function untimed(r: CheckResult): unknown {
  const { seconds: _s, statesPerSecond: _r, ...stats } = r.stats;
  return { ...r, stats };
}
