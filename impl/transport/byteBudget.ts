/**
 * A node-wide budget of bytes buffered for incomplete frames, shared by all its accepted connections.
 *
 * A cap per connection is not enough: 200 connections each holding half a 1 MiB frame stay under any
 * sensible per-connection cap and still hold 100 MB. So every connection reports what it holds to one
 * counter, a connection that would take the counter over the limit is closed instead, and a closed
 * connection gives back everything it held — the counter is the sum of what open connections hold.
 *
 * @example
 * ```ts
 * const budget = new ByteBudget(100);
 * budget.resize(0, 60);   // true: used 60
 * budget.resize(0, 60);   // false: 120 would exceed 100; used stays 60
 * budget.resize(60, 0);   // true: used 0
 * ```
 *
 * @module
 */

/** A shared counter of buffered bytes with a limit (see the module documentation). */
export class ByteBudget {
  private usedBytes = 0;
  private peakBytes = 0;

  /** @param limit - the most bytes that may be held at once */
  constructor(readonly limit: number) {}

  /** Bytes held now, across every holder. */
  get used(): number {
    return this.usedBytes;
  }

  /** The most bytes held at once since the budget was created. */
  get peak(): number {
    return this.peakBytes;
  }

  /**
   * Changes one holder's share from `from` to `to` bytes. Growing beyond the limit is refused (returns
   * false, nothing changes); shrinking always succeeds.
   */
  resize(from: number, to: number): boolean {
    const next = this.usedBytes - from + to;
    if (to > from && next > this.limit) return false;
    this.usedBytes = next;
    if (next > this.peakBytes) this.peakBytes = next;
    return true;
  }
}
