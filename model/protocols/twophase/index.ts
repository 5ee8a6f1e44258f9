/**
 * TwoPhase commit (Gray and Lamport's `TwoPhase.tla`) in the packed tier — the front door: its parameter,
 * its mutants and the checking instance. (The object-tier twin is `twophase-objects`.)
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { twoPhaseProperties } from './properties.js';
import { twoPhase } from './twophase.js';

/** TwoPhase commit and its mutants that commit eagerly, lose the Commit message, and never abort on their own. */
export const twoPhaseProtocol = defineProtocol({
  id: 'twophase',
  description: "Gray and Lamport's TwoPhase commit: a TM and N RMs, messages as the set ever sent; every RM decides (liveness)",
  params: [intParam('rms', 'number of resource managers', 3, 1, 16)],
  variants: [
    { name: 'eager-commit', description: 'TwoPhase whose TM commits as soon as any RM is prepared' },
    { name: 'lost-commit', description: 'TwoPhase whose TM decides commit but never sends the Commit message' },
    { name: 'no-abort', description: 'TwoPhase whose TM never aborts on its own (no vote timeout): a prepared RM may wait forever' },
  ],
  build: (p, variant) => ({ ...twoPhase({ ...ints(p, 'rms'), variant }), properties: twoPhaseProperties }),
});
