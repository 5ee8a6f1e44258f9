/**
 * The node host: one actor of a protocol as a running node — its handlers fed by real sockets, timers
 * and client inputs, its durable writes fsync'd before its messages leave, its steps traced.
 *
 * @module
 */
export { ENVELOPE_MAX, envelopeSchema } from './envelope.js';
export type { Envelope, EnvelopeSchema } from './envelope.js';
export { LogRecordError, MARK_MAX, MARK_RESERVE, MARK_TAG, STATE_TAG, decodeNodeLogRecord, encodeMarkRecord, encodeStateRecord } from './logRecords.js';
export type { Mark, NodeLogRecord } from './logRecords.js';
export { NodeHost } from './nodeHost.js';
export { LogRecoveryError, recoverLog } from './recoverLog.js';
export type { RecoveredLog } from './recoverLog.js';
export { recoverNode, startPoint } from './recoverNode.js';
export type { RecoverNodeOptions, RecoveredNode, StartPoint } from './recoverNode.js';
export type { NodeHostOptions, NodeHostStats } from './nodeHost.js';
export { NodeTimers } from './timers.js';
export { LOG_SUFFIX, TRACE_SUFFIX, nodeFiles, traceBesideLog } from './nodeFiles.js';
export { importDefault, resolveDeployment } from './protocolModule.js';
export type { ImportedModule } from './protocolModule.js';
