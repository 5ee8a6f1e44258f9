/**
 * The central-coordinator mutex, deployed: processes `P1..Pn` repeatedly entering and leaving their
 * critical section through the coordinator `C`, driven by {@link mutexWorkload} (`entries` entries in all, `cs` ms in the critical section each).
 * The instance is the catalogue's ({@link centralMutex}) with the run's crash and loss budgets and room
 * for its messages in flight; it has no timers. The protocol tolerates neither crashes nor losses (a killed
 * holder or a lost grant stalls the run), but a run with them still validates against the model.
 *
 * @example
 * ```ts
 * const d = centralMutexDeployments[0]!;   // 'central-mutex'
 * d.system({ n: 3, entries: 100 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { centralMutex } from './centralMutex.js';
import type { CentralMutexOptions } from './centralMutex.js';

function deployment(mutation: CentralMutexOptions['mutation'], description: string): Deployment {
  return {
    id: mutation ? `central-mutex-${mutation}` : 'central-mutex',
    description,
    params: [
      { type: 'int', name: 'n', description: 'processes competing for the critical section', default: 3, min: 1, max: 6 },
      { type: 'int', name: 'entries', description: 'critical-section entries in the run', default: 200, min: 1, max: 1_000_000 },
      CS_PARAM,
    ],
    system: (p, budget) => systemForRun(centralMutex({ n: p['n']!, mutation, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(2 * p['n']!, budget.inFlight) }) as unknown as ActorSystem<Roles>, budget),
    timeouts: () => ({}),
    // The processes are nodes 1..n (the coordinator is node 0).
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i + 1), p['entries']!, seed, p['cs']!),
  };
}

/** The central-coordinator mutex and its mutant, deployed. */
export const centralMutexDeployments: readonly Deployment[] = [
  deployment(undefined, 'Mutual exclusion through a coordinator: processes entering and leaving their critical section'),
  deployment('grant-all', 'central-mutex whose coordinator grants every request at once'),
];
