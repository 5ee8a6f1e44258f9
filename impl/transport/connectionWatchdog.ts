/**
 * The deadlines of one accepted connection: the hello, each frame, and idleness.
 *
 * - The hello must arrive whole within `frameDeadline` of the accept.
 * - Every later frame must arrive whole within `frameDeadline` of its first byte. The deadline is set once
 *   per frame: more bytes of the same frame do not move it, so a slowloris that sends one byte a second is
 *   closed at the deadline however long it could keep trickling.
 * - Between frames, a connection on which no frame completes for `idleTimeout` is closed. Honest dialers
 *   send zero-length keepalive frames well within it, so only a dead or abandoned link goes idle.
 *
 * One timer serves all three, and it is only moved earlier: when it fires it checks the current deadline
 * and either expires the connection or waits for the rest. A busy link therefore costs no timer per frame.
 *
 * @module
 */
import type { Clock, TimerHandle } from './clock.js';

/** Which deadline a connection missed. */
export type Expiry = 'hello' | 'frame' | 'idle';

/** The deadlines of one accepted connection (see the module documentation). */
export class ConnectionWatchdog {
  private helloSeen = false;
  /** When the first byte of the incomplete frame arrived, or null between frames. */
  private frameStart: number | null = null;
  private lastFrame: number;
  private readonly acceptedAt: number;
  private timer: { handle: TimerHandle; at: number } | null = null;
  private stopped = false;

  /**
   * Starts the hello deadline.
   * @param clock - time and timers
   * @param frameDeadline - milliseconds for a whole frame (and for the hello, from now)
   * @param idleTimeout - milliseconds without a complete frame, between frames
   * @param onExpire - called once, when a deadline passes
   */
  constructor(
    private readonly clock: Clock,
    private readonly frameDeadline: number,
    private readonly idleTimeout: number,
    private readonly onExpire: (expiry: Expiry) => void,
  ) {
    this.acceptedAt = this.lastFrame = clock.now();
    this.arm();
  }

  /** The hello arrived: from now on the frame deadline and the idle timeout apply. */
  hello(): void {
    this.helloSeen = true;
  }

  /**
   * Reports a chunk that was read: how many frames it completed and whether an incomplete frame remains
   * after them (whose first byte, if it completed any frame or no frame was in progress, came with it).
   */
  received(completed: number, partial: boolean): void {
    if (this.stopped) return;
    const now = this.clock.now();
    if (completed > 0) {
      this.lastFrame = now;
      this.frameStart = partial ? now : null;
    } else if (partial && this.frameStart === null) {
      this.frameStart = now;
    }
    this.arm();
  }

  /** Cancels the timer; nothing expires after this. */
  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimer(this.timer.handle);
    this.timer = null;
  }

  private due(): { at: number; expiry: Expiry } {
    if (!this.helloSeen) return { at: this.acceptedAt + this.frameDeadline, expiry: 'hello' };
    if (this.frameStart !== null) return { at: this.frameStart + this.frameDeadline, expiry: 'frame' };
    return { at: this.lastFrame + this.idleTimeout, expiry: 'idle' };
  }

  /** Makes sure the timer fires no later than the current deadline (an earlier one re-checks when it fires). */
  private arm(): void {
    const { at } = this.due();
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.clock.clearTimer(this.timer.handle);
    this.timer = { at, handle: this.clock.setTimer(at - this.clock.now(), () => this.fire()) };
  }

  private fire(): void {
    this.timer = null;
    if (this.stopped) return;
    const { at, expiry } = this.due();
    if (this.clock.now() >= at) {
      this.stop();
      this.onExpire(expiry);
    } else {
      this.arm();
    }
  }
}
