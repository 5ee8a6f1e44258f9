/**
 * Mutual exclusion by a server and rendezvous channels — the front door: its parameter, its mutant and
 * the checking instance.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { rendezvousMutex } from './rendezvousMutex.js';

/** The rendezvous mutex and its mutant whose server does not wait for the release. */
export const rendezvousMutexProtocol = defineProtocol({
  id: 'rendezvous-mutex',
  description: 'A server and rendezvous channels: a client enters by a request rendezvous, leaves by a release one',
  params: [intParam('n', 'number of processes (clients)', 3, 1, 8)],
  variants: [
    { name: 'no-release-wait', description: 'rendezvous-mutex whose server accepts the next request without waiting for the release' },
    { name: 'polling', description: 'rendezvous-mutex whose server polls its clients (weak fairness only): a client can starve' },
  ],
  build: (p, variant) => rendezvousMutex({ ...ints(p, 'n'), variant }),
});
