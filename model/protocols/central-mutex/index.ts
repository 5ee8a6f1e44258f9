/**
 * Mutual exclusion through a central coordinator, as an actor system — the front door: its parameters,
 * its mutant, the checking instance and the deployment.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import type { ActorSystem, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { defineProtocol } from '../protocol.js';
import { centralMutex } from './centralMutex.js';

/** The central-coordinator mutex, its mutant whose coordinator grants every request, and its deployment. */
export const centralMutexProtocol = defineProtocol({
  id: 'central-mutex',
  description: 'Mutual exclusion by request / grant / release through a coordinator (actor system, unordered network)',
  params: [intParam('n', 'processes competing for the critical section', 4, 1, 6)],
  variants: [
    { name: 'grant-all', description: 'central-mutex whose coordinator grants every request at once' },
    { name: 'lifo-queue', description: 'central-mutex whose coordinator grants the latest request first: a process can wait forever' },
  ],
  build: (p, variant) => centralMutex({ ...ints(p, 'n'), variant }),
  // Processes `P1..Pn` repeatedly entering and leaving their critical section through the coordinator `C`
  // (`entries` in all, `cs` ms inside each time). The instance is the catalogue's with the run's crash and
  // loss budgets and room for its messages in flight; it has no timers. The protocol tolerates neither
  // crashes nor losses (a killed holder or a lost grant stalls the run), but a run with them still
  // validates against the model.
  deployment: {
    params: [intParam('n', 'processes competing for the critical section', 3, 1, 6), intParam('entries', 'critical-section entries in the run', 200, 1, 1_000_000), CS_PARAM],
    system: (p, budget, variant) =>
      systemForRun(centralMutex({ n: p['n']!, variant, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(2 * p['n']!, budget.inFlight) }) as unknown as ActorSystem<Roles>, budget),
    timeouts: () => ({}),
    // The processes are nodes 1..n (the coordinator is node 0).
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i + 1), p['entries']!, seed, p['cs']!),
  },
});
