/**
 * Peterson's algorithm and the filter lock (its N-process generalisation), their mutants, and TLC's figures
 * for `Peterson.tla` of the TLA+ Examples.
 *
 * @module
 */
import { filterLock } from '../model/protocols/filter-lock/filterLock.js';
import { peterson } from '../model/protocols/peterson/peterson.js';
import { intParam } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const n = intParam('n', 'number of processes', 3, 2, 6);

/** The Peterson and filter-lock entries of the catalogue. */
export const petersonSpecs: readonly Spec[] = [
  {
    id: 'peterson',
    description: "Peterson's two-process mutual exclusion, step for step as Peterson.tla (labels a0..a4, cs)",
    params: [],
    build: () => peterson(),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'peterson-turn-first',
    description: 'Peterson with a process giving the turn away before it raises its flag',
    params: [],
    build: () => peterson({ mutation: 'turn-first' }),
    expected: 'violated:mutualExclusion(cs)',
    mutantOf: 'peterson',
  },
  {
    id: 'filter-lock',
    description: 'The filter lock: Peterson generalised to N processes over N-1 levels, one shared access per step',
    params: [n],
    build: (p) => filterLock({ n: p['n'] as number }),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'filter-lock-victim-first',
    description: 'The filter lock with a process naming itself victim before it raises its level',
    params: [n],
    build: (p) => filterLock({ n: p['n'] as number, mutation: 'victim-first' }),
    expected: 'violated:mutualExclusion(cs)',
    mutantOf: 'filter-lock',
  },
];
