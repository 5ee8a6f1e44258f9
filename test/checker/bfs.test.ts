/**
 * The breadth-first engines against an independent BFS of random graphs: statistics, shortest traces,
 * deadlocks, witnesses and bounds. Every property runs on the packed engine, the generic engine over the
 * packed model, and the object tier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSync } from '../../checker/check.js';
import type { RunOptions } from '../../checker/check.js';
import type { AnyModel } from '../../model/core/index.js';
import type { Graph, GraphModelOptions } from '../helpers/graphs.js';
import { analyse, expectReplays, firstWhere, graphArb, objectGraphModel, packedGraphModel, traceNodes, treePath } from '../helpers/graphs.js';

type Build = (g: Graph, o?: GraphModelOptions) => AnyModel;
const runs: [string, Build, RunOptions][] = [
  ['packed engine', packedGraphModel, {}],
  ['generic engine', packedGraphModel, { engine: 'generic' }],
  ['object tier', objectGraphModel, {}],
];
const modes = fc.constantFrom<'own' | 'all'>('own', 'all');
const NUM_RUNS = 150;

describe.each(runs)('BFS on random graphs (%s)', (_name, build, engine) => {
  it('counts distinct, generated and depth as TLC does', () => {
    fc.assert(
      fc.property(graphArb, modes, fc.boolean(), (g, actions, within) => {
        const a = analyse(g, within);
        const r = checkSync(build(g, { actions, within }), { ...engine, checkDeadlock: false });
        expect(r.verdict).toBe('holds');
        const outEdges = a.order.reduce((n, node) => n + a.outDegree[node]!, 0);
        expect(r.stats).toMatchObject({
          initial: a.initial,
          distinct: a.order.length,
          generated: a.initialYielded + outEdges,
          depth: a.order.length === 0 ? 0 : 1 + Math.max(...a.dist.values()),
          queue: 0,
        });
        expect(r.violations).toEqual([]);
        expect(r.stoppedBy).toBeUndefined();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reports a shortest counterexample to an invariant, which replays', () => {
    fc.assert(
      fc.property(graphArb, modes, (g, actions) => {
        const a = analyse(g);
        const model = build(g, { actions, invariant: true });
        const r = checkSync(model, { ...engine, checkDeadlock: false });
        const bad = firstWhere(a, (n) => g.bad.has(n));
        if (bad === undefined) {
          expect(r.verdict).toBe('holds');
          return;
        }
        expect(r.verdict).toBe('violated');
        expect(r.stoppedBy).toBe('violation');
        expect(r.violations).toHaveLength(1);
        const [v] = r.violations;
        expect([v!.property, v!.kind]).toEqual(['good', 'always']);
        const nearest = Math.min(...[...a.dist].filter(([n]) => g.bad.has(n)).map(([, d]) => d));
        expect(v!.trace).toHaveLength(nearest + 1);
        // Exactly the BFS-tree path to the first bad node discovered: edges in index order, level by level.
        const path = treePath(a, g, bad);
        expect(traceNodes(v!.trace)).toEqual(path.nodes);
        expect(v!.trace.slice(1).map((s) => s.action)).toEqual(path.edges);
        expect(traceNodes(v!.trace).slice(0, -1).some((n) => g.bad.has(n))).toBe(false);
        expectReplays(model, v!.trace);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('checks the invariant on successors outside the constraint, which it never stores (as TLC does)', () => {
    fc.assert(
      fc.property(graphArb, modes, (g, actions) => {
        // The first bad state in the order states are generated: initial states in order, then the
        // successors of each stored state in BFS order, edges in index order; a state outside the
        // constraint is checked each time it is generated, a state inside only when first stored.
        const a = analyse(g, true);
        let expected: number[] | undefined;
        const outside = (n: number) => g.outside.has(n);
        for (const n of g.initial) {
          if (g.bad.has(n)) {
            expected = [n];
            break;
          }
        }
        for (let i = 0; i < a.order.length && !expected; i++) {
          const from = a.order[i]!;
          for (const [e, [src, to]] of g.edges.entries()) {
            if (src !== from) continue;
            if (outside(to) && g.bad.has(to)) {
              expected = [...treePath(a, g, from).nodes, to];
              break;
            }
            if (!outside(to) && g.bad.has(to) && a.via.get(to) === e) {
              expected = treePath(a, g, to).nodes;
              break;
            }
          }
        }
        const model = build(g, { actions, invariant: true, within: true });
        const r = checkSync(model, { ...engine, checkDeadlock: false });
        if (!expected) {
          expect(r.verdict).toBe('holds');
          expect(r.stats.distinct).toBe(a.order.length);
          return;
        }
        expect(r.verdict).toBe('violated');
        expect(traceNodes(r.violations[0]!.trace)).toEqual(expected);
        expectReplays(model, r.violations[0]!.trace);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reports the nearest deadlock (a reachable node with no enabled action)', () => {
    fc.assert(
      fc.property(graphArb, modes, (g, actions) => {
        const a = analyse(g);
        const model = build(g, { actions });
        const r = checkSync(model, engine);
        const sink = firstWhere(a, (n) => a.outDegree[n] === 0);
        if (sink === undefined) {
          expect(r.verdict).toBe('holds');
          return;
        }
        expect(r.verdict).toBe('deadlock');
        expect(r.violations.map((v) => [v.property, v.kind])).toEqual([['deadlock', 'deadlock']]);
        const trace = r.violations[0]!.trace;
        expect(traceNodes(trace)).toEqual(treePath(a, g, sink).nodes);
        expectReplays(model, trace);
        expect(checkSync(model, { ...engine, checkDeadlock: false }).verdict).toBe('holds');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reports a shortest witness for a reachable goal, and a violation for an unreachable one', () => {
    fc.assert(
      fc.property(graphArb, modes, (g, actions) => {
        const a = analyse(g);
        const model = build(g, { actions, goal: true });
        const r = checkSync(model, { ...engine, checkDeadlock: false });
        const goal = firstWhere(a, (n) => g.goal.has(n));
        if (goal === undefined) {
          expect(r.verdict).toBe('violated');
          expect(r.violations).toEqual([{ property: 'reach', kind: 'sometimes', message: 'no reachable state satisfies it', trace: [] }]);
          expect(r.witnesses).toEqual([]);
          return;
        }
        expect(r.verdict).toBe('holds');
        expect(r.witnesses).toHaveLength(1);
        const w = r.witnesses[0]!;
        expect([w.property, w.kind]).toEqual(['reach', 'sometimes']);
        expect(traceNodes(w.trace)).toEqual(treePath(a, g, goal).nodes);
        expect(w.trace).toHaveLength(a.dist.get(goal)! + 1);
        expectReplays(model, w.trace);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stops at maxDepth with the levels below it explored', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 1, max: 8 }), (g, maxDepth) => {
        const a = analyse(g);
        const r = checkSync(build(g), { ...engine, checkDeadlock: false, maxDepth });
        const levels = 1 + Math.max(...a.dist.values());
        const stored = a.order.filter((n) => a.dist.get(n)! < maxDepth);
        const explored = a.order.filter((n) => a.dist.get(n)! < maxDepth - 1);
        // States at level maxDepth are stored and checked, but not explored: so reaching it is incomplete.
        expect(r.verdict).toBe(levels >= maxDepth ? 'incomplete' : 'holds');
        expect(r.stoppedBy).toBe(levels >= maxDepth ? 'max-depth' : undefined);
        expect(r.stats.distinct).toBe(stored.length);
        expect(r.stats.depth).toBe(Math.min(levels, maxDepth));
        if (levels >= maxDepth) {
          expect(r.stats.generated).toBe(a.initialYielded + explored.reduce((n, x) => n + a.outDegree[x]!, 0));
          expect(r.stats.queue).toBe(stored.length - explored.length);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stops at maxStates with the first states in BFS order stored', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 1, max: 30 }), (g, maxStates) => {
        const a = analyse(g);
        const model = build(g, { goal: true });
        const r = checkSync(model, { ...engine, checkDeadlock: false, maxStates });
        if (a.order.length < maxStates) {
          expect(r.stoppedBy).toBeUndefined();
          expect(r.stats.distinct).toBe(a.order.length);
          return;
        }
        expect(r.verdict).toBe('incomplete');
        expect(r.stoppedBy).toBe('max-states');
        expect(r.stats.distinct).toBe(maxStates);
        // An incomplete search reports no unreachable goal; a goal among the stored states is witnessed.
        expect(r.violations).toEqual([]);
        const goal = a.order.slice(0, maxStates).find((n) => g.goal.has(n));
        expect(r.witnesses.map((w) => traceNodes(w.trace).at(-1))).toEqual(goal === undefined ? [] : [goal]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('with continueAfterViolation explores everything and reports each finding once', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const a = analyse(g);
        const model = build(g, { invariant: true });
        const r = checkSync(model, { ...engine, continueAfterViolation: true });
        expect(r.stats.distinct).toBe(a.order.length);
        expect(r.stats.generated).toBe(a.initialYielded + a.order.reduce((n, x) => n + a.outDegree[x]!, 0));
        const bad = firstWhere(a, (n) => g.bad.has(n));
        const sink = firstWhere(a, (n) => a.outDegree[n] === 0);
        const expected: [string, number][] = [];
        if (bad !== undefined) expected.push(['good', bad]);
        if (sink !== undefined) expected.push(['deadlock', sink]);
        const found = r.violations.map((v) => [v.property, traceNodes(v.trace).at(-1)!] as [string, number]);
        expect(found.sort()).toEqual(expected.sort());
        expect(r.verdict).toBe(bad !== undefined ? 'violated' : sink !== undefined ? 'deadlock' : 'holds');
        expect(r.stoppedBy).toBeUndefined();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
