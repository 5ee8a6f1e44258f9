/**
 * Concurrent readers and exclusive writers with semaphores — the front door: its parameters, its mutant and
 * the checking instance (which `interleave run` also runs on real threads).
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { readersWriters } from './readersWriters.js';

/** Readers and writers (with a turnstile), its mutant whose first reader skips `wrt`, and its two preferences that starve someone. */
export const readersWritersProtocol = defineProtocol({
  id: 'readers-writers',
  description: 'Courtois, Heymans and Parnas (1971): concurrent readers, exclusive writer, with a turnstile so that no one starves',
  params: [intParam('readers', 'number of readers', 2, 1, 6), intParam('writers', 'number of writers', 2, 1, 6)],
  variants: [
    { name: 'first-reader-skips-wrt', description: 'readers-writers whose first reader in does not wait on the wrt semaphore' },
    { name: 'writer-starvation', description: 'readers-writers with the readers\' preference (no turnstile): readers that keep coming starve a writer' },
    { name: 'writers-preference', description: 'readers-writers with the writers\' preference (writers keep the turnstile shut): writers that keep coming starve a reader' },
  ],
  build: (p, variant) => readersWriters({ ...ints(p, 'readers', 'writers'), variant }),
});
