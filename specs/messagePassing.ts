/**
 * The catalogue entries of the message-passing protocols built on the actor layer (`model/actors`), each
 * followed by its mutants.
 *
 * @module
 */
import type { Spec } from './catalogue.js';
import { causalBssSpecs } from './causalBss.js';
import { fifoLinkSpecs } from './fifoLink.js';

/** The FIFO link and causal multicast, with their mutants. */
export const messagePassingSpecs: readonly Spec[] = [...fifoLinkSpecs, ...causalBssSpecs];
