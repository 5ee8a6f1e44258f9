/**
 * The catalogue entries of the message-passing protocols built on the actor layer (`model/actors`), each
 * followed by its mutants.
 *
 * @module
 */
import type { Spec } from './catalogue.js';
import { twoPhaseLogSpecs } from './twophaseLog.js';

/** Two-phase commit with logs, with its mutants. */
export const messagePassingSpecs: readonly Spec[] = [...twoPhaseLogSpecs];
