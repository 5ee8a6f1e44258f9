/**
 * Warn lines that an attacker cannot turn into a flood: at most one per reason per interval.
 *
 * A node under attack closes connections by the hundred; a line for each would bury the log (and cost
 * more than the attack). The first event of a reason is logged at once; the others within the interval
 * are only counted, and the next line of that reason says how many there were.
 *
 * @example
 * ```ts
 * const log = new RateLimitedLog(logger, systemClock, 10_000);
 * for (let i = 0; i < 200; i++) log.warn('buffer', `closed connection ${i}: buffer cap`);
 * // one line: 'closed connection 0: buffer cap'; 199 counted for the next one
 * ```
 *
 * @module
 */
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { rateLimited } from './rateLimit.js';

/** A {@link Logger}'s `warn`, limited to one line per reason per interval (see the module documentation). */
export class RateLimitedLog {
  // One limiter per reason, each the single rate-limiting rule of the transport (`rateLimit.ts`).
  private readonly byReason = new Map<string, (line: string) => void>();

  /**
   * @param logger - where the lines go
   * @param clock - what the interval is measured with
   * @param interval - milliseconds between two lines of the same reason
   */
  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    readonly interval: number,
  ) {}

  /** Logs `line` unless a line of the same `reason` was logged less than an interval ago; then counts it. */
  warn(reason: string, line: string): void {
    let write = this.byReason.get(reason);
    if (!write) {
      write = rateLimited((l) => this.logger.warn(l), this.interval, () => this.clock.now());
      this.byReason.set(reason, write);
    }
    write(line);
  }
}
