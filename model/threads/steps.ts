/**
 * Atomic steps: what a process of a threads system does from one label to the next.
 *
 * A step is a **guarded command** in Dijkstra's sense: from its label, if it is not blocked, it updates the
 * shared and local variables in one indivisible move and names the next label. Processes are sequential
 * programs over such steps, as in PlusCal (Lamport, "The PlusCal Algorithm Language", 2009), where each
 * label marks the end of an atomic step. Two kinds of step exist:
 *
 * - **user steps**, pure functions of (shared, local, self) that return the next label or `false` for
 *   *blocked*; they read and write through schema drafts, so they run unchanged in the checker (on packed
 *   states) and on real threads (on a `SharedArrayBuffer`);
 * - **primitives** with the semantics of the literature, known to the layer as data so that each target
 *   implements them faithfully: semaphores (`wait`/P blocks while the value is 0, `signal`/V increments;
 *   Dijkstra, "Cooperating sequential processes", 1965) and channels (`send`, `receive`, `close`; a channel of
 *   capacity 0 is a rendezvous as in Hoare's CSP, one of capacity k a bounded FIFO buffer, which is what a
 *   POSIX pipe or a mailbox is).
 *
 * A step must decide whether it is blocked **before** it writes: in the model a blocked step's writes are
 * discarded, but on real hardware they would already be visible (the real-thread runner rejects such a step).
 *
 * @example
 * ```ts
 * // Peterson's a3: enter the critical section if the other's flag is down or the turn is ours.
 * a3: k.await((sh, _me, self) => !sh.c.get(1 - self) || sh.turn === self, 'cs'),
 * // a semaphore-protected critical section
 * enter: k.wait('mutex', 'cs'),
 * ```
 *
 * @module
 */
import type { DraftOf, Schema, ValueOf } from '../core/index.js';

/** The erased signature of a user step, as the layer stores it: the next label, or `false` if blocked. */
export type StepRun = (shared: unknown, local: unknown, self: number) => string | false;

/** A step, as data: the layer interprets it in the model and on real threads. */
export type StepDef =
  | {
      /** A user step: `run` returns one of `to`, or `false` when blocked. */
      readonly kind: 'step';
      /** Shown in traces; defaults to the label the step leaves. */
      readonly name?: string;
      readonly to: readonly string[];
      readonly run: StepRun;
    }
  | {
      /** `wait` (P) blocks while the semaphore is 0, then decrements it; `signal` (V) increments it. */
      readonly kind: 'wait' | 'signal';
      readonly semaphore: string;
      readonly to: string;
    }
  | {
      /**
       * Puts a value into a channel; blocks when a buffered channel is full (or, at capacity 0, until a
       * receiver joins). With `wasEmpty`, a send into an empty buffer moves the process to `wasEmpty` instead
       * of `to`: the writer that then wakes the readers, as Linux's `pipe_write` does only when the pipe was
       * empty (an edge).
       */
      readonly kind: 'send';
      readonly channel: string;
      /** Computes the value sent from the sender's variables. */
      readonly value: (shared: unknown, local: unknown, self: number) => unknown;
      readonly to: string;
      readonly wasEmpty?: string;
    }
  | {
      /**
       * Takes the oldest value from a channel; blocks while it is empty. With `eof`, an empty channel that has
       * been closed moves the process to `eof` instead (end of file on a pipe). With `empty`, the receive does
       * not block: an empty channel that is still open moves the process to `empty` (`read(2)` on an
       * `O_NONBLOCK` descriptor failing with `EAGAIN`).
       */
      readonly kind: 'receive';
      readonly channel: string;
      /** Stores the value received into the receiver's variables. */
      readonly into: (shared: unknown, local: unknown, self: number, value: unknown) => void;
      readonly to: string;
      readonly eof?: string;
      readonly empty?: string;
    }
  | {
      /** Closes a buffered channel: receivers drain it, then see end of file; a later send is an error. */
      readonly kind: 'close';
      readonly channel: string;
      readonly to: string;
    };

/** A channel declaration: its capacity and the schema of its values. */
export interface ChannelDecl<E extends Schema = Schema> {
  /** 0 for a synchronous rendezvous; k > 0 for a bounded FIFO buffer of k values. */
  readonly capacity: number;
  /** The schema of the values sent. */
  readonly of: E;
  /** Values in the buffer initially (a token, say). @defaultValue none */
  readonly initial?: readonly ValueOf<E>[];
  /**
   * What a send to a full buffer does: `'block'` (a pipe, a port) or `'drop'` the value (a lossy mailbox, a
   * UDP socket's receive queue). @defaultValue `'block'`
   */
  readonly whenFull?: 'block' | 'drop';
}

/** Channel declarations by name. */
export type ChannelMap = { readonly [name: string]: ChannelDecl };

