/**
 * Rate-limited log lines, for what an attacker can make happen at will.
 *
 * A refused connection is worth one line, but a peer that reconnects in a loop must not be able to fill a
 * node's log (or its disk): a limited logger writes at most one line per interval and folds the others
 * into a count on the next line it writes.
 *
 * @example
 * ```ts
 * const warn = rateLimited((line) => logger.warn(line));
 * warn('refused a connection from 127.0.0.1:5000: no certificate');   // written
 * warn('refused a connection from 127.0.0.1:5001: no certificate');   // counted, written later as "(and 1 more ...)"
 * ```
 *
 * @module
 */

/**
 * Wraps `write` so that it is called at most once per `intervalMs`; a line written after some were
 * suppressed ends with `(and N more since the last report)`. Suppressed lines are counted, not kept.
 */
export function rateLimited(write: (line: string) => void, intervalMs = 1000, now: () => number = Date.now): (line: string) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (line) => {
    const t = now();
    if (t - last < intervalMs) {
      suppressed++;
      return;
    }
    write(suppressed > 0 ? `${line} (and ${suppressed} more since the last report)` : line);
    suppressed = 0;
    last = t;
  };
}
