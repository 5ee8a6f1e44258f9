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
 * entries.find((e) => e.id === 'lamport-mutex-no-acks')?.variant?.name;   // 'no-acks'
 * ```
 *
 * @module
 */
import { ProtocolError, clip } from '../core/index.js';
import type { Deployment } from '../actors/index.js';
import { protocolEntries } from './protocol.js';
import type { Protocol, ProtocolEntry } from './protocol.js';
import { alternatingBitProtocol } from './alternating-bit/index.js';
import { bakeryProtocol } from './bakery/index.js';
import { bullyProtocol } from './bully/index.js';
import { causalBssProtocol } from './causal-bss/index.js';
import { centralMutexProtocol } from './central-mutex/index.js';
import { changRobertsProtocol } from './chang-roberts/index.js';
import { changRobertsTlaProtocol } from './chang-roberts-tla/index.js';
import { echoProtocol } from './echo/index.js';
import { fifoLinkProtocol } from './fifo-link/index.js';
import { filterLockProtocol } from './filter-lock/index.js';
import { hourClockProtocol } from './hour-clock/index.js';
import { internalMemoryProtocol } from './internal-memory/index.js';
import { lamportMutexProtocol } from './lamport-mutex/index.js';
import { lamportMutexTlaProtocol } from './lamport-mutex-tla/index.js';
import { petersonProtocol } from './peterson/index.js';
import { pipeProtocol } from './pipe/index.js';
import { readersWritersProtocol } from './readers-writers/index.js';
import { replicatedLogProtocol } from './replicated-log/index.js';
import { rendezvousMutexProtocol } from './rendezvous-mutex/index.js';
import { ricartAgrawalaProtocol } from './ricart-agrawala/index.js';
import { semaphoreCsProtocol } from './semaphore-cs/index.js';
import { tcommitProtocol } from './tcommit/index.js';
import { tokenChannelMutexProtocol } from './token-channel-mutex/index.js';
import { tokenRingProtocol } from './token-ring/index.js';
import { twoPhaseProtocol } from './twophase/index.js';
import { twoPhaseLogProtocol } from './twophase-log/index.js';
import { twoPhaseObjectsProtocol } from './twophase-objects/index.js';

/** Every protocol of the library, in catalogue order. */
export const protocols: readonly Protocol[] = [
  twoPhaseProtocol,
  twoPhaseObjectsProtocol,
  tcommitProtocol,
  twoPhaseLogProtocol,
  fifoLinkProtocol,
  causalBssProtocol,
  semaphoreCsProtocol,
  petersonProtocol,
  filterLockProtocol,
  bakeryProtocol,
  readersWritersProtocol,
  tokenChannelMutexProtocol,
  rendezvousMutexProtocol,
  pipeProtocol,
  lamportMutexTlaProtocol,
  changRobertsTlaProtocol,
  alternatingBitProtocol,
  echoProtocol,
  hourClockProtocol,
  internalMemoryProtocol,
  replicatedLogProtocol,
  centralMutexProtocol,
  ricartAgrawalaProtocol,
  lamportMutexProtocol,
  tokenRingProtocol,
  changRobertsProtocol,
  bullyProtocol,
];

/** Every variant of every protocol, each protocol's correct variant first. */
export const entries: readonly ProtocolEntry[] = protocols.flatMap(protocolEntries);

/** The protocol `id`, or undefined. */
export function findProtocol(id: string): Protocol | undefined {
  return protocols.find((p) => p.id === id);
}

/** Every variant that runs for real, each protocol followed by its mutants. */
export const deployments: readonly Deployment[] = entries.flatMap((e) => (e.deployment ? [e.deployment] : []));

/** The deployment `id`; throws {@link ProtocolError} listing the runnable ids if there is none. */
export function findDeployment(id: string): Deployment {
  const d = deployments.find((x) => x.id === id);
  if (!d) throw new ProtocolError(`no runnable actor protocol '${clip(id)}' (runnable: ${deployments.map((x) => x.id).join(', ')})`);
  return d;
}
