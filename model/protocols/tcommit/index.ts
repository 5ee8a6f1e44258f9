/**
 * The abstract transaction-commit specification (`TCommit.tla`) — the front door: its parameter, its
 * mutants and the checking instance.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { tcommitProperties } from './properties.js';
import { tcommit } from './tcommit.js';

/** TCommit and its mutants whose RMs commit hastily, or withdraw their votes. */
export const tcommitProtocol = defineProtocol({
  id: 'tcommit',
  description: 'The abstract transaction-commit spec (TCommit.tla): N RMs prepare, then all commit or all abort; every RM decides (liveness)',
  params: [intParam('rms', 'number of resource managers', 3, 1, 16)],
  variants: [
    { name: 'hasty-commit', description: 'TCommit where an RM commits as soon as it is prepared, whatever the others' },
    { name: 'withdraw-vote', description: 'TCommit where a prepared RM may withdraw its vote: it may prepare and withdraw forever' },
  ],
  build: (p, variant) => ({ ...tcommit({ ...ints(p, 'rms'), variant }), properties: tcommitProperties }),
});
