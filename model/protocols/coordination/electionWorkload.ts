/**
 * The client of the election deployments (Chang-Roberts, Bully): it starts elections, treats an election
 * as complete when some process is seen to be elected, and hears of kills and restarts as a failure
 * detector would, asking the protocol for a new election in the way each algorithm expects.
 *
 * @module
 */
import { intParam } from '../../core/index.js';
import type { IntParam } from '../../core/index.js';
import type { ActorSystem, Reaction, Roles, Workload, WorkloadInput } from '../../actors/index.js';

/** The parameter `elections` of the election deployments. */
export const ELECTIONS_PARAM: IntParam = intParam(
  'elections',
  'elections the client waits for: the first, then one per kill of the leader (Bully) and one per restart',
  1,
  1,
  1000,
);

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


/**
 * The election client of a deployed system whose processes form the role `P`: its topology gives the
 * processes and their names; `behaviour` says how the algorithm starts and restarts elections.
 */
export function electionWorkloadFor(
  system: ActorSystem<Roles>,
  elections: number,
  observation: string,
  behaviour: Pick<ElectionClient, 'first' | 'onLeaderKilled' | 'onRestart'>,
): Workload {
  const { topology } = system;
  return electionWorkload({ nodes: topology.group('P'), names: topology.nodes.map((x) => x.name), observation, elections, ...behaviour });
}

/** The run budget of a system built only to read its topology. */
export const TOPOLOGY_ONLY = { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 } as const;
