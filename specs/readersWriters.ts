/**
 * Concurrent readers and exclusive writers with semaphores (readers' preference), and its mutant.
 *
 * @module
 */
import { readersWriters } from '../model/protocols/readers-writers/readersWriters.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const readers = intParam('readers', 'number of readers', 2, 1, 6);
const writers = intParam('writers', 'number of writers', 2, 1, 6);

const build = (mutation?: 'first-reader-skips-wrt') => (p: Params) =>
  readersWriters({ readers: p['readers'] as number, writers: p['writers'] as number, ...(mutation ? { mutation } : {}) });

/** The readers-writers entries of the catalogue. */
export const readersWritersSpecs: readonly Spec[] = [
  {
    id: 'readers-writers',
    description: 'Courtois, Heymans and Parnas (1971): concurrent readers, exclusive writer, readers first',
    params: [readers, writers],
    build: build(),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'readers-writers-first-reader-skips-wrt',
    description: 'readers-writers whose first reader in does not wait on the wrt semaphore',
    params: [readers, writers],
    build: build('first-reader-skips-wrt'),
    expected: 'violated:exclusiveWriter',
    mutantOf: 'readers-writers',
  },
];
