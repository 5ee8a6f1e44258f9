/**
 * Merging the traces of a run into one order consistent with happens-before.
 *
 * Each step carries its node's vector clock (Fidge and Mattern; Lamport, CACM 1978), counting steps:
 * `vc[k]` is the number of steps of node k that the step causally follows — through program order on
 * node k and through the messages it received. A step of node i may therefore come next exactly when, for
 * every other node k, the first `vc[k]` steps of k are already placed (and its own predecessor is). Among
 * the steps that may come next, the earliest by wall clock is taken, so the merged order is the real one
 * wherever clocks agree with causality, and never contradicts causality where they do not. If no step
 * may come next while some remain, the traces are inconsistent (a delivery whose send no trace holds)
 * and the merge says which steps are stuck.
 *
 * @example
 * ```ts
 * const order = mergeTraces(traces.map((t) => t.steps));   // [{ node: 0, step: 0 }, { node: 1, step: 0 }, ...]
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

/** The merge failed: some steps wait for steps no trace holds. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** Merges per-node step lists (index = node id) into one happens-before-consistent order. */
export function mergeTraces(nodes: readonly (readonly TraceStep[])[]): MergedStep[] {
  const N = nodes.length;
  const placed = new Array<number>(N).fill(0);
  const total = nodes.reduce((a, s) => a + s.length, 0);
  const out: MergedStep[] = [];
  const ready = (i: number): boolean => {
    const st = nodes[i]![placed[i]!];
    if (st === undefined) return false;
    for (let k = 0; k < N; k++) if (k !== i && st.vc[k]! > placed[k]!) return false;
    return true;
  };
  while (out.length < total) {
    let best = -1;
    for (let i = 0; i < N; i++) {
      if (!ready(i)) continue;
      if (best < 0 || nodes[i]![placed[i]!]!.t < nodes[best]![placed[best]!]!.t) best = i;
    }
    if (best < 0) {
      const stuck = nodes
        .map((s, i) => ({ i, st: s[placed[i]!] }))
        .filter((x) => x.st !== undefined)
        .map(({ i, st }) => {
          const k = st!.vc.findIndex((c, j) => j !== i && c > placed[j]!);
          return `node ${i} step ${st!.n} follows step ${st!.vc[k]! - 1} of node ${k}, which node ${k}'s trace does not hold (it has ${nodes[k]!.length})`;
        });
      throw new MergeError(`the traces are not consistent with happens-before: ${stuck.join('; ')}`);
    }
    out.push({ node: best, step: placed[best]! });
    placed[best]!++;
  }
  return out;
}
