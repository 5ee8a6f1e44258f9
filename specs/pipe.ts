/**
 * A pipe between a producer and a consumer, and its mutants.
 *
 * @module
 */
import { pipe } from '../model/protocols/pipe/pipe.js';
import type { PipeOptions } from '../model/protocols/pipe/pipe.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const capacity = intParam('capacity', 'pipe buffer size in bytes', 2, 1, 16);
const bytes = intParam('bytes', 'bytes the producer writes before closing', 4, 1, 64);

const build = (mutation?: PipeOptions['mutation']) => (p: Params) =>
  pipe({ capacity: p['capacity'] as number, bytes: p['bytes'] as number, ...(mutation ? { mutation } : {}) });

/** The pipe entries of the catalogue. */
export const pipeSpecs: readonly Spec[] = [
  {
    id: 'pipe',
    description: 'A bounded FIFO byte pipe, blocking both ways, closed by the producer: nothing lost, duplicated or reordered',
    params: [capacity, bytes],
    build: build(),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'pipe-no-close',
    description: 'pipe whose producer never closes the write end: the consumer blocks forever',
    params: [capacity, bytes],
    build: build('no-close'),
    expected: 'deadlock',
    mutantOf: 'pipe',
  },
  {
    id: 'pipe-drop-when-full',
    description: 'pipe whose writes to a full buffer are lost instead of blocking',
    params: [capacity, bytes],
    build: build('drop-when-full'),
    expected: 'violated:inOrderNoDuplicates',
    mutantOf: 'pipe',
  },
];
