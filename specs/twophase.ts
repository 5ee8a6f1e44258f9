/**
 * TwoPhase commit in both tiers, its mutants, and the figures of TLC and SPIN for the same state machine.
 *
 * @module
 */
import { always, sometimes } from '../model/core/index.js';
import type { ViewOf } from '../model/core/index.js';
import { consistent, twoPhase } from '../model/protocols/twophase/twophase.js';
import type { TwoPhaseOptions, TwoPhaseState } from '../model/protocols/twophase/twophase.js';
import { consistentObjects, twoPhaseObjects } from '../model/protocols/twophase-objects/twophaseObjects.js';
import type { TwoPhaseObjectState, TwoPhaseObjectsOptions } from '../model/protocols/twophase-objects/twophaseObjects.js';
import { intParam } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const rms = intParam('rms', 'number of resource managers', 3, 1, 16);

type View = ViewOf<TwoPhaseState>;
const all = (st: View, x: string): boolean => st.rmState.toArray().every((y) => y === x);

/** The properties of the packed TwoPhase. */
export const twoPhaseProperties = [
  always<View>('TCConsistent', consistent),
  sometimes<View>('AllCommitted', (st) => all(st, 'committed')),
  sometimes<View>('AllAborted', (st) => all(st, 'aborted')),
];

/** The properties of the object-tier TwoPhase. */
export const twoPhaseObjectProperties = [
  always<TwoPhaseObjectState>('TCConsistent', consistentObjects),
  sometimes<TwoPhaseObjectState>('AllCommitted', (st) => st.rmState.every((x) => x === 'committed')),
  sometimes<TwoPhaseObjectState>('AllAborted', (st) => st.rmState.every((x) => x === 'aborted')),
];

function packed(mutation: TwoPhaseOptions['mutation']) {
  return (p: Record<string, unknown>) => ({ ...twoPhase({ rms: p['rms'] as number, mutation }), properties: twoPhaseProperties });
}

function objects(mutation: TwoPhaseObjectsOptions['mutation']) {
  return (p: Record<string, unknown>) => ({ ...twoPhaseObjects({ rms: p['rms'] as number, mutation }), properties: twoPhaseObjectProperties });
}

/** The TwoPhase entries of the catalogue. */
export const twoPhaseSpecs: readonly Spec[] = [
  {
    id: 'twophase',
    description: "Gray and Lamport's TwoPhase commit: a TM and N RMs, messages as the set ever sent",
    params: [rms],
    build: packed(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'twophase-eager-commit',
    description: 'TwoPhase whose TM commits as soon as any RM is prepared',
    params: [rms],
    build: packed('eager-commit'),
    expected: 'violated:TCConsistent',
    mutantOf: 'twophase',
  },
  {
    id: 'twophase-lost-commit',
    description: 'TwoPhase whose TM decides commit but never sends the Commit message',
    params: [rms],
    build: packed('lost-commit'),
    expected: 'deadlock',
    mutantOf: 'twophase',
  },
  {
    id: 'twophase-objects',
    description: 'TwoPhase in the object tier (immer, Sets, canonical hashing); same counts as twophase',
    params: [rms],
    build: objects(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'twophase-objects-eager-commit',
    description: 'twophase-objects whose TM commits as soon as any RM is prepared',
    params: [rms],
    build: objects('eager-commit'),
    expected: 'violated:TCConsistent',
    mutantOf: 'twophase-objects',
  },
];
