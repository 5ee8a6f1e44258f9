/**
 * Lamport's bakery — the front door: its parameters, its mutant and the checking instance (which
 * `interleave run` also runs on real threads).
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { bakery } from './bakery.js';

/** Lamport's bakery and its mutant without the `choosing` flag. */
export const bakeryProtocol = defineProtocol({
  id: 'bakery',
  description: "Lamport's bakery: tickets and a choosing flag, one shared access per step; tickets bounded by a constraint",
  params: [intParam('n', 'number of processes', 3, 1, 6), intParam('bound', 'largest ticket explored (state constraint)', 3, 1, 12)],
  variants: [
    { name: 'no-choosing', description: 'The bakery without the choosing flag: a ticket still being chosen is read as 0' },
    { name: 'keeps-ticket', description: 'The bakery whose process keeps its ticket when it leaves: the others wait for it forever' },
  ],
  build: (p, variant) => bakery({ ...ints(p, 'n', 'bound'), variant }),
});
