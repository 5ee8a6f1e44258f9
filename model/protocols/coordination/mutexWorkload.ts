/**
 * The client of a running mutual-exclusion system: nodes repeatedly entering and leaving their critical
 * section. One operation is one entry: it begins with a `request` input at a node that is not already
 * requesting, and completes (outcome `entered`) when that node observes `enter`; the client then stays in
 * its critical section for `csMs` ms and releases (`release`, offered that much later), so two nodes that
 * a broken protocol lets in together really are inside together for a while — with no hold, a release
 * follows the entry within a fraction of a millisecond and an overlap may never be seen. A node's next
 * request waits behind its release (the launcher keeps a client's inputs to one node in order). At most
 * one open entry per node, so the concurrency is the number of nodes; which node requests next is drawn
 * from the seeded generator. A run's throughput is then critical-section entries per second, and its
 * largest operation latency the longest wait from a request to the entry (the summary names them so).
 *
 * @example
 * ```ts
 * const w = mutexWorkload([1, 2, 3], 100, seed, 2);   // the process ids of central-mutex with n = 3, 2 ms inside
 * w.start(3);   // three requests, at three distinct processes, ops 0, 1, 2
 * ```
 *
 * @module
 */
import { workloadRandom } from '../../actors/index.js';
import type { IntParam } from '../../core/index.js';
import type { Reaction, Workload, WorkloadInput } from '../../actors/index.js';
import { ENTER } from './mutexClient.js';

/** The deployment parameter `cs` of every mutual-exclusion protocol: the client's time in its critical section. */
export const CS_PARAM: IntParam = { type: 'int', name: 'cs', description: 'how long the client stays in its critical section before releasing, ms', default: 1, min: 0, max: 60_000 };

/**
 * A client making `entries` entries in all at the nodes `nodes` (ids), drawing its choices from `seed`,
 * staying `csMs` ms in the critical section each time.
 */
export function mutexWorkload(nodes: readonly number[], entries: number, seed: number, csMs: number): Workload {
  const random = workloadRandom(seed);
  /** The open entry of each node that is requesting: node id to operation. */
  const open = new Map<number, number>();
  let next = 0;
  return {
    operations: entries,
    concurrency: nodes.length,
    figures: { rate: 'entries/s', latency: 'wait' },
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
      return { completes: [{ op, outcome: 'entered' }], inputs: [{ node, input: 'release', after: csMs }] };
    },
    // A node refuses a request only while its release is still on its way to it (the launcher orders a
    // client's inputs per node, but a test harness may not): offer the request again.
    refused(node, input) {
      const op = open.get(node);
      return input === 'request' && op !== undefined ? { inputs: [{ node, input: 'request' }] } : {};
    },
  };
}
