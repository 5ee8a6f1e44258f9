/**
 * The client of the deployed FIFO link: it submits `messages` messages at the sender; each is an operation
 * that completes when the receiver delivers it.
 *
 * @module
 */
import type { DeploymentParams, Workload, WorkloadInput } from '../../actors/index.js';

const SENDER = 0;
const RECEIVER = 1;

/** The client: sends every message in order, at most `concurrency` unacknowledged by delivery. */
export function fifoLinkWorkload(p: DeploymentParams): Workload {
  const k = p['messages']!;
  let next = 0;
  return {
    operations: k,
    concurrency: k,
    start(max) {
      const out: WorkloadInput[] = [];
      for (; max > 0 && next < k; max--, next++) out.push({ node: SENDER, input: 'send', op: next });
      return out;
    },
    react(node, e) {
      if (node !== RECEIVER || e.kind !== 'deliver') return {};
      const msg = e.msg as { type: string; seq: number };
      return msg.type === 'Data' ? { completes: [{ op: msg.seq, outcome: 'delivered' }] } : {};
    },
    refused: () => ({}),
  };
}
