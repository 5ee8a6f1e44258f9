/**
 * Chang-Roberts leader election, deployed: identities 1..n in ring order (`descending`: n..1), every
 * process told to start an election at once; the one operation, the election, completes when a process is
 * seen to be elected. The instance is the catalogue's ({@link changRoberts}) for that one permutation.
 *
 * @example
 * ```ts
 * changRobertsDeployments[0]!.system({ n: 4, descending: 0 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, DeploymentParams, Roles, Workload } from '../../actors/index.js';
import { ELECTED, changRoberts } from './changRoberts.js';

const params = [
  { name: 'n', description: 'processes on the ring', default: 4, min: 1, max: 5 },
  { name: 'descending', description: '1: identities n..1 along the ring; 0: 1..n', default: 0, min: 0, max: 1 },
];

/** Everyone starts an election; done when someone is elected. */
export function electionWorkload(nodes: readonly number[], observation: string): Workload {
  let started = false;
  return {
    operations: 1,
    concurrency: 1,
    start: (max) => (started || max < 1 ? [] : ((started = true), nodes.map((node, i) => ({ node, input: 'elect', ...(i === 0 ? { op: 0 } : {}) })))),
    react: (_node, e) => (e.kind === 'observe' && e.observation === observation ? { completes: [{ op: 0, outcome: 'elected' }] } : {}),
    refused: () => ({}),
  };
}

function deployment(m: 'forward-all' | undefined, description: string): Deployment {
  const build = (p: DeploymentParams) => {
    const n = p['n']!;
    const ids = Array.from({ length: n }, (_, i) => (p['descending'] === 1 ? n - i : i + 1));
    return changRoberts({ n, ids, ...(m ? { mutation: m } : {}) }) as unknown as ActorSystem<Roles>;
  };
  return {
    id: m ? `chang-roberts-${m}` : 'chang-roberts',
    description,
    params,
    system: build,
    timeouts: () => ({}),
    workload: (p) => electionWorkload(build(p).topology.group('P'), ELECTED),
  };
}

/** Chang-Roberts and its mutant, deployed. */
export const changRobertsDeployments: readonly Deployment[] = [
  deployment(undefined, 'Chang-Roberts leader election on a unidirectional ring'),
  deployment('forward-all', 'chang-roberts where a process forwards smaller identities instead of swallowing them'),
];
