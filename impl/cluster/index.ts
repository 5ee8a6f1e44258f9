/**
 * The cluster launcher: a deployed protocol's nodes as OS processes, its client workload, scheduled kills
 * and restarts, link faults, the run's certificates (mutual TLS on its links), and the run's summary.
 *
 * @module
 */
export { ClusterError, runCluster } from './runCluster.js';
export type { ClusterOptions } from './runCluster.js';
export { RunDirError, prepareRunDir } from './runDir.js';
export { FaultSpecError, NO_FAULT_SPEC, brokenAssumptions, parseFaultSpec, resolveFaultSpec, resolveNode } from './faultSpec.js';
export type { FaultEvent, FaultSchedule, FaultSpec, KillSpec, LinkAssumptions, LinkFaultSpec } from './faultSpec.js';
export { ACKS_FILE, formatSummary, percentile } from './stats.js';
export { simulatePowerLoss } from './powerLoss.js';
export type { PowerLossDamage } from './powerLoss.js';
export type { RunSummary, UnfiredFault } from './stats.js';
export { TlsSetupError, checkTlsDir, createRunCertificates, opensslAvailable } from './tlsFiles.js';
