/**
 * The checker: explores a model (`AnyModel`) exhaustively, breadth-first, and reports a {@link CheckResult}
 * with TLC's statistics and shortest traces; replays recorded traces; renders results as text or JSON.
 * It knows nothing of any protocol.
 *
 * @module
 */
export { check, checkSync } from './check.js';
export type { Engine, RunOptions } from './check.js';
export type { CheckOptions } from './search.js';
export { MEMORY_CHECK_STATES, defaultMaxMemory } from './search.js';
export { collisionProbability } from './result.js';
export type { CheckResult, Finding, Loop, Progress, PropertyVerdict, Stats, TraceStep, Verdict } from './result.js';
export { replay } from './replay.js';
export type { LassoCheck, RecordedLoop, RecordedStep, ReplayResult, ReplayViolation } from './replay.js';
export { TraceFileError, parseTraceFile, writeTraceFile } from './traceFile.js';
export type { TraceFile } from './traceFile.js';
export { formatLoop, formatResult, formatStats, formatTrace, formatVerdict } from './report/text.js';
export { resultJson } from './report/json.js';
export { renderMsc } from './report/msc.js';
export { fingerprint, fp } from './fingerprint.js';
export { FingerprintSet } from './fingerprintSet.js';
export { TraceIndex, NO_PARENT } from './traceIndex.js';
