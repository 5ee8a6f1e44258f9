/**
 * Two-phase commit with stable-storage logs and recovery, over an unordered lossy network with crashes —
 * the front door: its parameters, its four mutants (a participant that votes before logging, a
 * coordinator that sends its decision before logging it, a coordinator that commits on timeout, one that
 * waits for votes without a timeout), the
 * checking instance and the deployment.
 *
 * Deployed: a coordinator and `participants` participants running a stream of `txs` transactions, some of
 * which a participant's client refuses (`workload.ts`), validated against {@link twoPhaseLogRuntime}.
 *
 * @example
 * ```ts
 * const d = findDeployment('twophase-log');
 * const sys = d.system({ ...defaults, txs: 200 }, { crashes: 2, drops: 5, duplicates: 0, inFlight: 64 });
 * ```
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { systemForRun } from '../../actors/index.js';
import { crashesParam, dropsParam, duplicatesParam } from '../coordination/faultParams.js';
import { defineProtocol } from '../protocol.js';
import { twoPhaseLog, twoPhaseLogRuntime } from './twophaseLog.js';
import { twoPhaseLogWorkload } from './workload.js';

const participants = intParam('participants', 'number of participants', 3, 1, 5);

/** The handlers' variant of a protocol variant: `blocking` and `retry` are the correct protocol under other defaults. */
const mutant = <V extends string | null>(variant: V | 'blocking' | 'retry'): V | null => (variant === 'blocking' || variant === 'retry' ? null : (variant as V));

/** 2PC with logs, its three mutants, and its deployment. */
export const twoPhaseLogProtocol = defineProtocol({
  id: 'twophase-log',
  description: '2PC with stable-storage logs and recovery (coordinator and participants as actors), agreement/validity/stability, and the coordinator decides what it begins (liveness)',
  params: [
    participants,
    intParam('txs', 'number of transactions', 1, 1, 2),
    crashesParam(1, 3, ' of any node, each followed (or not) by recovery from the log'),
    dropsParam(1, 3),
    duplicatesParam(0, 2),
    intParam('decisionTimer', '1: an uncertain participant queries again on each decision timeout (as deployed); 0: only after its recovery', 0, 0, 1),
    intParam('maxInFlight', 'with decisionTimer: state constraint, at most this many messages in flight', 5, 1, 12),
  ],
  variants: [
    { name: 'vote-before-log', description: 'twophase-log whose participant votes yes before writing precommit to its log' },
    { name: 'decide-before-log', description: 'twophase-log whose coordinator sends its decision before logging it' },
    { name: 'commit-on-timeout', description: 'twophase-log whose coordinator commits when the vote timer fires' },
    { name: 'no-vote-timeout', description: 'twophase-log whose coordinator waits for the votes without a timeout (a lost vote blocks it)' },
    {
      name: 'blocking',
      description: 'twophase-log with crash-stop nodes and no message loss: the coordinator crashes for good after the votes, and the prepared participants block',
      mutant: false,
      defaults: { drops: 0 },
    },
    {
      name: 'retry',
      description: 'twophase-log whose uncertain participants query again on a timeout: every participant decides, even after a lost message',
      mutant: false,
      defaults: { participants: 2, decisionTimer: 1 },
    },
  ],
  build: (p, variant) =>
    twoPhaseLog({
      ...ints(p, 'participants', 'txs', 'crashes', 'drops', 'duplicates', 'maxInFlight'),
      decisionTimer: p['decisionTimer'] === 1,
      variant: mutant(variant),
      ...(variant === 'blocking' ? { recovery: false } : {}),
    }),
  deployment: {
    params: [
      participants,
      intParam('txs', 'transactions in the run (each node keeps state per transaction)', 1000, 2, 1024),
      intParam('refuse', 'per mille of transactions a participant refuses', 100, 0, 1000),
      intParam('concurrency', 'transactions open at once', 8, 1, 64),
      intParam('vote', "the coordinator's vote timeout, ms", 1000, 1, 60_000),
      intParam('decision', "a participant's decision timeout before it queries, ms", 500, 1, 60_000),
    ],
    // The blocking variant is a fault model (crash-stop) and retry the deployed participant, not other code:
    // a run of either is a run of the protocol.
    system: (p, budget, variant) => systemForRun(twoPhaseLogRuntime(p['participants']!, p['txs']!, mutant(variant), budget), budget),
    // `flush` is the mutants' deferred log write: short, so that the window it opens is small but real.
    timeouts: (p) => ({ vote: p['vote']!, decision: p['decision']!, flush: 20 }),
    workload: twoPhaseLogWorkload,
  },
});
