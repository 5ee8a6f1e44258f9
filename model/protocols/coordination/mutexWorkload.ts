/**
 * The client of a running mutual-exclusion system: nodes repeatedly entering and leaving their critical
 * section. One operation is one entry: it begins with a `request` input at a node that is not already
 * requesting, and completes (outcome `entered`) when that node observes `enter`; the client then releases
 * at once (`release`), so the node is free for its next entry. At most one open entry per node, so the
 * concurrency is the number of nodes; which idle node requests next is drawn from the seeded generator.
 * A run's throughput is then critical-section entries per second, and its largest operation latency the
 * longest wait from a request to the entry.
 *
 * @example
 * ```ts
 * const w = mutexWorkload([1, 2, 3], 100, seed);   // the process ids of central-mutex with n = 3
 * w.start(3);   // three requests, at three distinct processes, ops 0, 1, 2
 * ```
 *
 * @module
 */
import { workloadRandom } from '../../actors/index.js';
import type { Reaction, Workload, WorkloadInput } from '../../actors/index.js';
import { ENTER } from './mutexClient.js';

/** A client making `entries` entries in all at the nodes `nodes` (ids), drawing its choices from `seed`. */
export function mutexWorkload(nodes: readonly number[], entries: number, seed: number): Workload {
  const random = workloadRandom(seed);
  /** The open entry of each node that is requesting: node id to operation. */
  const open = new Map<number, number>();
  let next = 0;
  return {
    operations: entries,
    concurrency: nodes.length,
    start(max) {
      const out: WorkloadInput[] = [];
      for (; max > 0 && next < entries; max--) {
        const idle = nodes.filter((id) => !open.has(id));
        if (idle.length === 0) break;
        const node = idle[Math.floor(random() * idle.length)]!;
        open.set(node, next);
        out.push({ node, input: 'request', op: next++ });
      }
      return out;
    },
    react(node, e): Reaction {
      if (e.kind !== 'observe' || e.observation !== ENTER) return {};
      const op = open.get(node);
      if (op === undefined) return {};
      open.delete(node);
      return { completes: [{ op, outcome: 'entered' }], inputs: [{ node, input: 'release' }] };
    },
    // A node refuses a request only while its release is still on its way to it: offer the request again.
    refused(node, input) {
      const op = open.get(node);
      return input === 'request' && op !== undefined ? { inputs: [{ node, input: 'request' }] } : {};
    },
  };
}
