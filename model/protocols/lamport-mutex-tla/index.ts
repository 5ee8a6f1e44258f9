/**
 * The faithful port of `LamportMutex.tla` — the front door: its parameters, its mutant and the checking
 * instance. (The actor system on FIFO links is `lamport-mutex`.)
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { lamportMutexTla } from './lamportMutexTla.js';

/** The LamportMutex port, its mutant that enters without all acknowledgements, and its mutant that releases silently. */
export const lamportMutexTlaProtocol = defineProtocol({
  id: 'lamport-mutex-tla',
  description: "Lamport's mutual exclusion, a faithful port of LamportMutex.tla (FIFO channels, logical clocks), with starvation freedom",
  params: [intParam('n', 'number of processes', 3, 2, 4), intParam('maxClock', 'bound of ClockConstraint', 6, 1, 12)],
  variants: [
    { name: 'no-acks', description: 'LamportMutex where a process with a pending request enters without waiting for all acknowledgements' },
    { name: 'silent-release', description: 'LamportMutex whose Exit sends no release: the others keep the old request queued and starve' },
  ],
  build: (p, variant) => lamportMutexTla({ ...ints(p, 'n', 'maxClock'), variant }),
});
