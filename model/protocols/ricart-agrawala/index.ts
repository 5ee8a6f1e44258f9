/**
 * Ricart and Agrawala's mutual exclusion as an actor system — the front door: its parameters, its mutant,
 * the checking instance and the deployment.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import type { ActorSystem, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { defineProtocol } from '../protocol.js';
import { ricartAgrawala } from './ricartAgrawala.js';

/**
 * The sequence-number bound of a deployed instance: 2^31 − 1 instead of a handful, since a run makes
 * fewer requests than that and every sequence number is at most the number of requests made.
 */
export const RUNTIME_MAX_SEQ = 2 ** 31 - 1;

/** Ricart–Agrawala, its mutant that replies while in its critical section, and its deployment. */
export const ricartAgrawalaProtocol = defineProtocol({
  id: 'ricart-agrawala',
  description: 'Ricart-Agrawala: timestamped requests to all, replies deferred by the prior requester (actor system)',
  params: [intParam('n', 'processes', 3, 1, 4), intParam('maxSeq', 'largest sequence number; a process refuses to request beyond it', 3, 1, 8)],
  variants: [{ name: 'reply-in-cs', description: 'ricart-agrawala where a process in its critical section replies at once' }],
  build: (p, variant) => ricartAgrawala({ ...ints(p, 'n', 'maxSeq'), variant }),
  // Processes repeatedly entering and leaving their critical section (`entries` in all, `cs` ms inside
  // each time). The run's crash and loss budgets and messages in flight size the rest.
  deployment: {
    params: [intParam('n', 'processes', 3, 1, 5), intParam('entries', 'critical-section entries in the run', 200, 1, 1_000_000), CS_PARAM],
    system: (p, budget, variant) =>
      systemForRun(
        ricartAgrawala({ n: p['n']!, maxSeq: RUNTIME_MAX_SEQ, variant, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(2 * p['n']! * (p['n']! - 1), 1, budget.inFlight) }) as unknown as ActorSystem<Roles>,
        budget,
      ),
    timeouts: () => ({}),
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i), p['entries']!, seed, p['cs']!),
  },
});
