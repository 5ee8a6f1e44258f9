/**
 * Mutual exclusion by asynchronous message passing: a channel holding one token is a semaphore
 * (Andrews, "Foundations of Multithreaded, Parallel, and Distributed Programming", 2000, §7.3; the course
 * notes on IPC: "blocking receive (acquiring the lock), non-blocking send (releasing the lock)").
 *
 * ```
 * ncs:  receive(token)   -- blocks while the channel is empty
 * cs:   skip
 * exit: send(token)      -- never blocks: the buffer has room for every token there is
 * ```
 *
 * @example
 * ```ts
 * checkSync(tokenChannelMutex({ n: 3 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { s } from '../../core/index.js';
import { mutualExclusion, reachable, starvationFree, threads } from '../../threads/index.js';
import type { ThreadsModel } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { tokenChannelMutexMutants } from './mutants.js';
import type { TokenChannelMutexVariant } from './mutants.js';
import { tokenChannelRules } from './rules.js';
import type { TokenChannelMutexRules } from './rules.js';

/** Options of {@link tokenChannelMutex}. */
export interface TokenChannelMutexOptions {
  /** The number of processes, at least 1. */
  readonly n: number;
  /** The mutant to build (`mutants.ts`), or null for the correct model. @defaultValue null */
  readonly variant?: TokenChannelMutexVariant | null;
}

/** The token-channel mutex as a threads model, with its properties. */
export function tokenChannelMutex(options: TokenChannelMutexOptions): ThreadsModel {
  const { n } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`tokenChannelMutex: n must be a positive integer, got ${n}`);
  const rules: TokenChannelMutexRules = { ...tokenChannelRules, ...(variant === null ? {} : tokenChannelMutexMutants[variant]) };
  const tokens = rules.tokens();
  return threads({
    name: variantId('token-channel-mutex', variant),
    // Capacity = tokens in circulation, so a send never finds the buffer full: the non-blocking send.
    channels: { token: { capacity: tokens, of: s.enum(['token']), initial: Array<'token'>(tokens).fill('token') } },
  })
    .process({
      name: 'P',
      count: n,
      labels: ['ncs', 'cs', 'exit'],
      steps: (k) => ({
        ncs: k.receive('token', () => {}, 'cs'),
        cs: k.go('exit'),
        exit: k.send('token', () => 'token', 'ncs'),
      }),
    })
    .build({
      properties: [mutualExclusion('cs'), reachable('cs'), ...starvationFree(n, ['ncs'], 'cs')],
      // A blocked receive is woken when the token comes back: strong fairness.
      fairness: rules.fairness,
      sections: [{ label: 'cs', exclusive: true }],
      origin: { module: import.meta.url, factory: 'tokenChannelMutex', options },
    });
}
