/**
 * The filter lock, Peterson's algorithm generalised to N processes — the front door: its parameter, its
 * mutant and the checking instance (which `interleave run` also runs on real threads).
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { filterLock } from './filterLock.js';

/** The filter lock, its mutant that names itself victim first and its mutant that ignores the victim. */
export const filterLockProtocol = defineProtocol({
  id: 'filter-lock',
  description: 'The filter lock: Peterson generalised to N processes over N-1 levels, one shared access per step',
  params: [intParam('n', 'number of processes', 3, 2, 6)],
  variants: [
    { name: 'victim-first', description: 'The filter lock with a process naming itself victim before it raises its level' },
    { name: 'ignore-victim', description: 'The filter lock whose wait ignores the victim: two processes at one level wait for each other forever' },
  ],
  build: (p, variant) => filterLock({ ...ints(p, 'n'), variant }),
});
