/**
 * A pipe between a producer and a consumer — the front door: its parameters, its mutants and the checking
 * instance.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import { defineProtocol } from '../protocol.js';
import { pipe } from './pipe.js';

/** The pipe, its mutant that never closes, its mutant that drops writes to a full buffer, and its edge-triggered reader. */
export const pipeProtocol = defineProtocol({
  id: 'pipe',
  description: 'A bounded FIFO byte pipe, blocking both ways, closed by the producer: nothing lost, duplicated or reordered, all of it read',
  params: [intParam('capacity', 'pipe buffer size in bytes', 2, 1, 16), intParam('bytes', 'bytes the producer writes before closing', 4, 1, 64)],
  variants: [
    { name: 'no-close', description: 'pipe whose producer never closes the write end: the consumer blocks forever' },
    { name: 'drop-when-full', description: 'pipe whose writes to a full buffer are lost instead of blocking' },
    { name: 'edge-triggered', description: 'pipe read through EPOLLET one byte per edge: bytes written to a non-empty pipe are never read' },
  ],
  build: (p, variant) => pipe({ ...ints(p, 'capacity', 'bytes'), variant }),
});
