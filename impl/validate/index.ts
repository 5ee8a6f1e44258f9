/**
 * Run validation: a recorded run's traces, read and merged in happens-before order, replayed through the
 * protocol's own model; the run conforms if every step is a step of the model and every invariant held.
 * It lives in the runtime's layer (it reads what `impl/` recorded and uses nothing of the CLI); `interleave
 * validate` prints its report.
 *
 * @module
 */
export { brokenFifo } from './assumptions.js';
export { runActions, validateRun } from './conformance.js';
export type { Conformance, ReplayedAction, RunCounts, RunNotes } from './conformance.js';
export { readRun } from './runTraces.js';
export type { RunTraces } from './runTraces.js';
