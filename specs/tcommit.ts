/**
 * The abstract TCommit specification, its mutant, and TLC's figures.
 *
 * @module
 */
import { always, sometimes } from '../model/core/index.js';
import type { ViewOf } from '../model/core/index.js';
import { RMState, tcConsistent, tcommit } from '../model/protocols/tcommit/tcommit.js';
import type { TCommitOptions, TCommitState } from '../model/protocols/tcommit/tcommit.js';
import { intParam } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

type View = ViewOf<TCommitState>;

/**
 * The properties of TCommit. `TCTypeOK` is TLA+'s type invariant; a packed state cannot hold a value outside
 * its schema, so it is checked on the decoded values, which is where a codec bug would show.
 */
export const tcommitProperties = [
  always<View>('TCTypeOK', (st) => st.rmState.toArray().every((x) => RMState.values.includes(x))),
  always<View>('TCConsistent', tcConsistent),
  sometimes<View>('AllCommitted', (st) => st.rmState.toArray().every((x) => x === 'committed')),
];

const rms = intParam('rms', 'number of resource managers', 3, 1, 16);

function build(mutation: TCommitOptions['mutation']) {
  return (p: Record<string, unknown>) => ({ ...tcommit({ rms: p['rms'] as number, mutation }), properties: tcommitProperties });
}

/** The TCommit entries of the catalogue. */
export const tcommitSpecs: readonly Spec[] = [
  {
    id: 'tcommit',
    description: 'The abstract transaction-commit spec (TCommit.tla): N RMs prepare, then all commit or all abort',
    params: [rms],
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'tcommit-hasty-commit',
    description: 'TCommit where an RM commits as soon as it is prepared, whatever the others',
    params: [rms],
    build: build('hasty-commit'),
    expected: 'violated:TCConsistent',
    mutantOf: 'tcommit',
  },
];
