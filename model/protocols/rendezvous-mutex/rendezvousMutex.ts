/**
 * Mutual exclusion by synchronous message passing: a server process and rendezvous channels, as in Hoare's
 * CSP ("Communicating sequential processes", CACM 21(8), 1978) and the course notes' "blocking send,
 * blocking receive". A client enters by a rendezvous on `request` and leaves by one on `release`; the
 * server accepts one request, then waits for the release before it accepts another.
 *
 * ```
 * client: ncs: send(request, self); cs: skip; exit: send(release, self)
 * server: idle: receive(request) -> holder; busy: receive(release)
 * ```
 *
 * A send and its receive are one joint step of two processes (`C0: send(request) -> cs || S0:
 * receive(request) -> busy`).
 *
 * @example
 * ```ts
 * checkSync(rendezvousMutex({ n: 3 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { always, s } from '../../core/index.js';
import { mutualExclusion, reachable, starvationFree, threads } from '../../threads/index.js';
import type { ThreadsModel, ThreadsView } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { rendezvousMutexMutants } from './mutants.js';
import type { RendezvousMutexVariant } from './mutants.js';
import { rendezvousRules } from './rules.js';
import type { RendezvousMutexRules } from './rules.js';

/** Options of {@link rendezvousMutex}. */
export interface RendezvousMutexOptions {
  /** The number of clients, 1 to 8. */
  readonly n: number;
  /** The mutant to build (`mutants.ts`), or null for the correct model. @defaultValue null */
  readonly variant?: RendezvousMutexVariant | null;
}

/** The rendezvous mutex as a threads model, with its properties. */
export function rendezvousMutex(options: RendezvousMutexOptions): ThreadsModel {
  const { n } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new RangeError(`rendezvousMutex: n must be an integer in [1, 8], got ${n}`);
  const Client = s.int(0, n - 1);
  const rules: RendezvousMutexRules = { ...rendezvousRules, ...(variant === null ? {} : rendezvousMutexMutants[variant]) };
  const afterRequest = rules.afterRequest();
  return threads({
    name: variantId('rendezvous-mutex', variant),
    channels: { request: { capacity: 0, of: Client }, release: { capacity: 0, of: Client } },
  })
    .process({
      name: 'S',
      local: s.record({ holder: Client }),
      initial: { holder: 0 },
      labels: ['idle', 'busy'],
      steps: (k) => ({
        idle: k.receive('request', (_sh, me, _self, c) => void (me.holder = c), afterRequest),
        busy: k.receive('release', (_sh, me) => void (me.holder = 0), 'idle'),
      }),
    })
    .process({
      name: 'C',
      count: n,
      labels: ['ncs', 'cs', 'exit'],
      steps: (k) => ({
        ncs: k.send('request', (_sh, _me, self) => self, 'cs'),
        cs: k.go('exit'),
        exit: k.send('release', (_sh, _me, self) => self, 'ncs'),
      }),
    })
    .build({
      properties: [
        mutualExclusion('cs'),
        reachable('cs'),
        // Every client that asks gets in (clients are pids 1..n, after the server).
        ...starvationFree(n, ['ncs'], 'cs', (i) => `C${i}`, 1),
        // The server knows who is inside: a client in cs is the server's holder.
        always<ThreadsView>('serverKnowsHolder', (t) => {
          for (const p of t.processes) if (t.pc(p.pid) === 'cs' && t.local<{ holder: number }>(0).holder !== p.self) return false;
          return true;
        }),
      ],
      // A client blocked on the request channel is served when the server comes back to it: strong fairness
      // (a server that polls its clients gives only weak fairness: the variant `polling`).
      fairness: rules.fairness,
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'rendezvousMutex', options },
    });
}
