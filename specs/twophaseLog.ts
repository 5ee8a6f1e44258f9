/**
 * Two-phase commit with stable-storage logs and recovery, over an unordered lossy network with crashes,
 * and its three mutants: a participant that votes before logging, a coordinator that sends its decision
 * before logging it, and a coordinator that commits on timeout.
 *
 * @module
 */
import { twoPhaseLog } from '../model/protocols/twophase-log/twophaseLog.js';
import type { TwoPhaseLogOptions } from '../model/protocols/twophase-log/twophaseLog.js';
import { intParam, ints } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [
  intParam('participants', 'number of participants', 3, 1, 5),
  intParam('txs', 'number of transactions', 1, 1, 2),
  intParam('crashes', 'fault budget: crashes of any node, each followed (or not) by recovery from the log', 1, 0, 3),
  intParam('drops', 'fault budget: messages lost', 1, 0, 3),
  intParam('duplicates', 'fault budget: messages duplicated', 0, 0, 2),
];

function build(mutation: TwoPhaseLogOptions['mutation']) {
  return (p: Params) =>
    twoPhaseLog({ ...ints(p, 'participants', 'txs', 'crashes', 'drops', 'duplicates'), mutation });
}

/** The two-phase-commit-with-logs entries of the catalogue. */
export const twoPhaseLogSpecs: readonly Spec[] = [
  {
    id: 'twophase-log',
    description: '2PC with stable-storage logs and recovery (coordinator and participants as actors), agreement/validity/stability',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'twophase-log-vote-before-log',
    description: 'twophase-log whose participant votes yes before writing precommit to its log',
    params,
    build: build('vote-before-log'),
    expected: 'violated:agreement',
    mutantOf: 'twophase-log',
  },
  {
    id: 'twophase-log-decide-before-log',
    description: 'twophase-log whose coordinator sends its decision before logging it',
    params,
    build: build('decide-before-log'),
    expected: 'violated:stability',
    mutantOf: 'twophase-log',
  },
  {
    id: 'twophase-log-commit-on-timeout',
    description: 'twophase-log whose coordinator commits when the vote timer fires',
    params,
    build: build('commit-on-timeout'),
    expected: 'violated:validity',
    mutantOf: 'twophase-log',
  },
];
