/**
 * The critical section guarded by a semaphore — the front door: its parameter, its two mutants and the
 * checking instance (which `interleave run` also runs on real threads).
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { semaphoreCs } from './semaphoreCs.js';

/** The semaphore-protected critical section and its two mutants. */
export const semaphoreCsProtocol = defineProtocol({
  id: 'semaphore-cs',
  description: 'N processes entering a critical section through wait(mutex) / signal(mutex); starvation-free under strong fairness',
  params: [intParam('n', 'number of processes', 3, 1, 12)],
  variants: [
    { name: 'init-2', description: 'semaphore-cs with the semaphore initialised to 2' },
    { name: 'no-signal', description: 'semaphore-cs with processes that leave without signalling' },
    { name: 'busy-wait', description: 'semaphore-cs whose wait busy-waits (weak fairness only): a process can starve' },
  ],
  build: (p, variant) => semaphoreCs({ ...ints(p, 'n'), variant }),
});
