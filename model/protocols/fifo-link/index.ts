/**
 * The FIFO reliable link over an unordered, lossy, duplicating network — the front door: its parameters,
 * its mutant that delivers on arrival, the checking instance and the deployment. (No `duplicates` budget:
 * the network duplicates every message freely.)
 *
 * @module
 */
import { ProtocolError, enumParam, intParam, ints } from '../../core/index.js';
import type { ActorSystem, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { crashesParam, dropsParam } from '../coordination/faultParams.js';
import { defineProtocol } from '../protocol.js';
import { fifoLink } from './fifoLink.js';
import { fifoLinkWorkload } from './workload.js';

/** The FIFO link, its mutant that delivers on arrival, and its deployment. */
export const fifoLinkProtocol = defineProtocol({
  id: 'fifo-link',
  description: 'FIFO reliable link: sequence numbers, retransmission, hold-back and duplicate rejection; fifoDelivery, noDuplicateDelivery',
  params: [
    intParam('messages', 'messages the client sends', 3, 1, 4),
    dropsParam(1, 3),
    crashesParam(0, 1, ' (the link keeps no durable state, so any crash breaks it)'),
    enumParam('loss', 'budget: at most `drops` losses; fair: fair-loss links, losses unbounded and uncounted (drops=0)', 'budget', ['budget', 'fair']),
  ],
  variants: [
    { name: 'deliver-on-arrival', description: 'fifo-link whose receiver delivers every message as it arrives' },
    { name: 'stop-at-first-ack', description: 'fifo-link whose sender stops retransmitting at the first acknowledgement: a lost message is never delivered' },
  ],
  build: (p, variant) => {
    const fairLoss = p['loss'] === 'fair';
    if (fairLoss && p['drops'] !== 0) throw new ProtocolError(`fifo-link: loss=fair loses without a budget; give drops=0 (got drops=${p['drops']})`);
    return fifoLink({ ...ints(p, 'messages', 'drops', 'crashes'), variant, fairLoss });
  },
  // The client submits `messages` messages at the sender; the sender's `retransmit` timer runs `retransmit`
  // ms. The instance is the catalogue's, with the crash and loss budgets of the recorded run; its network
  // is duplicating, so it never needs more room than the run's distinct messages.
  deployment: {
    params: [
      intParam('messages', 'messages the client sends', 4, 1, 4),
      intParam('retransmit', "the sender's retransmission timeout, ms", 50, 1, 60_000),
    ],
    system: (p, budget, variant) =>
      systemForRun(fifoLink({ messages: p['messages']!, drops: budget.drops, crashes: budget.crashes, variant }) as unknown as ActorSystem<Roles>, budget),
    timeouts: (p) => ({ retransmit: p['retransmit']! }),
    workload: fifoLinkWorkload,
  },
});
