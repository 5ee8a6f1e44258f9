/**
 * The faithful port of `LamportMutex.tla`, its mutant, and TLC's figures for `MCLamportMutex.cfg`.
 *
 * @module
 */
import { always } from '../model/core/index.js';
import type { ViewOf } from '../model/core/index.js';
import { boundedNetwork, lamportMutexTla, mutex } from '../model/protocols/lamport-mutex-tla/lamportMutexTla.js';
import type { LamportMutexOptions, LamportMutexState } from '../model/protocols/lamport-mutex-tla/lamportMutexTla.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

type View = ViewOf<LamportMutexState>;

const params = [intParam('n', 'number of processes', 3, 2, 4), intParam('maxClock', 'bound of ClockConstraint', 6, 1, 12)];

function build(mutation: LamportMutexOptions['mutation']) {
  return (p: Params) => {
    const n = p['n'] as number;
    return {
      ...lamportMutexTla({ n, maxClock: p['maxClock'] as number, mutation }),
      properties: [always<View>('BoundedNetwork', (st) => boundedNetwork(st, n)), always<View>('Mutex', mutex)],
    };
  };
}

/** The LamportMutex entries of the catalogue. */
export const lamportMutexTlaSpecs: readonly Spec[] = [
  {
    id: 'lamport-mutex-tla',
    description: "Lamport's mutual exclusion, a faithful port of LamportMutex.tla (FIFO channels, logical clocks)",
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'lamport-mutex-tla-no-acks',
    description: 'LamportMutex where a process with a pending request enters without waiting for all acknowledgements',
    params,
    build: build('no-acks'),
    expected: 'violated:Mutex',
    mutantOf: 'lamport-mutex-tla',
  },
];
