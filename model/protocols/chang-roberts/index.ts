/**
 * Chang and Roberts' ring election as an actor system — the front door: its parameters, its mutant that
 * forwards smaller identities, the checking instance and the deployment. (The faithful TLA+ port is
 * `chang-roberts-tla`.)
 *
 * @module
 */
import { enumParam, intParam } from '../../core/index.js';
import type { ActorSystem, DeploymentParams, Roles, RunBudget } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { ELECTIONS_PARAM, TOPOLOGY_ONLY, electionWorkloadFor } from '../coordination/electionWorkload.js';
import { defineProtocol } from '../protocol.js';
import { ELECTED, changRoberts } from './changRoberts.js';
import type { ChangRobertsOptions } from './changRoberts.js';
import type { ChangRobertsVariant } from './mutants.js';

const n = intParam('n', 'processes on the ring', 4, 1, 5);

function ids(n: number, which: string): ChangRobertsOptions['ids'] {
  if (which === 'all') return 'all';
  const up = Array.from({ length: n }, (_, i) => i + 1);
  return which === 'ascending' ? up : up.reverse();
}

// The deployed instance: identities 1..n in ring order (`descending`: n..1), with the run's crash budget
// and room for its messages in flight.
function deployed(p: DeploymentParams, budget: RunBudget, variant: ChangRobertsVariant | null): ActorSystem<Roles> {
  const n = p['n']!;
  const ids = Array.from({ length: n }, (_, i) => (p['descending'] === 1 ? n - i : i + 1));
  return changRoberts({ n, ids, variant, crashes: budget.crashes, capacity: Math.max(2 * n * n, budget.inFlight) }) as unknown as ActorSystem<Roles>;
}

/** Chang-Roberts, its mutant that forwards smaller identities, and its deployment. */
export const changRobertsProtocol = defineProtocol({
  id: 'chang-roberts',
  description: 'Chang-Roberts leader election on a unidirectional ring, every permutation of identities (actor system)',
  params: [n, enumParam('ids', 'identities around the ring: every permutation at once, or 1..n ascending / descending along the ring', 'all', ['all', 'ascending', 'descending'])],
  variants: [
    { name: 'forward-all', description: 'chang-roberts where a process forwards smaller identities instead of swallowing them' },
    { name: 'announce-forever', description: 'chang-roberts whose leader passes its own announcement on: Elected circulates forever' },
  ],
  build: (p, variant) => changRoberts({ n: p['n'] as number, ids: ids(p['n'] as number, p['ids'] as string), variant }),
  // Every process told to start an election at once; an operation, an election, completes when a process
  // is seen to be elected. With kills (`--faults kill=P4@1s,restart@500ms`) the client waits for
  // `elections` elections in all: a restarted process has forgotten the leader, and the client calls an
  // election at it (a ring missing a process cannot elect anyone, so nobody calls one while it is down).
  deployment: {
    params: [n, intParam('descending', '1: identities n..1 along the ring; 0: 1..n', 0, 0, 1), ELECTIONS_PARAM],
    system: (p, budget, variant) => systemForRun(deployed(p, budget, variant), budget),
    timeouts: () => ({}),
    workload: (p) => electionWorkloadFor(deployed(p, TOPOLOGY_ONLY, null), p['elections']!, ELECTED, { first: 'all', onLeaderKilled: 'wait', onRestart: 'elect' }),
  },
});
