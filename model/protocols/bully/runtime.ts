/**
 * The Bully election, deployed: process 1 is told to hold an election; an operation, an election,
 * completes when a process is seen to be elected. Kill the leader (`--faults kill=P3@1s,restart@1s
 * --param elections=3`): the client, which hears of the kill as a failure detector would, tells the lowest
 * live process to hold an election (P2 wins), and the restarted P3 holds one in its recovery step (and
 * wins it back). Timers: `answer` (waiting for an `Ok` from above) and `coordinator` (waiting for the
 * announcement), in ms. The instance is the catalogue's ({@link bully}) with the run's crash budget and
 * room for the messages in flight.
 *
 * @example
 * ```ts
 * bullyDeployments[0]!.system({ n: 3, answer: 100, coordinator: 300, elections: 1 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, DeploymentParams, Roles, RunBudget } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { ELECTIONS_PARAM, TOPOLOGY_ONLY, electionWorkloadFor } from '../coordination/electionWorkload.js';
import { ELECTED, bully } from './bully.js';

const params = [
  { type: 'int' as const, name: 'n', description: 'processes (priority = id)', default: 3, min: 1, max: 5 },
  { type: 'int' as const, name: 'answer', description: 'how long a candidate waits for an Ok from above, ms', default: 100, min: 1, max: 60_000 },
  { type: 'int' as const, name: 'coordinator', description: 'how long a process that got an Ok waits for the announcement, ms', default: 300, min: 1, max: 60_000 },
  ELECTIONS_PARAM,
];

function deployment(m: 'stubborn-leader' | undefined, description: string): Deployment {
  const build = (p: DeploymentParams, budget: RunBudget) =>
    bully({ n: p['n']!, crashes: budget.crashes, maxInFlight: Math.max(1, budget.inFlight), ...(m ? { mutation: m } : {}) }) as unknown as ActorSystem<Roles>;
  return {
    id: m ? `bully-${m}` : 'bully',
    description,
    params,
    system: (p, budget) => systemForRun(build(p, budget), budget),
    timeouts: (p) => ({ answer: p['answer']!, coordinator: p['coordinator']! }),
    workload: (p) => electionWorkloadFor(build(p, TOPOLOGY_ONLY), p['elections']!, ELECTED, { first: 'lowest', onLeaderKilled: 'elect', onRestart: 'recovers' }),
  };
}

/** The Bully election and its mutant, deployed. */
export const bullyDeployments: readonly Deployment[] = [
  deployment(undefined, 'The Bully election with crashes and timeouts'),
  deployment('stubborn-leader', 'bully where a process that believes itself leader ignores announcements from above'),
];
