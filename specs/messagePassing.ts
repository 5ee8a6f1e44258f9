/**
 * The catalogue entries of the message-passing protocols built on the actor layer (`model/actors`), each
 * followed by its mutants.
 *
 * @module
 */
import type { Spec } from './catalogue.js';
import { causalBssSpecs } from './causalBss.js';
import { fifoLinkSpecs } from './fifoLink.js';
import { twoPhaseLogSpecs } from './twophaseLog.js';

/** Two-phase commit with logs, the FIFO link and causal multicast, with their mutants. */
export const messagePassingSpecs: readonly Spec[] = [...twoPhaseLogSpecs, ...fifoLinkSpecs, ...causalBssSpecs];
