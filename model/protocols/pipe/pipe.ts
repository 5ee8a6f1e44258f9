/**
 * A pipe between a producer and a consumer: a unidirectional, finite FIFO byte buffer; writing blocks when
 * it is full, reading blocks when it is empty, and once the write end is closed a reader drains the buffer
 * and then sees end of file (POSIX `pipe(2)`, `read(2)`; the course notes on pipes). The producer writes the
 * bytes 0, 1, ..., `bytes - 1`, then closes; the consumer checks each byte against the one it expects.
 *
 * Properties: nothing lost (the consumer ends having read every byte), nothing duplicated and order kept
 * (each byte read is the next expected one), no deadlock (both end: the checker's deadlock check), and the
 * liveness the pipe promises, `allRead`: every byte written is eventually read and the consumer eventually
 * sees end of file, `<>(consumer at done /\ next = bytes)`, under the threads layer's default weak
 * fairness of each process. The safety properties alone miss a consumer that never finishes without
 * blocking: the `edge-triggered` mutant (`EPOLLET` misused) spins, polling a readiness flag that the kernel
 * raises only when a write finds the pipe empty (Linux's `pipe_write` wakes readers on `was_empty`, after
 * the write) and on close, and it reads one byte per notification from a non-blocking descriptor instead
 * of reading until `EAGAIN`. A byte written while the pipe already held one raises no edge; the consumer
 * spins with it unread, the producer ends or blocks on a full pipe. The spin changes no state, so it is a
 * stutter: no deadlock, nothing lost or misordered, only `allRead` is violated.
 *
 * @example
 * ```ts
 * checkSync(pipe({ capacity: 2, bytes: 4 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { always, eventually, s } from '../../core/index.js';
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
  const edge = rules.consumer() === 'edge-triggered';
  // The EPOLLET readiness flag exists only in the edge-triggered variant.
  const Shared = s.record({ ready: s.boolean() });
  const channels = { pipe: { capacity, of: s.int(0, 255), whenFull: rules.whenFull() } };
  return threads<typeof Shared, never, typeof channels>({
    name: variantId('pipe', variant),
    channels,
    ...(edge ? { shared: Shared, initial: { ready: false } } : {}),
  })
    .process({
      name: 'Producer',
      local: s.record({ i: s.int(0, bytes) }),
      initial: { i: 0 },
      labels: edge ? ['write', 'count', 'close', 'done', 'notify', 'hangup'] : ['write', 'count', 'close', 'done'],
      steps: (k) => ({
        write: k.send('pipe', (_sh, me) => me.i, 'count', edge ? { wasEmpty: 'notify' } : {}),
        count: k.step(['write', 'close', 'done'], (_sh, me) => {
          me.i++;
          return me.i < bytes ? 'write' : afterLastByte;
        }),
        close: k.close('pipe', edge ? 'hangup' : 'done'),
        // The kernel's wake-up of an edge-triggered waiter: EPOLLIN on a write into an empty pipe, EPOLLHUP on close.
        ...(edge
          ? {
              notify: k.do((sh) => void (sh.ready = true), 'count', 'EPOLLIN'),
              hangup: k.do((sh) => void (sh.ready = true), 'done', 'EPOLLHUP'),
            }
          : {}),
      }),
    })
    .process({
      name: 'Consumer',
      local: s.record({ next: s.int(0, bytes), bad: s.boolean() }),
      initial: { next: 0, bad: false },
      labels: edge ? ['poll', 'read', 'done'] : ['read', 'done'],
      steps: (k) => {
        const take = (_sh: unknown, me: { next: number; bad: boolean }, _self: number, b: number): void => {
          if (b === me.next) me.next++;
          else me.bad = true;
        };
        if (!edge) return { read: k.receive('pipe', take, 'read', { eof: 'done' }) };
        return {
          // epoll_wait with a zero timeout in a loop: without an event it spins (a step that changes nothing).
          poll: k.step(
            ['poll', 'read'],
            (sh) => {
              if (!sh.ready) return 'poll';
              sh.ready = false;
              return 'read';
            },
            'epoll_wait',
          ),
          // One read(2) per event on an O_NONBLOCK descriptor, where a correct reader loops until EAGAIN.
          read: k.receive('pipe', take, 'poll', { eof: 'done', empty: 'poll' }),
        };
      },
    })
    .build({
      properties: [
        always<ThreadsView>('inOrderNoDuplicates', (t) => !t.local<ConsumerLocal>(consumer).bad),
        always<ThreadsView>('nothingLost', (t) => t.pc(consumer) !== 'done' || t.local<ConsumerLocal>(consumer).next === bytes),
        eventually<ThreadsView>('allRead', (t) => t.pc(consumer) === 'done' && t.local<ConsumerLocal>(consumer).next === bytes),
      ],
      origin: { module: import.meta.url, factory: 'pipe', options },
    });
}
