/**
 * Time for the runtime, injected: the system clock in production, a manual clock in tests.
 *
 * Backoff between reconnection attempts, fault-injected delays and stalled-frame timeouts all read time
 * and set timers through a {@link Clock}, so that a test can drive them step by step with a
 * {@link ManualClock} instead of sleeping — the approach of XState's `SimulatedClock`.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * clock.setTimer(100, () => console.log('fired'));
 * clock.advance(99);   // nothing
 * clock.advance(1);    // fired
 * ```
 *
 * @module
 */

/** An opaque handle of a timer, for {@link Clock.clearTimer}. */
export type TimerHandle = { readonly __timer: unique symbol };

/** Reads the time and sets one-shot timers. */
export interface Clock {
  /** The current time in milliseconds (monotonic; the origin is arbitrary). */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds (at least 0). */
  setTimer(ms: number, fn: () => void): TimerHandle;
  /** Cancels a timer; no effect if it already fired or was cancelled. */
  clearTimer(handle: TimerHandle): void;
}

/** The process's monotonic clock and Node's timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (ms, fn) => setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
  clearTimer: (h) => clearTimeout(h as unknown as NodeJS.Timeout),
};

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A clock that moves only when told to. Timers fire during {@link ManualClock.advance}, in order of due
 * time and, for equal times, of creation — so a run driven by it is deterministic.
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, Pending>();

  /** @param start - the initial time in milliseconds */
  constructor(start = 0) {
    this.t = start;
  }

  /** The current (manual) time. */
  now(): number {
    return this.t;
  }

  /** Schedules `fn` at `now() + ms`. */
  setTimer(ms: number, fn: () => void): TimerHandle {
    const seq = this.seq++;
    this.timers.set(seq, { at: this.t + Math.max(0, ms), seq, fn });
    return seq as unknown as TimerHandle;
  }

  /** Cancels a timer. */
  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  /** The number of timers not yet fired or cancelled. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including ones set while firing). */
  advance(ms: number): void {
    const until = this.t + ms;
    for (;;) {
      let next: Pending | undefined;
      for (const p of this.timers.values()) {
        if (p.at <= until && (!next || p.at < next.at || (p.at === next.at && p.seq < next.seq))) next = p;
      }
      if (!next) break;
      this.timers.delete(next.seq);
      this.t = next.at;
      next.fn();
    }
    this.t = until;
  }
}
