/**
 * Entry points of the checker: {@link check} (asynchronous: it yields to the event loop between slices,
 * so a Ctrl-C or an `AbortSignal` can stop it and progress can be printed) and {@link checkSync}.
 *
 * @example
 * ```ts
 * const result = await check(twoPhase({ rms: 3 }));
 * result.verdict;          // 'holds'
 * result.stats.distinct;   // 288
 * ```
 *
 * @module
 */
import type { AnyModel } from '../model/core/index.js';
import { PackedBfs } from './bfsPacked.js';
import { GenericBfs } from './bfsGeneric.js';
import type { CheckResult } from './result.js';
import type { CheckOptions, Search } from './search.js';
import { objectTier, tierOf } from './tier.js';

/** Which engine explores a packed model: the fast one, or the generic one (for cross-checking). */
export type Engine = 'packed' | 'generic';

/** Options of {@link check} and {@link checkSync}. */
export interface RunOptions extends CheckOptions {
  /** @defaultValue `'packed'` for packed models; object models always use the generic engine. */
  readonly engine?: Engine;
}

function searchFor(model: AnyModel, options: RunOptions): Search {
  if (model.tier === 'packed' && (options.engine ?? 'packed') === 'packed') return new PackedBfs(model, options);
  return new GenericBfs(model.tier === 'objects' ? objectTier(model) : tierOf(model), options);
}

const SLICE_MS = 100;

/** Checks `model` exhaustively (within the bounds of `options`), yielding to the event loop between slices. */
export async function check(model: AnyModel, options: RunOptions = {}): Promise<CheckResult> {
  const search = searchFor(model, options);
  const interval = options.progressIntervalMs ?? 1000;
  let nextProgress = performance.now() + interval;
  for (;;) {
    if (options.signal?.aborted) {
      search.stoppedBy ??= 'interrupted';
      break;
    }
    if (search.run(performance.now() + SLICE_MS)) break;
    if (options.onProgress && performance.now() >= nextProgress) {
      options.onProgress(search.progress());
      nextProgress = performance.now() + interval;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return search.result();
}

/** Checks `model` without yielding: the same search as {@link check}, for scripts and tests. */
export function checkSync(model: AnyModel, options: RunOptions = {}): CheckResult {
  const search = searchFor(model, options);
  const interval = options.progressIntervalMs ?? 1000;
  let nextProgress = performance.now() + interval;
  while (!search.run(performance.now() + SLICE_MS)) {
    if (options.onProgress && performance.now() >= nextProgress) {
      options.onProgress(search.progress());
      nextProgress = performance.now() + interval;
    }
  }
  return search.result();
}
