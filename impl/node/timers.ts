/**
 * A node's timers: the names its handlers arm and cancel, each run for its configured duration on the
 * injected clock. Arming an armed timer does nothing (as in the model, where a timer is armed or not); a
 * timer that fires is disarmed before its handler runs; a crash loses them all, because they live in the
 * process.
 *
 * @example
 * ```ts
 * const t = new NodeTimers(clock, { vote: 1000 }, (name) => host.fire(name));
 * t.arm('vote'); t.armed;   // Set { 'vote' }
 * ```
 *
 * @module
 */
import type { Clock, TimerHandle } from '../transport/index.js';

/** The armed timers of one node. */
export class NodeTimers {
  private readonly handles = new Map<string, TimerHandle>();

  /**
   * @param clock - where time comes from
   * @param durations - milliseconds per timer name; arming a timer without one is a misuse
   * @param fire - called when an armed timer expires, after it is disarmed
   */
  constructor(
    private readonly clock: Clock,
    private readonly durations: Readonly<Record<string, number>>,
    private readonly fire: (timer: string) => void,
  ) {}

  /** The names of the armed timers. */
  get armed(): string[] {
    return [...this.handles.keys()];
  }

  /** Arms `timer` unless it is armed. */
  arm(timer: string): void {
    if (this.handles.has(timer)) return;
    const ms = this.durations[timer];
    if (ms === undefined) throw new TypeError(`NodeTimers.arm: no duration for timer '${timer}' (durations: ${Object.keys(this.durations).join(', ') || 'none'})`);
    this.handles.set(
      timer,
      this.clock.setTimer(ms, () => {
        this.handles.delete(timer);
        this.fire(timer);
      }),
    );
  }

  /** Disarms `timer` if armed. */
  cancel(timer: string): void {
    const h = this.handles.get(timer);
    if (h === undefined) return;
    this.clock.clearTimer(h);
    this.handles.delete(timer);
  }

  /** Disarms every timer. */
  clear(): void {
    for (const t of [...this.handles.keys()]) this.cancel(t);
  }
}
