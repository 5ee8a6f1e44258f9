/**
 * The client of deployed causal multicast. It is reactive, so that messages are causally related: member A
 * multicasts first, and every member, each time it delivers a message from another, multicasts its next
 * message, until each has multicast `multicasts` times. An operation is one multicast; it completes when
 * every other member has delivered it.
 *
 * @module
 */
import type { DeploymentParams, Reaction, Workload, WorkloadInput } from '../../actors/index.js';

/** The reactive client (see the module documentation). */
export function causalBssWorkload(p: DeploymentParams): Workload {
  const n = p['members']!;
  const k = p['multicasts']!;
  const sent = Array<number>(n).fill(0);
  const deliveries = new Map<number, number>();
  let started = false;
  const multicast = (node: number): WorkloadInput[] => (sent[node]! < k ? [{ node, input: 'multicast', op: node * k + sent[node]!++ }] : []);
  return {
    operations: n * k,
    concurrency: n * k,
    start(max) {
      if (started || max < 1) return [];
      started = true;
      return multicast(0);
    },
    react(node, e): Reaction {
      if (e.kind !== 'deliver') return {};
      const T = (e.msg as { T: number[] }).T;
      const op = e.from * k + T[e.from]! - 1;
      const count = (deliveries.get(op) ?? 0) + 1;
      deliveries.set(op, count);
      return { inputs: multicast(node), ...(count === n - 1 ? { completes: [{ op, outcome: 'delivered' }] } : {}) };
    },
    refused: () => ({}),
  };
}
