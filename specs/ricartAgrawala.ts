/**
 * Ricart and Agrawala's mutual exclusion, and its mutant that replies while in its critical section.
 *
 * @module
 */
import { ricartAgrawala } from '../model/protocols/ricart-agrawala/ricartAgrawala.js';
import type { RicartAgrawalaOptions } from '../model/protocols/ricart-agrawala/ricartAgrawala.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [intParam('n', 'processes', 3, 1, 4), intParam('maxSeq', 'largest sequence number; a process refuses to request beyond it', 3, 1, 8)];

const build = (mutation: RicartAgrawalaOptions['mutation']) => (p: Params) => ricartAgrawala({ n: p['n'] as number, maxSeq: p['maxSeq'] as number, mutation });

/** The Ricart–Agrawala entries of the catalogue. */
export const ricartAgrawalaSpecs: readonly Spec[] = [
  {
    id: 'ricart-agrawala',
    description: 'Ricart-Agrawala: timestamped requests to all, replies deferred by the prior requester (actor system)',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'ricart-agrawala-reply-in-cs',
    description: 'ricart-agrawala where a process in its critical section replies at once',
    params,
    build: build('reply-in-cs'),
    expected: 'violated:mutualExclusion',
    mutantOf: 'ricart-agrawala',
  },
];
