/**
 * The durable log of a runtime node: append with group commit, recover with torn-tail truncation.
 *
 * @module
 */
export { DurableLog, LogCorruptError } from './durableLog.js';
export type { DurableLogOptions, LogStats, Recovery } from './durableLog.js';
export { LOG_HEADER, RECORD_OVERHEAD, frameRecord, scanRecords } from './logFormat.js';
export type { ScanResult } from './logFormat.js';
export { crc32 } from './crc32.js';
