/**
 * The faithful port of `ChangRoberts.tla` — the front door: its parameter, its mutant and the checking
 * instance. (The actor system is `chang-roberts`.)
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { changRobertsTla } from './changRobertsTla.js';

/** The ChangRoberts port and its mutant whose candidate forgets that it lost. */
export const changRobertsTlaProtocol = defineProtocol({
  id: 'chang-roberts-tla',
  description: 'Chang-Roberts leader election on a unidirectional ring, a faithful port of ChangRoberts.tla',
  params: [intParam('n', 'number of nodes on the ring', 3, 1, 6)],
  variants: [
    { name: 'no-lose', description: 'ChangRoberts where a candidate forwards a smaller identity without recording that it lost' },
    { name: 'no-win', description: 'ChangRoberts whose candidate swallows its own identity instead of winning: nobody ever wins' },
  ],
  build: (p, variant) => changRobertsTla({ ...ints(p, 'n'), variant }),
});
