/**
 * A pipe between a producer and a consumer: a unidirectional, finite FIFO byte buffer; writing blocks when
 * it is full, reading blocks when it is empty, and once the write end is closed a reader drains the buffer
 * and then sees end of file (POSIX `pipe(2)`, `read(2)`; the course notes on pipes). The producer writes the
 * bytes 0, 1, ..., `bytes - 1`, then closes; the consumer checks each byte against the one it expects.
 *
 * Properties: nothing lost (the consumer ends having read every byte), nothing duplicated and order kept
 * (each byte read is the next expected one), and no deadlock (both end: the checker's deadlock check).
 *
 * @example
 * ```ts
 * checkSync(pipe({ capacity: 2, bytes: 4 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { always, s } from '../../core/index.js';
import { threads } from '../../threads/index.js';
import type { ThreadsModel, ThreadsView } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { pipeMutants } from './mutants.js';
import type { PipeVariant } from './mutants.js';
import { pipeRules } from './rules.js';
import type { PipeRules } from './rules.js';

/** Options of {@link pipe}. */
export interface PipeOptions {
  /** The pipe's buffer size in bytes, 1 to 64. */
  readonly capacity: number;
  /** How many bytes the producer writes, 1 to 255. */
  readonly bytes: number;
  /** The mutant to build (`mutants.ts`), or null for the correct model. @defaultValue null */
  readonly variant?: PipeVariant | null;
}

interface ConsumerLocal {
  readonly next: number;
  readonly bad: boolean;
}

/** The producer/consumer pipe as a threads model, with its properties. */
export function pipe(options: PipeOptions): ThreadsModel {
  const { capacity, bytes } = options;
  const variant = options.variant ?? null;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 64) throw new RangeError(`pipe: capacity must be an integer in [1, 64], got ${capacity}`);
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 255) throw new RangeError(`pipe: bytes must be an integer in [1, 255], got ${bytes}`);
  const consumer = 1;
  const rules: PipeRules = { ...pipeRules, ...(variant === null ? {} : pipeMutants[variant]) };
  const afterLastByte = rules.afterLastByte();
  return threads({
    name: variantId('pipe', variant),
    channels: { pipe: { capacity, of: s.int(0, 255), whenFull: rules.whenFull() } },
  })
    .process({
      name: 'Producer',
      local: s.record({ i: s.int(0, bytes) }),
      initial: { i: 0 },
      labels: ['write', 'count', 'close', 'done'],
      steps: (k) => ({
        write: k.send('pipe', (_sh, me) => me.i, 'count'),
        count: k.step(['write', 'close', 'done'], (_sh, me) => {
          me.i++;
          return me.i < bytes ? 'write' : afterLastByte;
        }),
        close: k.close('pipe', 'done'),
      }),
    })
    .process({
      name: 'Consumer',
      local: s.record({ next: s.int(0, bytes), bad: s.boolean() }),
      initial: { next: 0, bad: false },
      labels: ['read', 'done'],
      steps: (k) => ({
        read: k.receive(
          'pipe',
          (_sh, me, _self, b) => {
            if (b === me.next) me.next++;
            else me.bad = true;
          },
          'read',
          { eof: 'done' },
        ),
      }),
    })
    .build({
      properties: [
        always<ThreadsView>('inOrderNoDuplicates', (t) => !t.local<ConsumerLocal>(consumer).bad),
        always<ThreadsView>('nothingLost', (t) => t.pc(consumer) !== 'done' || t.local<ConsumerLocal>(consumer).next === bytes),
      ],
      origin: { module: import.meta.url, factory: 'pipe', options },
    });
}
