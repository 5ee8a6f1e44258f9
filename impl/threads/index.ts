/**
 * Real threads for threads systems: the checker's step functions on `worker_threads` over shared memory.
 *
 * @module
 */
export { runThreads, bugObserved } from './runner.js';
export type { RunThreadsOptions, StoppedAt, ThreadsRunReport } from './runner.js';
export { formatThreadsReport } from './report.js';
export type { ReportOptions } from './report.js';
export { CTL, STAT, initialiseMemory, memoryPlan, runProcess } from './process.js';
export type { AtomicityNote, BoundsNote, MemoryPlan, ProcessOptions, ProcessOutcome } from './process.js';
export { BoundsLog, Tracker, accessor, memoryLayout, store } from './memory.js';
export type { AccessOptions, MemoryLayout, Slot } from './memory.js';
export { compiledUrl } from './compiled.js';
