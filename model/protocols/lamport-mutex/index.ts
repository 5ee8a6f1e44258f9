/**
 * Lamport's mutual exclusion as an actor system on FIFO links — the front door: its parameters, its
 * mutant, the checking instance and the deployment. (The faithful TLA+ port is `lamport-mutex-tla`.)
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import type { ActorSystem, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { defineProtocol } from '../protocol.js';
import { lamportMutex } from './lamportMutex.js';

/**
 * The clock bound of a deployed instance: 2^31 − 2 instead of a handful, so that the state constraint
 * excludes nothing a run reaches.
 */
export const RUNTIME_MAX_CLOCK = 2 ** 31 - 2;

const n = intParam('n', 'processes', 3, 1, 4);

/** Lamport's mutex, its mutants (enters without acknowledgements; releases only to requesters), and its deployment. */
export const lamportMutexProtocol = defineProtocol({
  id: 'lamport-mutex',
  description: "Lamport's mutual exclusion: logical clocks, request queues and acknowledgements over FIFO links (actor system)",
  params: [n, intParam('maxClock', 'state constraint: clocks at most this', 7, 1, 12)],
  variants: [
    { name: 'no-acks', description: 'lamport-mutex where a process enters without waiting for every acknowledgement' },
    { name: 'release-to-waiting', description: 'lamport-mutex where a process leaving its critical section sends Release only to the processes it knows to be requesting' },
  ],
  build: (p, variant) => lamportMutex({ ...ints(p, 'n', 'maxClock'), variant }),
  // Processes repeatedly entering and leaving their critical section (`entries` in all, `cs` ms inside
  // each time), on a TCP connection per pair. The run's crash and loss budgets and messages in flight
  // size the rest.
  deployment: {
    params: [n, intParam('entries', 'critical-section entries in the run', 200, 1, 1_000_000), CS_PARAM],
    system: (p, budget, variant) =>
      systemForRun(lamportMutex({ n: p['n']!, maxClock: RUNTIME_MAX_CLOCK, variant, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(5, budget.inFlight) }) as unknown as ActorSystem<Roles>, budget),
    timeouts: () => ({}),
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i), p['entries']!, seed, p['cs']!),
  },
});
