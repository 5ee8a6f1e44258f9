/**
 * The Bully election under crashes and premature timeouts, and its mutant whose leaders never step down.
 *
 * The property, precisely (`quiescentSingleLeader`): in every reachable state in which no message is in
 * flight to a live process, no two live processes both have `leader = self`. Messages in flight to a
 * crashed process are not counted (it receives them only if it restarts, and a restart holds an election,
 * so that state is not quiet). Between quiet states two processes may both believe themselves leader —
 * after a premature `answer` timeout, say — and the test suite shows the checker finding exactly that for
 * the unqualified invariant. States are explored up to `maxInFlight` messages in flight (a state
 * constraint), since repeated elections put unboundedly many messages in flight.
 *
 * @module
 */
import { bully } from '../model/protocols/bully/bully.js';
import type { BullyOptions } from '../model/protocols/bully/bully.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [
  intParam('n', 'processes (priority = id)', 3, 1, 5),
  intParam('crashes', 'fault budget: crashes (crash-recover; a restart holds an election)', 1, 0, 3),
  intParam('maxInFlight', 'state constraint: at most this many messages in flight', 4, 1, 8),
];

const build = (mutation: BullyOptions['mutation']) => (p: Params) =>
  bully({ n: p['n'] as number, crashes: p['crashes'] as number, maxInFlight: p['maxInFlight'] as number, mutation });

/** The bully entries of the catalogue. */
export const bullySpecs: readonly Spec[] = [
  {
    id: 'bully',
    description: 'The Bully election with crashes and timeouts: once quiet, no two live processes both lead (actor system)',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'bully-stubborn-leader',
    description: 'bully where a process that believes itself leader ignores announcements from above',
    params,
    build: build('stubborn-leader'),
    expected: 'violated:quiescentSingleLeader',
    mutantOf: 'bully',
  },
];
