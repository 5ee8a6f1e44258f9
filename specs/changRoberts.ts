/**
 * Chang and Roberts' ring election as an actor system (the faithful TLA+ port is `chang-roberts-tla`), and
 * its mutant that forwards smaller identities.
 *
 * @module
 */
import { changRoberts } from '../model/protocols/chang-roberts/changRoberts.js';
import type { ChangRobertsOptions } from '../model/protocols/chang-roberts/changRoberts.js';
import { enumParam, intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [
  intParam('n', 'processes on the ring', 4, 1, 5),
  enumParam('ids', 'identities around the ring: every permutation at once, or 1..n ascending / descending along the ring', 'all', ['all', 'ascending', 'descending']),
];

function ids(n: number, which: string): ChangRobertsOptions['ids'] {
  if (which === 'all') return 'all';
  const up = Array.from({ length: n }, (_, i) => i + 1);
  return which === 'ascending' ? up : up.reverse();
}

const build = (mutation: ChangRobertsOptions['mutation']) => (p: Params) =>
  changRoberts({ n: p['n'] as number, ids: ids(p['n'] as number, p['ids'] as string), mutation });

/** The chang-roberts entries of the catalogue. */
export const changRobertsSpecs: readonly Spec[] = [
  {
    id: 'chang-roberts',
    description: 'Chang-Roberts leader election on a unidirectional ring, every permutation of identities (actor system)',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'chang-roberts-forward-all',
    description: 'chang-roberts where a process forwards smaller identities instead of swallowing them',
    params,
    build: build('forward-all'),
    expected: 'violated:atMostOneLeader',
    mutantOf: 'chang-roberts',
  },
];
