/**
 * Mutual exclusion by a channel holding one token — the front door: its parameter, its mutant and the
 * checking instance.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { tokenChannelMutex } from './tokenChannelMutex.js';

/** The token-channel mutex and its mutant with two tokens. */
export const tokenChannelMutexProtocol = defineProtocol({
  id: 'token-channel-mutex',
  description: 'A channel holding one token as a semaphore: blocking receive enters, non-blocking send leaves',
  params: [intParam('n', 'number of processes (clients)', 3, 1, 8)],
  variants: [
    { name: 'two-tokens', description: 'token-channel-mutex with two tokens in the channel' },
    { name: 'polling', description: 'token-channel-mutex whose processes poll the channel (weak fairness only): a process can starve' },
  ],
  build: (p, variant) => tokenChannelMutex({ ...ints(p, 'n'), variant }),
});
