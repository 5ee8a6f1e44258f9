/**
 * The message-passing layer: actors written as pure handlers, networks, faults, timers, durable state and
 * ghost causality, compiled to a Level-0 packed model. See {@link actorSystem} for the whole picture and
 * {@link defineActor} for writing one node.
 *
 * @module
 */
export { DEFERRED_LIMIT, defineActor } from './actor.js';
export type { Actor, ActorContext, ActorDefinition, AnyActor } from './actor.js';
export { formatActorAction } from './actions.js';
export type { ActionFormat, ActorAction } from './actions.js';
export { NO_FAULTS, resolveDeploymentParams, workloadRandom } from './deployment.js';
export type { Completion, Deployment, DeploymentParams, Reaction, RunBudget, Workload, WorkloadFigures, WorkloadInput } from './deployment.js';
export { EffectRecorder } from './effects.js';
export { HANDLER, runHandler } from './runHandler.js';
export type { HandlerKind } from './runHandler.js';
export type { Context, Effect, NodeInfo, Topology } from './effects.js';
export { GhostCapacityError, causalDelivery, deliveredWereSent, fifoDelivery, noDuplicateDelivery } from './ghost.js';
export type { GhostOptions } from './ghost.js';
export { messages, zeroValue } from './messages.js';
export type { MessageCases, MessageFields, MessageOf, MessageSchema, MessageValue, MessagesOptions } from './messages.js';
export { NetworkCapacityError } from './network.js';
export type { NetworkKind, NetworkOptions } from './network.js';
export { actorSystem } from './actorSystem.js';
export type { ActorSystem, ActorSystemDefinition } from './actorSystemTypes.js';
export type { FaultBudget } from './faultBudget.js';
export { systemForRun } from './runSystem.js';
export type { FaultsSchema, NodeSchema, Role, Roles, SystemSchema, SystemView } from './systemState.js';
export { topology } from './topology.js';
export { plainTimers, timerLabel, timerTable } from './timers.js';
export type { TimerDeclaration, TimerKey, TimerKeySchema, TimerSlot, TimerTable } from './timers.js';
