/**
 * Traces of real runs: the per-node JSON Lines format, its writer (resumable after a crash) and strict
 * reader, node-state fingerprints, and the happens-before merge of a run's traces. Validation against the
 * model lives in the CLI (`interleave validate`), since the runtime never imports the checker.
 *
 * @module
 */
export { TRACE_FORMAT, TRACE_VERSION, TraceError, openLine, sealLine } from './format.js';
export type { TraceEffect, TraceEvent, TraceGap, TraceHeader, TraceSeal, TraceStep } from './format.js';
export { TraceWriter } from './writer.js';
export type { TraceOpened, TraceResume } from './writer.js';
export { readTrace, readTraceHeader, sendsOf } from './reader.js';
export type { NodeTrace } from './reader.js';
export { bytesDigest, nodeDigest } from './digest.js';
export { MergeError, mergeTraces } from './merge.js';
export type { MergeInput, MergeResult, MergedStep, TraceGapReport } from './merge.js';
