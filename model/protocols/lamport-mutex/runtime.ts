/**
 * Lamport's mutual exclusion, deployed over FIFO links (TCP): every process runs `rounds` entries (see
 * `coordination/mutexWorkload.ts`). Logical clocks are bounded by `maxClock` in its state, so a run is
 * short: a few rounds. The instance is the catalogue's ({@link lamportMutex}).
 *
 * @example
 * ```ts
 * lamportMutexDeployments[0]!.system({ n: 3, maxClock: 12, rounds: 1 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, Roles } from '../../actors/index.js';
import { mutexDeployment } from '../coordination/mutexWorkload.js';
import { lamportMutex } from './lamportMutex.js';

const params = [
  { name: 'n', description: 'processes', default: 3, min: 1, max: 4 },
  { name: 'maxClock', description: 'the largest logical clock value a state can hold', default: 12, min: 1, max: 12 },
];
const build = (m?: 'no-acks') => (p: Readonly<Record<string, number>>) =>
  lamportMutex({ n: p['n']!, maxClock: p['maxClock']!, ...(m ? { mutation: m } : {}) }) as unknown as ActorSystem<Roles>;

/** Lamport's mutual exclusion and its mutant, deployed. */
export const lamportMutexDeployments: readonly Deployment[] = [
  mutexDeployment('lamport-mutex', "Lamport's mutual exclusion: logical clocks, request queues and acknowledgements over FIFO links", params, build()),
  mutexDeployment('lamport-mutex-no-acks', 'lamport-mutex where a process enters without waiting for every acknowledgement', params, build('no-acks')),
];