/**
 * The typed constructors of steps, handed to a process's `steps` callback. `Sh` and `Lo` are the shared and
 * local schemas, `L` the process's labels, `Sem` the semaphore names and `Ch` the channels.
 */
export interface StepKit<Sh extends Schema, Lo extends Schema, L extends string, Sem extends string, Ch extends ChannelMap> {
  /**
   * A general step: `run` returns the next label (one of `to`) or `false` when blocked. Use it for branches
   * (`to` lists every label `run` may return); the checker has one action per target, so traces name the
   * label actually taken.
   */
  step(to: L | readonly L[], run: (shared: DraftOf<Sh>, local: DraftOf<Lo>, self: number) => L | false, name?: string): StepDef;
  /** An unconditional move (PlusCal's `skip`). */
  go(to: L, name?: string): StepDef;
  /** An assignment: `effect` updates the variables, then the process moves to `to`. */
  do(effect: (shared: DraftOf<Sh>, local: DraftOf<Lo>, self: number) => void, to: L, name?: string): StepDef;
  /** An `await`: blocked until `guard` holds, then moves to `to` without writing. */
  await(guard: (shared: DraftOf<Sh>, local: DraftOf<Lo>, self: number) => boolean, to: L, name?: string): StepDef;
  /** P: blocks while the semaphore is 0, then decrements it. */
  wait(semaphore: Sem, to: L): StepDef;
  /** V: increments the semaphore. */
  signal(semaphore: Sem, to: L): StepDef;
  /**
   * Sends `value(...)` on a channel (blocking when it is full, or until a receiver joins at capacity 0); with
   * `wasEmpty` (buffered channels), a send into an empty buffer goes there instead, see {@link StepDef}.
   */
  send<C extends keyof Ch & string>(
    channel: C,
    value: (shared: DraftOf<Sh>, local: DraftOf<Lo>, self: number) => ValueOf<Ch[C]['of']>,
    to: L,
    options?: { readonly wasEmpty?: L },
  ): StepDef;
  /**
   * Receives a value (blocking while the channel is empty) and hands it to `into`; with `eof` (end of file)
   * and `empty` (a non-blocking receive), see {@link StepDef}.
   */
  receive<C extends keyof Ch & string>(
    channel: C,
    into: (shared: DraftOf<Sh>, local: DraftOf<Lo>, self: number, value: ValueOf<Ch[C]['of']>) => void,
    to: L,
    options?: { readonly eof?: L; readonly empty?: L },
  ): StepDef;
  /** Closes a buffered channel. */
  close(channel: keyof Ch & string, to: L): StepDef;
}

/** The step kit. Its methods only build data; the layer checks names when it compiles the system. */
export function stepKit<Sh extends Schema, Lo extends Schema, L extends string, Sem extends string, Ch extends ChannelMap>(): StepKit<Sh, Lo, L, Sem, Ch> {
  const user = (to: string | readonly string[], run: StepRun, name?: string): StepDef => ({
    kind: 'step',
    to: typeof to === 'string' ? [to] : [...to],
    run,
    ...(name !== undefined ? { name } : {}),
  });
  return {
    step: (to, run, name) => user(to, run as StepRun, name),
    go: (to, name) => user(to, () => to, name),
    do: (effect, to, name) =>
      user(
        to,
        (sh, me, self) => {
          (effect as (a: unknown, b: unknown, c: number) => void)(sh, me, self);
          return to;
        },
        name,
      ),
    await: (guard, to, name) => user(to, (sh, me, self) => ((guard as (a: unknown, b: unknown, c: number) => boolean)(sh, me, self) ? to : false), name),
    wait: (semaphore, to) => ({ kind: 'wait', semaphore, to }),
    signal: (semaphore, to) => ({ kind: 'signal', semaphore, to }),
    send: (channel, value, to, options) => ({
      kind: 'send',
      channel,
      value: value as (a: unknown, b: unknown, c: number) => unknown,
      to,
      ...(options?.wasEmpty !== undefined ? { wasEmpty: options.wasEmpty } : {}),
    }),
    receive: (channel, into, to, options) => ({
      kind: 'receive',
      channel,
      into: into as (a: unknown, b: unknown, c: number, v: unknown) => void,
      to,
      ...(options?.eof !== undefined ? { eof: options.eof } : {}),
      ...(options?.empty !== undefined ? { empty: options.empty } : {}),
    }),
    close: (channel, to) => ({ kind: 'close', channel, to }),
  };
}

/** The name a step shows in traces: `wait(mutex)`, `send(pipe)`, or its own name, or the label it leaves. */
export function stepName(step: StepDef, from: string): string {
  switch (step.kind) {
    case 'step':
      return step.name ?? from;
    case 'wait':
    case 'signal':
      return `${step.kind}(${step.semaphore})`;
    case 'send':
    case 'receive':
    case 'close':
      return `${step.kind}(${step.channel})`;
  }
}
