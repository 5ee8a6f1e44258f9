/**
 * Running one handler of one actor on one event: the single definition the checker's actor compiler
 * (`compileActors.ts`) and the runtime's node host (`impl/node/nodeHost.ts`) share, so that a protocol means the
 * same thing explored and run — including the default that a node without `onRecover` recovers by running
 * `onStart` again, and that a node without `onInput` refuses every input.
 *
 * The event is a kind and two plain arguments rather than an object, so the checker's hot loop allocates
 * nothing to dispatch.
 *
 * @example
 * ```ts
 * runHandler(actor, HANDLER.message, draft, from, msg, ctx);   // actor.onMessage(draft, from, msg, ctx)
 * runHandler(actor, HANDLER.timer, draft, -1, slot, ctx);      // actor.onTimer(draft, slot.timer, ctx, slot.key)
 * runHandler(actor, HANDLER.recover, draft, -1, durable, ctx); // onRecover, or onStart if it has none
 * ```
 *
 * @module
 */
import type { AnyActor } from './actor.js';
import type { TimerSlot } from './timers.js';

/** The kinds of event a handler runs on. */
export const HANDLER = { start: 0, message: 1, timer: 2, input: 3, recover: 4 } as const;

/** One of {@link HANDLER}'s kinds. */
export type HandlerKind = (typeof HANDLER)[keyof typeof HANDLER];

/**
 * Runs `actor`'s handler for an event of `kind` on `state` (a draft of its local state) with `ctx`:
 * `from` is the sender of a message (else ignored), `arg` the message, the timer's {@link TimerSlot}, the input, or the
 * durable record a recovering node starts from. Returns what the handler returned (`false`: it refused
 * the input, or the step is disabled).
 */
export function runHandler(actor: AnyActor, kind: HandlerKind, state: unknown, from: number, arg: unknown, ctx: unknown): unknown {
  switch (kind) {
    case HANDLER.start:
      return actor.onStart?.(state as never, ctx as never);
    case HANDLER.message:
      return actor.onMessage(state as never, from, arg as never, ctx as never);
    case HANDLER.timer:
      return actor.onTimer?.(state as never, (arg as TimerSlot).timer, ctx as never, (arg as TimerSlot).key);
    case HANDLER.input:
      return actor.onInput ? actor.onInput(state as never, arg as never, ctx as never) : false;
    case HANDLER.recover:
      return actor.onRecover ? actor.onRecover(state as never, arg as never, ctx as never) : actor.onStart?.(state as never, ctx as never);
  }
}
