/**
 * Listening again when an address is in use, for a bounded time.
 *
 * A restarted node listens on the address it had, and its peers keep dialing it there. If that address is
 * taken when the node comes back — the old socket not yet released, or another process squatting on the
 * port — giving up at once would leave the node down for good. So `EADDRINUSE` is retried with backoff
 * (by default for about 8 s in all, under the launcher's 10 s wait for a node to come up); any other
 * error, or the last attempt's, is thrown. While a squatter holds the port it receives nothing of value
 * on a TLS network: the peers' handshakes fail, as it has no certificate, and they keep retrying.
 *
 * @example
 * ```ts
 * const bound = await listenRetrying(() => transport.listen(address), { onRetry: (n, ms) => log(`retry ${n} in ${ms} ms`) });
 * ```
 *
 * @module
 */
import type { Address } from './address.js';

/** How often and how patiently to retry. */
export interface ListenRetryOptions {
  /**
   * Attempts in all, the first included.
   * @defaultValue 12
   */
  readonly attempts?: number;
  /**
   * Delay before the first retry, in ms; each next delay doubles, up to `max`.
   * @defaultValue 50
   */
  readonly initial?: number;
  /**
   * The longest delay between attempts, in ms.
   * @defaultValue 1000
   */
  readonly max?: number;
  /** Called before each retry with its number (1, 2, ...), its delay and the error. */
  readonly onRetry?: (retry: number, delayMs: number, error: Error) => void;
  /** @defaultValue a `setTimeout` sleep */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Whether `e` says the address is already in use. */
export function isAddressInUse(e: unknown): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/** Calls `listen` until it does not fail with `EADDRINUSE`, at most `attempts` times (see the module documentation). */
export async function listenRetrying(listen: () => Promise<Address>, options: ListenRetryOptions = {}): Promise<Address> {
  const attempts = Math.max(1, options.attempts ?? 12);
  const max = options.max ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let delay = options.initial ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await listen();
    } catch (e) {
      if (!isAddressInUse(e) || attempt >= attempts) throw e;
      options.onRetry?.(attempt, delay, e as Error);
      await sleep(delay);
      delay = Math.min(max, delay * 2);
    }
  }
}
