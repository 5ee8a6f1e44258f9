/**
 * The Bully election under crashes and premature timeouts — the front door: its parameters, its mutant
 * whose leaders never step down, the checking instance and the deployment.
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
import { intParam, ints } from '../../core/index.js';
import type { ActorSystem, DeploymentParams, Roles, RunBudget } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { ELECTIONS_PARAM, TOPOLOGY_ONLY, electionWorkloadFor } from '../coordination/electionWorkload.js';
import { crashesParam } from '../coordination/faultParams.js';
import { defineProtocol } from '../protocol.js';
import { ELECTED, bully } from './bully.js';
import type { BullyVariant } from './mutants.js';

const n = intParam('n', 'processes (priority = id)', 3, 1, 5);

// The deployed instance, with the run's crash budget and room for the messages in flight.
function deployed(p: DeploymentParams, budget: RunBudget, variant: BullyVariant | null): ActorSystem<Roles> {
  return bully({ n: p['n']!, crashes: budget.crashes, maxInFlight: Math.max(1, budget.inFlight), variant }) as unknown as ActorSystem<Roles>;
}

/** The Bully election, its mutant whose leaders ignore announcements from above, and its deployment. */
export const bullyProtocol = defineProtocol({
  id: 'bully',
  description: 'The Bully election with crashes and timeouts: once quiet, no two live processes both lead, and every election ends (actor system)',
  params: [
    n,
    crashesParam(1, 3, ' (crash-recover; a restart holds an election)'),
    intParam('maxInFlight', 'state constraint: at most this many messages in flight', 4, 1, 8),
    intParam('elections', 'the client asks for at most this many elections (an input budget)', 2, 0, 6),
  ],
  variants: [
    { name: 'stubborn-leader', description: 'bully where a process that believes itself leader ignores announcements from above' },
    { name: 'quiet-leader', description: 'bully whose leader answers an election with Ok but does not announce again: the election never ends' },
  ],
  build: (p, variant) => bully({ ...ints(p, 'n', 'crashes', 'maxInFlight', 'elections'), variant }),
  // Process 1 is told to hold an election; an operation, an election, completes when a process is seen to
  // be elected. Kill the leader (`--faults kill=P3@1s,restart@1s --param elections=3`): the client, which
  // hears of the kill as a failure detector would, tells the lowest live process to hold an election (P2
  // wins), and the restarted P3 holds one in its recovery step (and wins it back). Timers: `answer`
  // (waiting for an `Ok` from above) and `coordinator` (waiting for the announcement), in ms.
  deployment: {
    params: [
      n,
      intParam('answer', 'how long a candidate waits for an Ok from above, ms', 100, 1, 60_000),
      intParam('coordinator', 'how long a process that got an Ok waits for the announcement, ms', 300, 1, 60_000),
      ELECTIONS_PARAM,
    ],
    system: (p, budget, variant) => systemForRun(deployed(p, budget, variant), budget),
    timeouts: (p) => ({ answer: p['answer']!, coordinator: p['coordinator']! }),
    workload: (p) => electionWorkloadFor(deployed(p, TOPOLOGY_ONLY, null), p['elections']!, ELECTED, { first: 'lowest', onLeaderKilled: 'elect', onRestart: 'recovers' }),
  },
});
