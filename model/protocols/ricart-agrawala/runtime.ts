/**
 * Ricart–Agrawala, deployed: processes repeatedly entering and leaving their critical section, driven by
 * {@link mutexWorkload} (`entries` entries in all, `cs` ms in the critical section each). The instance is the catalogue's
 * ({@link ricartAgrawala}) with sequence numbers bounded by 2^31 − 1 instead of a handful: a run makes
 * fewer requests than that, and every sequence number is at most the number of requests made. The
 * run's crash and loss budgets and messages in flight size the rest, as for every deployment.
 *
 * @example
 * ```ts
 * const d = ricartAgrawalaDeployments[0]!;   // 'ricart-agrawala'
 * d.system({ n: 3, entries: 100 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { ricartAgrawala } from './ricartAgrawala.js';
import type { RicartAgrawalaOptions } from './ricartAgrawala.js';

/** The sequence-number bound of a deployed instance. */
export const RUNTIME_MAX_SEQ = 2 ** 31 - 1;

function deployment(mutation: RicartAgrawalaOptions['mutation'], description: string): Deployment {
  return {
    id: mutation ? `ricart-agrawala-${mutation}` : 'ricart-agrawala',
    description,
    params: [
      { type: 'int', name: 'n', description: 'processes', default: 3, min: 1, max: 5 },
      { type: 'int', name: 'entries', description: 'critical-section entries in the run', default: 200, min: 1, max: 1_000_000 },
      CS_PARAM,
    ],
    system: (p, budget) => systemForRun(ricartAgrawala({ n: p['n']!, maxSeq: RUNTIME_MAX_SEQ, mutation, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(2 * p['n']! * (p['n']! - 1), 1, budget.inFlight) }) as unknown as ActorSystem<Roles>, budget),
    timeouts: () => ({}),
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i), p['entries']!, seed, p['cs']!),
  };
}

/** Ricart–Agrawala and its mutant, deployed. */
export const ricartAgrawalaDeployments: readonly Deployment[] = [
  deployment(undefined, 'Ricart-Agrawala: processes entering and leaving their critical section'),
  deployment('reply-in-cs', 'ricart-agrawala where a process in its critical section replies at once'),
];
