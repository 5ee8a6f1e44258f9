/**
 * The faithful port of `ChangRoberts.tla`, its mutant, and TLC's figures for `MCChangRoberts.cfg`.
 *
 * @module
 */
import { always } from '../model/core/index.js';
import type { ViewOf } from '../model/core/index.js';
import { atMostOneLeader, changRobertsTla, correctness } from '../model/protocols/chang-roberts-tla/changRobertsTla.js';
import type { ChangRobertsOptions, ChangRobertsState } from '../model/protocols/chang-roberts-tla/changRobertsTla.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

type View = ViewOf<ChangRobertsState>;

const params = [intParam('n', 'number of nodes on the ring', 3, 1, 6)];

function build(mutation: ChangRobertsOptions['mutation']) {
  return (p: Params) => {
    const n = p['n'] as number;
    return {
      ...changRobertsTla({ n, mutation }),
      properties: [always<View>('Correctness', (st) => correctness(st, n)), always<View>('AtMostOneLeader', (st) => atMostOneLeader(st, n))],
    };
  };
}

/** The ChangRoberts entries of the catalogue. */
export const changRobertsTlaSpecs: readonly Spec[] = [
  {
    id: 'chang-roberts-tla',
    description: 'Chang-Roberts leader election on a unidirectional ring, a faithful port of ChangRoberts.tla',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'chang-roberts-tla-no-lose',
    description: 'ChangRoberts where a candidate forwards a smaller identity without recording that it lost',
    params,
    build: build('no-lose'),
    expected: 'violated:Correctness',
    mutantOf: 'chang-roberts-tla',
  },
];
