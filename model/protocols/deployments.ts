/**
 * The registry of deployed protocols: every actor protocol of the library that `interleave run` can start,
 * by id (the same ids as the catalogue's entries, mutants included).
 *
 * It lives beside the protocols rather than in `specs/` because the runtime's child processes must find
 * a protocol's actors by id, and `impl/` may import `model/` but never `specs/`. Each protocol folder
 * contributes a `runtime.ts` with its {@link Deployment}s (its client workload, timer durations, and the
 * system to validate a run against); nothing else is needed per protocol.
 *
 * @example
 * ```ts
 * const d = findDeployment('twophase-log');
 * const system = d.system(resolveDeploymentParams(d, {}), NO_FAULTS);
 * ```
 *
 * @module
 */
import { DeploymentError } from '../actors/index.js';
import type { Deployment } from '../actors/index.js';
import { clip } from '../core/index.js';
import { bullyDeployments } from './bully/runtime.js';
import { causalBssDeployments } from './causal-bss/runtime.js';
import { centralMutexDeployments } from './central-mutex/runtime.js';
import { changRobertsDeployments } from './chang-roberts/runtime.js';
import { fifoLinkDeployments } from './fifo-link/runtime.js';
import { lamportMutexDeployments } from './lamport-mutex/runtime.js';
import { ricartAgrawalaDeployments } from './ricart-agrawala/runtime.js';
import { tokenRingDeployments } from './token-ring/runtime.js';
import { twoPhaseLogDeployments } from './twophase-log/runtime.js';

/** Every deployed protocol, each followed by its mutants. */
export const deployments: readonly Deployment[] = [
  ...twoPhaseLogDeployments,
  ...fifoLinkDeployments,
  ...causalBssDeployments,
  ...centralMutexDeployments,
  ...ricartAgrawalaDeployments,
  ...lamportMutexDeployments,
  ...tokenRingDeployments,
  ...changRobertsDeployments,
  ...bullyDeployments,
];

/** The deployment `id`; throws {@link DeploymentError} listing the known ids if there is none. */
export function findDeployment(id: string): Deployment {
  const d = deployments.find((x) => x.id === id);
  if (!d) throw new DeploymentError(`no runnable actor protocol '${clip(id)}' (runnable: ${deployments.map((x) => x.id).join(', ')})`);
  return d;
}
