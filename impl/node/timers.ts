/**
 * A node's timers: the slots its handlers arm and cancel (a plain timer, or one key of a keyed timer), each
 * run for its timer's configured duration on the injected clock. Arming an armed slot does nothing (as in
 * the model, where a slot is armed or not); a slot that fires is disarmed before its handler runs; a crash
 * loses them all, because they live in the process.
 *
 * @example
 * ```ts
 * const t = new NodeTimers(clock, { vote: 1000 }, (slot) => host.fire(slot));
 * t.arm(actor.timerTable.slot('vote', 3)); t.armed;   // ['vote(3)']
 * ```
 *
 * @module
 */
import type { TimerSlot } from '../../model/actors/index.js';
import type { Clock, TimerHandle } from '../transport/index.js';

/** The armed timers of one node. */
export class NodeTimers {
  /** The armed slots by label. */
  private readonly handles = new Map<string, TimerHandle>();

  /**
   * @param clock - where time comes from
   * @param durations - milliseconds per timer name (every key of a keyed timer runs as long); arming a
   *   timer without one is a misuse
   * @param fire - called when an armed slot expires, after it is disarmed
   */
  constructor(
    private readonly clock: Clock,
    private readonly durations: Readonly<Record<string, number>>,
    private readonly fire: (slot: TimerSlot) => void,
  ) {}

  /** The labels of the armed slots. */
  get armed(): string[] {
    return [...this.handles.keys()];
  }

  /** Arms `slot` unless it is armed. */
  arm(slot: TimerSlot): void {
    if (this.handles.has(slot.label)) return;
    const ms = this.durations[slot.timer];
    if (ms === undefined) throw new TypeError(`NodeTimers.arm: no duration for timer '${slot.timer}' (durations: ${Object.keys(this.durations).join(', ') || 'none'})`);
    this.handles.set(
      slot.label,
      this.clock.setTimer(ms, () => {
        this.handles.delete(slot.label);
        this.fire(slot);
      }),
    );
  }

  /** Disarms `slot` if armed. */
  cancel(slot: TimerSlot): void {
    this.cancelLabel(slot.label);
  }

  private cancelLabel(label: string): void {
    const h = this.handles.get(label);
    if (h === undefined) return;
    this.clock.clearTimer(h);
    this.handles.delete(label);
  }

  /** Disarms every timer. */
  clear(): void {
    for (const label of [...this.handles.keys()]) this.cancelLabel(label);
  }
}
