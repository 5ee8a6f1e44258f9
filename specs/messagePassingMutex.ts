/**
 * Mutual exclusion by message passing: a token in an asynchronous channel, and a server with rendezvous
 * channels; with their mutants.
 *
 * @module
 */
import { rendezvousMutex } from '../model/protocols/rendezvous-mutex/rendezvousMutex.js';
import { tokenChannelMutex } from '../model/protocols/token-channel-mutex/tokenChannelMutex.js';
import { intParam } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const n = intParam('n', 'number of processes (clients)', 3, 1, 8);

/** The message-passing mutex entries of the catalogue. */
export const messagePassingMutexSpecs: readonly Spec[] = [
  {
    id: 'token-channel-mutex',
    description: 'A channel holding one token as a semaphore: blocking receive enters, non-blocking send leaves',
    params: [n],
    build: (p) => tokenChannelMutex({ n: p['n'] as number }),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'token-channel-mutex-two-tokens',
    description: 'token-channel-mutex with two tokens in the channel',
    params: [n],
    build: (p) => tokenChannelMutex({ n: p['n'] as number, mutation: 'two-tokens' }),
    expected: 'violated:mutualExclusion(cs)',
    mutantOf: 'token-channel-mutex',
  },
  {
    id: 'rendezvous-mutex',
    description: 'A server and rendezvous channels: a client enters by a request rendezvous, leaves by a release one',
    params: [n],
    build: (p) => rendezvousMutex({ n: p['n'] as number }),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'rendezvous-mutex-no-release-wait',
    description: 'rendezvous-mutex whose server accepts the next request without waiting for the release',
    params: [n],
    build: (p) => rendezvousMutex({ n: p['n'] as number, mutation: 'no-release-wait' }),
    expected: 'violated:mutualExclusion(cs)',
    mutantOf: 'rendezvous-mutex',
  },
];
