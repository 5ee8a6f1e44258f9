/**
 * The FIFO reliable link, deployed: the client submits `messages` messages at the sender; each is an
 * operation that completes when the receiver delivers it. The sender's `retransmit` timer runs
 * `retransmit` ms. The instance is the catalogue's ({@link fifoLink}), with the crash and loss budgets of
 * the recorded run; its network is duplicating, so it never needs more room than the run's distinct
 * messages.
 *
 * @example
 * ```ts
 * const d = fifoLinkDeployments[0]!;   // 'fifo-link'
 * d.system({ messages: 4, retransmit: 50 }, { crashes: 0, drops: 3, duplicates: 0, inFlight: 9 });
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, DeploymentParams, Roles, Workload, WorkloadInput } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { fifoLink } from './fifoLink.js';

const SENDER = 0;
const RECEIVER = 1;

/** The client: sends every message in order, at most `concurrency` unacknowledged by delivery. */
function fifoLinkWorkload(p: DeploymentParams): Workload {
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

function deployment(mutation: 'deliver-on-arrival' | undefined, description: string): Deployment {
  return {
    id: mutation ? `fifo-link-${mutation}` : 'fifo-link',
    description,
    params: [
      { type: 'int', name: 'messages', description: 'messages the client sends', default: 4, min: 1, max: 4 },
      { type: 'int', name: 'retransmit', description: "the sender's retransmission timeout, ms", default: 50, min: 1, max: 60_000 },
    ],
    system: (p, budget) =>
      systemForRun(
        fifoLink({ messages: p['messages']!, drops: budget.drops, crashes: budget.crashes, ...(mutation ? { mutation } : {}) }) as unknown as ActorSystem<Roles>,
        budget,
      ),
    timeouts: (p) => ({ retransmit: p['retransmit']! }),
    workload: fifoLinkWorkload,
  };
}

/** The FIFO link and its mutant, deployed. */
export const fifoLinkDeployments: readonly Deployment[] = [
  deployment(undefined, 'A FIFO reliable link over a lossy, duplicating network (sequence numbers, hold-back, cumulative acks)'),
  deployment('deliver-on-arrival', 'fifo-link whose receiver delivers every message as it arrives'),
];
