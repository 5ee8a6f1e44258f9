/**
 * Ricart-Agrawala, deployed: every process runs `rounds` entries (see `coordination/mutexWorkload.ts`);
 * sequence numbers go up to `maxSeq`, beyond which a process refuses to request (its remaining rounds end
 * as `refused`). The instance is the catalogue's ({@link ricartAgrawala}).
 *
 * @example
 * ```ts
 * ricartAgrawalaDeployments[0]!.system({ n: 3, maxSeq: 8, rounds: 2 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, Roles } from '../../actors/index.js';
import { mutexDeployment } from '../coordination/mutexWorkload.js';
import { ricartAgrawala } from './ricartAgrawala.js';

const params = [
  { name: 'n', description: 'processes', default: 3, min: 1, max: 4 },
  { name: 'maxSeq', description: 'largest sequence number; a process refuses to request beyond it', default: 8, min: 1, max: 8 },
];
const build = (m?: 'reply-in-cs') => (p: Readonly<Record<string, number>>) =>
  ricartAgrawala({ n: p['n']!, maxSeq: p['maxSeq']!, ...(m ? { mutation: m } : {}) }) as unknown as ActorSystem<Roles>;

/** Ricart-Agrawala and its mutant, deployed. */
export const ricartAgrawalaDeployments: readonly Deployment[] = [
  mutexDeployment('ricart-agrawala', 'Ricart-Agrawala: timestamped requests to all, replies deferred by the prior requester', params, build()),
  mutexDeployment('ricart-agrawala-reply-in-cs', 'ricart-agrawala where a process in its critical section replies at once', params, build('reply-in-cs')),
];
