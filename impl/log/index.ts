/**
 * The durable log of a runtime node: append with group commit, recover with torn-tail truncation.
 *
 * @module
 */
export { DurableLog } from './durableLog.js';
export { DEFAULT_MAX_RECORD_SIZE, LogCorruptError, damageMessage, damageReason, parseLog, readLog } from './readLog.js';
export type { LogContents, LogRecordAt } from './readLog.js';
export type { DurableLogOptions, LogStats, Recovery } from './durableLog.js';
export { LOG_HEADER, LOG_MAGIC, LOG_VERSION, RECORD_OVERHEAD, findIntact, frameRecord, scanRecords } from './logFormat.js';
export type { ScanResult } from './logFormat.js';
export { crc32 } from './crc32.js';
