/**
 * TwoPhase commit in the object tier — the front door: its parameter, its mutant and the checking
 * instance. It must give exactly the counts of the packed `twophase`.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { twoPhaseObjectProperties } from './properties.js';
import { twoPhaseObjects } from './twophaseObjects.js';

/** The object-tier TwoPhase and its mutant that commits eagerly. */
export const twoPhaseObjectsProtocol = defineProtocol({
  id: 'twophase-objects',
  description: 'TwoPhase in the object tier (immer, Sets, canonical hashing); same counts as twophase',
  params: [intParam('rms', 'number of resource managers', 3, 1, 16)],
  variants: [{ name: 'eager-commit', description: 'twophase-objects whose TM commits as soon as any RM is prepared' }],
  build: (p, variant) => ({ ...twoPhaseObjects({ ...ints(p, 'rms'), variant }), properties: twoPhaseObjectProperties }),
});
