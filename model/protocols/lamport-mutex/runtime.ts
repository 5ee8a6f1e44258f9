/**
 * Lamport's mutex, deployed on FIFO links (a TCP connection per pair): processes repeatedly entering and
 * leaving their critical section, driven by {@link mutexWorkload} (`entries` entries in all, `cs` ms in the critical section each). The instance
 * is the catalogue's ({@link lamportMutex}) with clocks bounded by 2^31 − 2 instead of a handful; its state
 * constraint then excludes nothing a run reaches. The run's crash and loss budgets and messages in
 * flight size the rest.
 *
 * @example
 * ```ts
 * const d = lamportMutexDeployments[0]!;   // 'lamport-mutex'
 * d.system({ n: 3, entries: 100 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { lamportMutex } from './lamportMutex.js';
import type { LamportMutexOptions } from './lamportMutex.js';

/** The clock bound of a deployed instance. */
export const RUNTIME_MAX_CLOCK = 2 ** 31 - 2;

function deployment(mutation: LamportMutexOptions['mutation'], description: string): Deployment {
  return {
    id: mutation ? `lamport-mutex-${mutation}` : 'lamport-mutex',
    description,
    params: [
      { name: 'n', description: 'processes', default: 3, min: 1, max: 4 },
      { name: 'entries', description: 'critical-section entries in the run', default: 200, min: 1, max: 1_000_000 },
      CS_PARAM,
    ],
    system: (p, budget) => systemForRun(lamportMutex({ n: p['n']!, maxClock: RUNTIME_MAX_CLOCK, mutation, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(5, budget.inFlight) }) as unknown as ActorSystem<Roles>, budget),
    timeouts: () => ({}),
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i), p['entries']!, seed, p['cs']!),
  };
}

/** Lamport's mutex and its mutant, deployed. */
export const lamportMutexDeployments: readonly Deployment[] = [
  deployment(undefined, "Lamport's mutual exclusion on FIFO links: processes entering and leaving their critical section"),
  deployment('no-acks', 'lamport-mutex where a process enters without waiting for every acknowledgement'),
];
