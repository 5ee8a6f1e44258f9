/**
 * Chang-Roberts leader election, deployed: identities 1..n in ring order (`descending`: n..1), every
 * process told to start an election at once; an operation, an election, completes when a process is seen
 * to be elected. With kills (`--faults kill=P4@1s,restart@500ms`) the client waits for `elections`
 * elections in all: a restarted process has forgotten the leader, and the client calls an election at it
 * (a ring missing a process cannot elect anyone, so nobody calls one while it is down). The instance is
 * the catalogue's ({@link changRoberts}) for that one permutation, with the run's crash budget and room
 * for its messages in flight.
 *
 * @example
 * ```ts
 * changRobertsDeployments[0]!.system({ n: 4, descending: 0, elections: 1 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, DeploymentParams, Roles, RunBudget } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { ELECTIONS_PARAM, TOPOLOGY_ONLY, electionWorkloadFor } from '../coordination/electionWorkload.js';
import { ELECTED, changRoberts } from './changRoberts.js';

const params = [
  { type: 'int' as const, name: 'n', description: 'processes on the ring', default: 4, min: 1, max: 5 },
  { type: 'int' as const, name: 'descending', description: '1: identities n..1 along the ring; 0: 1..n', default: 0, min: 0, max: 1 },
  ELECTIONS_PARAM,
];

function deployment(m: 'forward-all' | undefined, description: string): Deployment {
  const build = (p: DeploymentParams, budget: RunBudget) => {
    const n = p['n']!;
    const ids = Array.from({ length: n }, (_, i) => (p['descending'] === 1 ? n - i : i + 1));
    return changRoberts({ n, ids, crashes: budget.crashes, capacity: Math.max(2 * n * n, budget.inFlight), ...(m ? { mutation: m } : {}) }) as unknown as ActorSystem<Roles>;
  };
  return {
    id: m ? `chang-roberts-${m}` : 'chang-roberts',
    description,
    params,
    system: (p, budget) => systemForRun(build(p, budget), budget),
    timeouts: () => ({}),
    workload: (p) => electionWorkloadFor(build(p, TOPOLOGY_ONLY), p['elections']!, ELECTED, { first: 'all', onLeaderKilled: 'wait', onRestart: 'elect' }),
  };
}

/** Chang-Roberts and its mutant, deployed. */
export const changRobertsDeployments: readonly Deployment[] = [
  deployment(undefined, 'Chang-Roberts leader election on a unidirectional ring'),
  deployment('forward-all', 'chang-roberts where a process forwards smaller identities instead of swallowing them'),
];
