/**
 * Merging the traces of a run into one order consistent with happens-before.
 *
 * Each step carries its node's vector clock (Fidge and Mattern; Lamport, CACM 1978): `vc[k]` is the clock
 * of the latest step of node k that the step causally follows — through program order on node k and
 * through the messages it received. A node's clock goes up by one per step and jumps forward at a restart,
 * so a step of node i may come next exactly when, for every other node k, the step of k with clock `vc[k]`
 * is already placed (and its own predecessor is). Among the steps that may come next, the earliest by wall
 * clock is taken, so the merged order is the real one wherever clocks agree with causality, and never
 * contradicts causality where they do not.
 *
 * **Incomplete traces.** Traces are not fsync'd: a power loss can take the tail of an incarnation of a node
 * that was killed. Steps of other nodes that follow a lost step (they received one of its messages) cannot
 * be placed, nor can anything after them; and a node whose restart found durable records its trace does not
 * account for (the `records` of the `TraceGap` on its recover step) restarted from a state no trace explains, so its steps from that
 * restart on cannot be replayed either. The merge leaves all of those out — the largest set of steps closed
 * under happens-before that the traces fully explain — and says why in {@link MergeResult}`.gaps`. A step
 * that follows a clock its node cannot have lost (inside a recorded stretch, or after a clean stop) is not a
 * gap but an inconsistency, and so is a set of steps that can never be placed: {@link MergeError}.
 *
 * @example
 * ```ts
 * const { order, gaps } = mergeTraces(traces);
 * order;   // [{ node: 0, step: 0 }, { node: 1, step: 0 }, ...]
 * ```
 *
 * @module
 */
import type { TraceStep } from './format.js';

/** A position in the merged order: step `step` of node `node`. */
export interface MergedStep {
  readonly node: number;
  readonly step: number;
}

/** The traces could not be merged: some steps wait for steps no trace holds, and no loss explains it. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** One node's trace as the merge needs it. */
export interface MergeInput {
  readonly steps: readonly TraceStep[];
  /** Where the trace has seals: the number of steps before each (an incarnation that stopped cleanly). */
  readonly seals: readonly number[];
}

/** Why a node's trace is known to be incomplete, and from where the merge leaves its steps out. */
export interface TraceGapReport {
  readonly node: number;
  /** The last step the trace holds before the loss, or -1 if the loss precedes every recorded step. */
  readonly afterStep: number;
  /** Durable state records its log holds that no recorded step accounts for. */
  readonly records: number;
  /** A step of another node that depends on a step of this one the trace lost, if that is how it showed. */
  readonly seenBy?: { readonly node: number; readonly step: number; readonly clock: number };
}

/** The outcome of {@link mergeTraces}. */
export interface MergeResult {
  /** The steps that can be replayed, in a happens-before-consistent order. */
  readonly order: MergedStep[];
  /** Per node, the index of its first step left out (its step count if none is). */
  readonly cut: readonly number[];
  /** The known losses, at most one per node (the earliest). */
  readonly gaps: readonly TraceGapReport[];
}

interface Segment {
  readonly first: number;
  readonly last: number;
  /** Index in the step list of the segment's last step. */
  readonly lastStep: number;
  readonly killed: boolean;
}

/** The incarnations of a trace as clock ranges; `killed` if it did not end with a seal. */
function segments(input: MergeInput, self: number): Segment[] {
  const out: Segment[] = [];
  const steps = input.steps;
  let i = 0;
  while (i < steps.length) {
    let j = i;
    while (j + 1 < steps.length && steps[j + 1]!.inc === steps[i]!.inc) j++;
    out.push({ first: steps[i]!.vc[self]!, last: steps[j]!.vc[self]!, lastStep: j, killed: !input.seals.includes(j + 1) });
    i = j + 1;
  }
  return out;
}

