/**
 * The token ring, deployed: processes repeatedly entering and leaving their critical section as the token
 * comes round, driven by {@link mutexWorkload} (`entries` entries in all, `cs` ms in the critical section each). An idle holder keeps the token
 * for `hold` ms (its `pass` timer) before passing it on, so that an idle ring does not spin. The instance is
 * the catalogue's ({@link tokenRing}) with the run's crash and loss budgets (crash-recover) and room for its messages in flight: kill the holder and
 * the run stalls, which is the `token-ring-crash` entry's deadlock, for real.
 *
 * @example
 * ```ts
 * const d = tokenRingDeployments[0]!;   // 'token-ring'
 * d.system({ n: 3, entries: 100, hold: 2 }, NO_FAULTS);
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { tokenRing } from './tokenRing.js';
import type { TokenRingOptions } from './tokenRing.js';

function deployment(mutation: TokenRingOptions['mutation'], description: string): Deployment {
  return {
    id: mutation ? `token-ring-${mutation}` : 'token-ring',
    description,
    params: [
      { type: 'int', name: 'n', description: 'processes on the ring', default: 3, min: 1, max: 6 },
      { type: 'int', name: 'entries', description: 'critical-section entries in the run', default: 200, min: 1, max: 1_000_000 },
      CS_PARAM,
      { type: 'int', name: 'hold', description: 'how long an idle holder keeps the token, ms', default: 2, min: 1, max: 60_000 },
      { type: 'int', name: 'lost', description: "the regenerating mutant's timeout before it makes a token, ms", default: 50, min: 1, max: 60_000 },
    ],
    system: (p, budget) => systemForRun(tokenRing({ n: p['n']!, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(p['n']! + 1, budget.inFlight), mutation }) as unknown as ActorSystem<Roles>, budget),
    timeouts: (p) => ({ pass: p['hold']!, lost: p['lost']! }),
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i), p['entries']!, seed, p['cs']!),
  };
}

/** The token ring and its mutant, deployed. */
export const tokenRingDeployments: readonly Deployment[] = [
  deployment(undefined, 'Token-ring mutual exclusion: processes entering and leaving their critical section'),
  deployment('regenerate', 'token-ring where a process that has not seen the token for a while makes a new one'),
];
