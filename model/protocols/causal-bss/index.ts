/**
 * Birman–Schiper–Stephenson causal multicast — the front door: its parameters, its mutant that delivers on
 * arrival (the classic causality violation: a reply overtakes the message it answers), the checking
 * instance and the deployment.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import type { ActorSystem, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { crashesParam, dropsParam, duplicatesParam } from '../coordination/faultParams.js';
import { defineProtocol } from '../protocol.js';
import { causalBss } from './causalBss.js';
import { causalBssWorkload } from './workload.js';

/** Causal multicast, its mutant that delivers on arrival, and its deployment. */
export const causalBssProtocol = defineProtocol({
  id: 'causal-bss',
  description: 'Birman-Schiper-Stephenson causal multicast with vector timestamps; causalDelivery, noDuplicateDelivery, deliveredWereSent',
  params: [
    intParam('members', 'group size', 3, 2, 4),
    intParam('multicasts', 'messages each member may multicast', 1, 1, 2),
    crashesParam(0, 1, ' (members keep no durable state, so a crash breaks duplicate-freedom and causal order)'),
    dropsParam(0, 2),
    duplicatesParam(1, 2),
  ],
  variants: [
    { name: 'deliver-on-arrival', description: 'causal-bss whose members deliver messages as they arrive' },
    { name: 'discard-early', description: 'causal-bss whose members discard a message that comes early instead of holding it back: it is never delivered' },
  ],
  build: (p, variant) => causalBss({ ...ints(p, 'members', 'multicasts', 'crashes', 'drops', 'duplicates'), variant }),
  // The reactive client of `workload.ts`. Run it with injected delay or reordering
  // (`--faults A->C.delay=150ms`) and a reply overtakes the message it answers, which the correct protocol
  // holds back and the `deliver-on-arrival` mutant does not. The instance is the catalogue's with the run's
  // fault budgets.
  deployment: {
    params: [
      intParam('members', 'group size (members A, B, C, D)', 3, 2, 4),
      intParam('multicasts', 'multicasts per member', 2, 1, 2),
    ],
    system: (p, budget, variant) =>
      systemForRun(
        causalBss({
          members: p['members']!,
          multicasts: p['multicasts']!,
          drops: budget.drops,
          duplicates: budget.duplicates,
          crashes: budget.crashes,
          variant,
        }) as unknown as ActorSystem<Roles>,
        budget,
      ),
    timeouts: () => ({}),
    workload: causalBssWorkload,
  },
});
