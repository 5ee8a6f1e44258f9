/**
 * The seam of the semaphore-protected critical section: the rules where a variant may differ from
 * Dijkstra's, with Dijkstra's own. The program (`semaphoreCs.ts`) uses them; a mutant (`mutants.ts`)
 * overrides one.
 *
 * @module
 */
import type { StepDef } from '../../threads/index.js';

/** The step constructors the exit section may use. */
export interface SemaphoreCsExitKit {
  /** An unconditional move to `to`, shown in traces as `name`. */
  go(to: 'ncs', name?: string): StepDef;
  /** V on `semaphore`, then on to `to`. */
  signal(semaphore: 'mutex', to: 'ncs'): StepDef;
}

/** The rules where a variant of the protocol may differ from Dijkstra's; `mutants.ts` overrides them. */
export interface SemaphoreCsRules {
  /** The value `mutex` starts at. */
  readonly initial: number;
  /** The exit section, from label `exit` back to `ncs`. */
  exit(k: SemaphoreCsExitKit): StepDef;
  /** How a waiting process is served: `strong` (a blocking wait, woken by a signal) or `weak` (busy waiting). */
  readonly fairness: 'weak' | 'strong';
}

/** The rules as Dijkstra states them: `mutex` starts at 1, and the exit section is `signal(mutex)`. */
export const semaphoreCsRules: SemaphoreCsRules = {
  initial: 1,
  exit: (k) => k.signal('mutex', 'ncs'),
  fairness: 'strong',
};
