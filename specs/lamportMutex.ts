/**
 * Lamport's mutual exclusion as an actor system on FIFO links (the faithful TLA+ port is
 * `lamport-mutex-tla`), and its mutant that enters without waiting for acknowledgements.
 *
 * @module
 */
import { lamportMutex } from '../model/protocols/lamport-mutex/lamportMutex.js';
import type { LamportMutexOptions } from '../model/protocols/lamport-mutex/lamportMutex.js';
import { intParam } from './catalogue.js';
import type { Params, Spec } from './catalogue.js';

const params = [intParam('n', 'processes', 3, 1, 4), intParam('maxClock', 'state constraint: clocks at most this', 7, 1, 12)];

const build = (mutation: LamportMutexOptions['mutation']) => (p: Params) => lamportMutex({ n: p['n'] as number, maxClock: p['maxClock'] as number, mutation });

/** The lamport-mutex entries of the catalogue. */
export const lamportMutexSpecs: readonly Spec[] = [
  {
    id: 'lamport-mutex',
    description: "Lamport's mutual exclusion: logical clocks, request queues and acknowledgements over FIFO links (actor system)",
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'lamport-mutex-no-acks',
    description: 'lamport-mutex where a process enters without waiting for every acknowledgement',
    params,
    build: build('no-acks'),
    expected: 'violated:mutualExclusion',
    mutantOf: 'lamport-mutex',
  },
];
