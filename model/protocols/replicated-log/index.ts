/**
 * The replicated log of the TLA+ Examples' FiniteMonotonic folder (`MCDistributedReplicatedLog`) — the front
 * door: no parameters (the TLA+ configuration's constants), the checking instance, which TLC reports as a
 * liveness failure.
 *
 * @module
 */
import { defineProtocol } from '../protocol.js';
import { replicatedLog } from './replicatedLog.js';

/** The replicated log, whose followers need not ever catch up (InSync fails, as TLC finds). */
export const replicatedLogProtocol = defineProtocol({
  id: 'replicated-log',
  description: 'A replicated log copied from any longer log (MCDistributedReplicatedLog): the logs need not ever be in sync, as TLC finds',
  params: [],
  variants: [],
  build: () => replicatedLog(),
});
