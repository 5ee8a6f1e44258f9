/**
 * The critical section guarded by a semaphore, and its two mutants.
 *
 * @module
 */
import { semaphoreCs } from '../model/protocols/semaphore-cs/semaphoreCs.js';
import { intParam } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const n = intParam('n', 'number of processes', 3, 1, 12);

/** The semaphore-cs entries of the catalogue. */
export const semaphoreCsSpecs: readonly Spec[] = [
  {
    id: 'semaphore-cs',
    description: 'N processes entering a critical section through wait(mutex) / signal(mutex)',
    params: [n],
    build: (p) => semaphoreCs({ n: p['n'] as number }),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'semaphore-cs-init-2',
    description: 'semaphore-cs with the semaphore initialised to 2',
    params: [n],
    build: (p) => semaphoreCs({ n: p['n'] as number, mutation: 'init-2' }),
    expected: 'violated:mutualExclusion(cs)',
    mutantOf: 'semaphore-cs',
  },
  {
    id: 'semaphore-cs-no-signal',
    description: 'semaphore-cs with processes that leave without signalling',
    params: [n],
    build: (p) => semaphoreCs({ n: p['n'] as number, mutation: 'no-signal' }),
    expected: 'deadlock',
    mutantOf: 'semaphore-cs',
  },
];
