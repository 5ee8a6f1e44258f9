/**
 * TwoPhase commit in the object tier — the front door: its parameter, its mutants and the checking
 * instance. It must give exactly the counts of the packed `twophase`.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { twoPhaseObjectProperties } from './properties.js';
import { twoPhaseObjects } from './twophaseObjects.js';

/** The object-tier TwoPhase and its mutants that commit eagerly and never abort on their own. */
export const twoPhaseObjectsProtocol = defineProtocol({
  id: 'twophase-objects',
  description: 'TwoPhase in the object tier (immer, Sets, canonical hashing); same counts as twophase',
  params: [intParam('rms', 'number of resource managers', 3, 1, 16)],
  variants: [
    { name: 'eager-commit', description: 'twophase-objects whose TM commits as soon as any RM is prepared' },
    { name: 'no-abort', description: 'twophase-objects whose TM never aborts on its own (no vote timeout): a prepared RM may wait forever' },
  ],
  build: (p, variant) => ({ ...twoPhaseObjects({ ...ints(p, 'rms'), variant }), properties: twoPhaseObjectProperties }),
});
