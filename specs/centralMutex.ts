/**
 * Mutual exclusion through a central coordinator, and its mutant whose coordinator grants every request.
 *
 * @module
 */
import { centralMutex } from '../model/protocols/central-mutex/centralMutex.js';
import type { CentralMutexOptions } from '../model/protocols/central-mutex/centralMutex.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [intParam('n', 'processes competing for the critical section', 4, 1, 6)];

const build = (mutation: CentralMutexOptions['mutation']) => (p: Params) => centralMutex({ n: p['n'] as number, mutation });

/** The central-mutex entries of the catalogue. */
export const centralMutexSpecs: readonly Spec[] = [
  {
    id: 'central-mutex',
    description: 'Mutual exclusion by request / grant / release through a coordinator (actor system, unordered network)',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'central-mutex-grant-all',
    description: 'central-mutex whose coordinator grants every request at once',
    params,
    build: build('grant-all'),
    expected: 'violated:mutualExclusion',
    mutantOf: 'central-mutex',
  },
];
