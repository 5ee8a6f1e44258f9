/**
 * Lamport's bakery algorithm and its mutant without the `choosing` flag.
 *
 * @module
 */
import { bakery } from '../model/protocols/bakery/bakery.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const n = intParam('n', 'number of processes', 3, 1, 6);
const bound = intParam('bound', 'largest ticket explored (state constraint)', 3, 1, 12);

const build = (mutation?: 'no-choosing') => (p: Params) => bakery({ n: p['n'] as number, bound: p['bound'] as number, ...(mutation ? { mutation } : {}) });

/** The bakery entries of the catalogue. */
export const bakerySpecs: readonly Spec[] = [
  {
    id: 'bakery',
    description: "Lamport's bakery: tickets and a choosing flag, one shared access per step; tickets bounded by a constraint",
    params: [n, bound],
    build: build(),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'bakery-no-choosing',
    description: 'The bakery without the choosing flag: a ticket still being chosen is read as 0',
    params: [n, bound],
    build: build('no-choosing'),
    expected: 'violated:mutualExclusion(cs)',
    mutantOf: 'bakery',
  },
];
