/**
 * Transports of the runtime: framing, handshakes, reconnection and fault injection over TCP (plain, or
 * mutual TLS 1.3), Unix sockets and an in-memory network, behind one `Transport` interface.
 *
 * @module
 */
export { formatAddress, parseAddress } from './address.js';
export type { Address } from './address.js';
export { ManualClock, systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { LinkFaults, checkFaultPlan } from './faults.js';
export type { FaultPlan } from './faults.js';
export { rawFrames, schemaFrames } from './frameCodec.js';
export type { FrameCodec } from './frameCodec.js';
export { FRAME_HEADER, FrameDecoder, FrameError, encodeFrame } from './framing.js';
export { decodeHello, encodeHello } from './hello.js';
export { consoleLogger, memoryLogger, oneLine, silentLogger } from './logger.js';
export type { Logger } from './logger.js';
export { isAddressInUse, listenRetrying } from './listenRetry.js';
export type { ListenRetryOptions } from './listenRetry.js';
export { MemoryNetwork } from './memoryNetwork.js';
export type { MemoryNetworkOptions } from './memoryNetwork.js';
export { tcpNetwork, unixNetwork } from './netNetwork.js';
export { prng } from './prng.js';
export { rateLimited } from './rateLimit.js';
export { NODE_URI_PREFIX, certificateNodeId, isCertifiableId, nodeUri } from './tlsIdentity.js';
export { loadTlsCredentials, tlsFilesOf, tlsNetwork } from './tlsNetwork.js';
export type { TlsCredentials, TlsNetworkOptions } from './tlsNetwork.js';
export type { Stream, StreamNetwork, StreamServer } from './stream.js';
export { createTransport } from './transport.js';
export { TRANSPORT_DEFAULTS } from './transportDefaults.js';
export type { Transport, TransportOptions } from './transport.js';
export type { TransportStats } from './transportStats.js';