/** Merges per-node traces (index = node id) into one happens-before-consistent order (see the module documentation). */
export function mergeTraces(nodes: readonly MergeInput[]): MergeResult {
  const N = nodes.length;
  const segs = nodes.map((t, i) => segments(t, i));
  const gaps = new Map<number, TraceGapReport>();
  const cut = nodes.map((t) => t.steps.length);
  // A gap is reported once per node (the earliest); only a restart from unexplained records cuts the node itself.
  const addGap = (g: TraceGapReport, from: number | null): void => {
    const old = gaps.get(g.node);
    if (old === undefined || g.afterStep < old.afterStep) gaps.set(g.node, g);
    if (from !== null && from < cut[g.node]!) cut[g.node] = from;
  };
  // Roots: restarts from durable records no step accounts for.
  nodes.forEach((t, i) =>
    t.steps.forEach((st, n) => {
      if (st.kind === 'recover' && st.gap !== undefined && st.gap.records > 0) addGap({ node: i, afterStep: n - 1, records: st.gap.records }, n);
    }),
  );
  /** Whether clock `c` of node k is one its trace holds; else, if it may have been lost, the step before the loss. */
  const locate = (k: number, c: number): { held: true } | { held: false; afterStep: number } | null => {
    if (c === 0) return { held: true };
    const sk = segs[k]!;
    for (let s = 0; s < sk.length; s++) {
      const g = sk[s]!;
      if (c >= g.first && c <= g.last) return { held: true };
      const next = sk[s + 1];
      if (c > g.last && (next === undefined || c < next.first)) return g.killed ? { held: false, afterStep: g.lastStep } : null;
    }
    // Before the first recorded step: lost only if the trace does not begin with the node's start.
    return nodes[k]!.steps[0]?.kind === 'start' ? null : { held: false, afterStep: -1 };
  };
  // The steps that depend on a lost one, to a fixpoint: a step is left out if its node's earlier step is,
  // or if it follows (by its clock) a lost step or a left-out step of another node.
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < N; i++) {
      const steps = nodes[i]!.steps;
      for (let n = 0; n < cut[i]!; n++) {
        const st = steps[n]!;
        for (let k = 0; k < N; k++) {
          if (k === i) continue;
          const c = st.vc[k]!;
          const cutK = nodes[k]!.steps[cut[k]!];
          if (cutK !== undefined && c >= cutK.vc[k]!) {
            cut[i] = n;
            changed = true;
            break;
          }
          const at = locate(k, c);
          if (at === null) {
            throw new MergeError(`the traces are not consistent with happens-before: node ${i} step ${st.n} follows the step of node ${k} with clock ${c}, which node ${k}'s trace cannot have lost (it records no such step)`);
          }
          if (!at.held) {
            addGap({ node: k, afterStep: at.afterStep, records: 0, seenBy: { node: i, step: st.n, clock: c } }, null);
            if (n < cut[i]!) cut[i] = n;
            changed = true;
            break;
          }
        }
        if (cut[i] === n) break;
      }
    }
  }
  const placed = new Array<number>(N).fill(0);
  const next = new Array<number>(N).fill(0);
  const total = cut.reduce((a, b) => a + b, 0);
  const order: MergedStep[] = [];
  const ready = (i: number): boolean => {
    if (next[i]! >= cut[i]!) return false;
    const st = nodes[i]!.steps[next[i]!]!;
    for (let k = 0; k < N; k++) if (k !== i && st.vc[k]! > placed[k]!) return false;
    return true;
  };
  while (order.length < total) {
    let best = -1;
    for (let i = 0; i < N; i++) {
      if (!ready(i)) continue;
      if (best < 0 || nodes[i]!.steps[next[i]!]!.t < nodes[best]!.steps[next[best]!]!.t) best = i;
    }
    if (best < 0) {
      const stuck = nodes
        .map((t, i) => ({ i, st: next[i]! < cut[i]! ? t.steps[next[i]!] : undefined }))
        .filter((x) => x.st !== undefined)
        .map(({ i, st }) => {
          const k = st!.vc.findIndex((c, j) => j !== i && c > placed[j]!);
          return `node ${i} step ${st!.n} follows the step of node ${k} with clock ${st!.vc[k]}, which is not placed (node ${k}'s trace has ${nodes[k]!.steps.length} steps)`;
        });
      throw new MergeError(`the traces are not consistent with happens-before: ${stuck.join('; ')}`);
    }
    const st = nodes[best]!.steps[next[best]!]!;
    order.push({ node: best, step: next[best]! });
    placed[best] = st.vc[best]!;
    next[best]!++;
  }
  return { order, cut, gaps: [...gaps.values()].sort((a, b) => a.node - b.node) };
}
