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
import type { ActorSystem, Deployment, DeploymentParams, Reaction, Roles, RunBudget, Workload, WorkloadInput } from '../../actors/index.js';
import { ELECTED, changRoberts } from './changRoberts.js';

/** The parameter `elections` of the election deployments. */
export const ELECTIONS_PARAM = {
  name: 'elections',
  description: 'elections the client waits for: the first, then one per kill of the leader (Bully) and one per restart',
  default: 1,
  min: 1,
  max: 1000,
};

/** How an election client behaves; see {@link electionWorkload}. */
export interface ElectionClient {
  /** The processes' ids, lowest priority first. */
  readonly nodes: readonly number[];
  /** Every node's name, by id, for the outcomes (`P3 elected`). */
  readonly names: readonly string[];
  /** The observation of a process that wins. */
  readonly observation: string;
  /** Elections in all: the run is done when this many have completed. */
  readonly elections: number;
  /** Who starts the first election: every process at once (Chang-Roberts), or the lowest (Bully). */
  readonly first: 'all' | 'lowest';
  /**
   * When the leader is killed: call an election at the lowest live process (Bully: the others take over),
   * or wait for the leader's restart (a ring with a process missing elects nobody).
   */
  readonly onLeaderKilled: 'elect' | 'wait';
  /**
   * When a process restarts: it holds an election by itself in its recovery step (Bully), or the client
   * calls one at it (a restarted Chang-Roberts process has forgotten the leader and stays quiet).
   */
  readonly onRestart: 'recovers' | 'elect';
}

/**
 * A client of an election protocol. Operations are elections, completed in order by the `observation`
 * of a winner, whose name is the outcome; the client plays the failure detector the protocols assume,
 * hearing of kills and restarts from the launcher. An election the protocol holds that the client did
 * not ask for (a contested announcement) completes nothing.
 */
export function electionWorkload(c: ElectionClient): Workload {
  let next = 0;
  /** Elections begun and not yet won, oldest first. */
  const open: number[] = [];
  const down = new Set<number>();
  let leader: number | null = null;
  const begin = (): number | null => {
    if (next >= c.elections) return null;
    open.push(next);
    return next++;
  };
  return {
    operations: c.elections,
    concurrency: c.elections,
    figures: { rate: 'elections/s', latency: 'election' },
    start(max) {
      if (next > 0 || max < 1) return [];
      const op = begin()!;
      const at = c.first === 'all' ? c.nodes : c.nodes.slice(0, 1);
      return at.map((node, i): WorkloadInput => ({ node, input: 'elect', ...(i === 0 ? { op } : {}) }));
    },
    react(node, e): Reaction {
      if (e.kind !== 'observe' || e.observation !== c.observation) return {};
      leader = node;
      const op = open.shift();
      return op === undefined ? {} : { completes: [{ op, outcome: `${c.names[node]} elected` }] };
    },
    // A process refuses `elect` while it already takes part in an election: that election will do.
    refused: () => ({}),
    killed(node) {
      down.add(node);
      if (node !== leader) return {};
      leader = null;
      const live = c.nodes.find((id) => !down.has(id));
      if (c.onLeaderKilled === 'wait' || live === undefined) return {};
      const op = begin();
      return op === null ? {} : { inputs: [{ node: live, input: 'elect', op }] };
    },
    restarted(node) {
      down.delete(node);
      const op = begin();
      if (op === null) return {};
      return c.onRestart === 'recovers' ? { begins: [op] } : { inputs: [{ node, input: 'elect', op }] };
    },
  };
}

const params = [
  { name: 'n', description: 'processes on the ring', default: 4, min: 1, max: 5 },
  { name: 'descending', description: '1: identities n..1 along the ring; 0: 1..n', default: 0, min: 0, max: 1 },
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
    system: build,
    timeouts: () => ({}),
    workload: (p) => {
      const { topology } = build(p, { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 });
      return electionWorkload({
        nodes: topology.group('P'),
        names: topology.nodes.map((x) => x.name),
        observation: ELECTED,
        elections: p['elections']!,
        first: 'all',
        onLeaderKilled: 'wait',
        onRestart: 'elect',
      });
    },
  };
}

/** Chang-Roberts and its mutant, deployed. */
export const changRobertsDeployments: readonly Deployment[] = [
  deployment(undefined, 'Chang-Roberts leader election on a unidirectional ring'),
  deployment('forward-all', 'chang-roberts where a process forwards smaller identities instead of swallowing them'),
];
