/**
 * Fault injection on a link: loss, duplication, delay and reordering, decided by a seeded generator.
 *
 * The model checker explores lossy, duplicating and reordering networks; the runtime reproduces them on
 * purpose, on top of a real transport, to exercise the same handlers under the same faults. Each outgoing
 * link has a {@link LinkFaults} that decides, frame by frame in send order, when each copy of the frame is
 * released to the socket: never (lost), once, or twice (duplicated), and after what delay. Its decisions
 * depend only on the plan's seed, the link's name and the send times — so, with a manual clock, a run is
 * reproducible from its seed.
 *
 * Delay alone keeps the link FIFO (a frame is never released before the one sent before it, as on TCP);
 * reordering is explicit: a frame picked for reordering is held back an extra time and later frames may
 * overtake it.
 *
 * @example
 * ```ts
 * const f = new LinkFaults({ seed: 7, loss: 0.1, delay: { min: 1, max: 20 }, reorder: 0.05 }, 'n0->n1');
 * f.schedule(0);   // e.g. [13]: release the frame at t = 13 ms; [] would mean lost
 * ```
 *
 * @module
 */
import { prng } from './prng.js';

/** The faults to inject on every outgoing link of a transport. All probabilities are in [0, 1]. */
export interface FaultPlan {
  /** The seed of every decision (with the link's name). */
  readonly seed: number;
  /**
   * The probability that a frame is lost.
   * @defaultValue 0
   */
  readonly loss?: number;
  /**
   * The probability that a frame is delivered twice.
   * @defaultValue 0
   */
  readonly duplicate?: number;
  /**
   * The delay of each frame, uniform in `[min, max]` milliseconds (FIFO is kept).
   * @defaultValue no delay
   */
  readonly delay?: { readonly min: number; readonly max: number };
  /**
   * The probability that a frame is held back so that later frames can overtake it.
   * @defaultValue 0
   */
  readonly reorder?: number;
  /**
   * The largest extra delay, in milliseconds, of a frame held back for reordering (uniform in `[1, this]`).
   * @defaultValue 50
   */
  readonly reorderWindow?: number;
}

/** Checks a fault plan; throws `RangeError` naming the bad field. */
export function checkFaultPlan(plan: FaultPlan): void {
  const prob = (name: string, p: number | undefined): void => {
    if (p !== undefined && !(p >= 0 && p <= 1)) throw new RangeError(`FaultPlan.${name} must be a probability in [0, 1], got ${p}`);
  };
  if (!Number.isInteger(plan.seed)) throw new RangeError(`FaultPlan.seed must be an integer, got ${plan.seed}`);
  prob('loss', plan.loss);
  prob('duplicate', plan.duplicate);
  prob('reorder', plan.reorder);
  if (plan.delay && !(plan.delay.min >= 0 && plan.delay.max >= plan.delay.min)) {
    throw new RangeError(`FaultPlan.delay must have 0 <= min <= max, got [${plan.delay.min}, ${plan.delay.max}]`);
  }
  if (plan.reorderWindow !== undefined && !(plan.reorderWindow >= 1)) {
    throw new RangeError(`FaultPlan.reorderWindow must be at least 1, got ${plan.reorderWindow}`);
  }
}

/** The fault decisions of one outgoing link. */
export class LinkFaults {
  private readonly random: () => number;
  // The release time of the last frame not held back: later frames are not released before it (FIFO).
  private lastInOrder = -Infinity;

  /**
   * @param plan - the faults to inject
   * @param link - the link's name (e.g. `n0->n1`), which selects its own random stream
   */
  constructor(
    readonly plan: FaultPlan,
    link: string,
  ) {
    checkFaultPlan(plan);
    this.random = prng(plan.seed, link);
  }

  /**
   * Decides the fate of the next frame sent at time `now`: the release times of its copies, in the order
   * they are to be released (empty if the frame is lost). Draws the same number of random values whatever
   * the outcome, so one decision does not shift the stream of the next.
   */
  schedule(now: number): number[] {
    const { loss = 0, duplicate = 0, delay, reorder = 0, reorderWindow = 50 } = this.plan;
    const [rLoss, rDup, rDelay, rDelay2, rReorder, rExtra] = [this.random(), this.random(), this.random(), this.random(), this.random(), this.random()];
    if (rLoss < loss) return [];
    const span = delay ? delay.max - delay.min : 0;
    const base = delay ? delay.min : 0;
    const copies = rDup < duplicate ? [rDelay, rDelay2] : [rDelay];
    return copies.map((r) => {
      const t = now + base + r * span;
      if (rReorder < reorder) return t + 1 + Math.floor(rExtra * reorderWindow);
      this.lastInOrder = Math.max(this.lastInOrder, t);
      return this.lastInOrder;
    });
  }
}
