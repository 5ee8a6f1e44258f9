/**
 * The registry: every protocol of the library, by its front door (`<name>/index.ts`), in the order the
 * catalogue lists them; and, derived from it, every variant and every deployment by id.
 *
 * It lives beside the protocols rather than in `specs/` because the runtime's child processes must find
 * a protocol's actors by id, and `impl/` may import `model/` but never `specs/`.
 *
 * @example
 * ```ts
 * const d = findDeployment('twophase-log');
 * const system = d.system(resolveDeploymentParams(d, {}), NO_FAULTS);
 * findEntry('lamport-mutex-no-acks').variant?.name;   // 'no-acks'
 * ```
 *
 * @module
 */
import { ProtocolError, clip } from '../core/index.js';
import type { Deployment } from '../actors/index.js';
import { protocolEntries } from './protocol.js';
import type { Protocol, ProtocolEntry } from './protocol.js';
import { bullyDeployments } from './bully/runtime.js';
import { causalBssDeployments } from './causal-bss/runtime.js';
import { centralMutexDeployments } from './central-mutex/runtime.js';
import { changRobertsDeployments } from './chang-roberts/runtime.js';
import { changRobertsTlaProtocol } from './chang-roberts-tla/index.js';
import { fifoLinkDeployments } from './fifo-link/runtime.js';
import { lamportMutexProtocol } from './lamport-mutex/index.js';
import { lamportMutexTlaProtocol } from './lamport-mutex-tla/index.js';
import { pipeProtocol } from './pipe/index.js';
import { rendezvousMutexProtocol } from './rendezvous-mutex/index.js';
import { ricartAgrawalaDeployments } from './ricart-agrawala/runtime.js';
import { tokenChannelMutexProtocol } from './token-channel-mutex/index.js';
import { tokenRingDeployments } from './token-ring/runtime.js';
import { twoPhaseLogDeployments } from './twophase-log/runtime.js';

/** Every protocol of the library, in catalogue order. */
export const protocols: readonly Protocol[] = [tokenChannelMutexProtocol, rendezvousMutexProtocol, pipeProtocol, lamportMutexTlaProtocol, changRobertsTlaProtocol, lamportMutexProtocol];

/** Every variant of every protocol, each protocol's correct variant first. */
export const entries: readonly ProtocolEntry[] = protocols.flatMap(protocolEntries);

/** The protocol `id`, or undefined. */
export function findProtocol(id: string): Protocol | undefined {
  return protocols.find((p) => p.id === id);
}

/** The variant `id`; throws {@link ProtocolError} listing the known ids if there is none. */
export function findEntry(id: string): ProtocolEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new ProtocolError(`unknown spec '${clip(id)}' (known: ${entries.map((x) => x.id).join(', ')})`);
  return e;
}

/** Every variant that runs for real, each protocol followed by its mutants. */
export const deployments: readonly Deployment[] = [
  ...twoPhaseLogDeployments,
  ...fifoLinkDeployments,
  ...causalBssDeployments,
  ...centralMutexDeployments,
  ...ricartAgrawalaDeployments,
  ...entries.flatMap((e) => (e.deployment ? [e.deployment] : [])),
  ...tokenRingDeployments,
  ...changRobertsDeployments,
  ...bullyDeployments,
];

/** The deployment `id`; throws {@link ProtocolError} listing the runnable ids if there is none. */
export function findDeployment(id: string): Deployment {
  const d = deployments.find((x) => x.id === id);
  if (!d) throw new ProtocolError(`no runnable actor protocol '${clip(id)}' (runnable: ${deployments.map((x) => x.id).join(', ')})`);
  return d;
}
