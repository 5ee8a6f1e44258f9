/**
 * The public API of the `interleave` package: what another project imports to write a model and check it.
 *
 * - **Models** (`model/core`): schemas (`s`), `defineModel` for packed models and `defineObjectModel` for
 *   the object tier, and the properties `always` and `sometimes`.
 * - **Actor systems** (`model/actors`): `defineActor`, `messages`, `actorSystem` over an `unordered`,
 *   `fifo` or `duplicating` network with a fault budget, and the causality properties (`fifoDelivery`,
 *   `causalDelivery`, `noDuplicateDelivery`, `deliveredWereSent`).
 * - **Protocols** (`model/protocols/protocol.ts`, `model/core/params.ts`): `defineProtocol` — parameters
 *   (`intParam`, `enumParam`), variants (mutants), the checking instance and the deployment that
 *   `interleave run` starts — and, for deployments, `systemForRun`, `workloadRandom` and `NO_FAULTS`.
 * - **Thread systems** (`model/threads`): `threads`, with `mutualExclusion` and `reachable`.
 * - **The checker** (`checker`): `check` (asynchronous, with progress and cancellation) and `checkSync`,
 *   `replay`, trace files, and the text, JSON and sequence-diagram reports.
 *
 * Everything else (the packed engines' internals, the runtime, the CLI) is not part of the package's API.
 *
 * @example
 * ```ts
 * import { always, checkSync, defineModel, s } from 'interleave';
 *
 * const State = s.record({ n: s.int(0, 3) });
 * const counter = defineModel(State)({
 *   name: 'counter',
 *   initialStates: () => [{ n: 0 }],
 *   actions: () => ['inc'],
 *   next: (st, _a, out) => (st.n < 3 ? ((out.n = st.n + 1), true) : false),
 *   properties: [always('small', (st) => st.n <= 3)],
 * });
 * checkSync(counter).verdict;   // 'holds'
 * ```
 *
 * @module
 */
export { s, always, sometimes, defineModel, defineObjectModel, formatAction, formatState, formatValue, diffValues } from './model/core/index.js';
export type { AnyModel, Model, ModelDefinition, ModelEvent, ObjectModel, ObjectModelDefinition, Property, Schema, ValueOf } from './model/core/index.js';
export {
  actorSystem,
  causalDelivery,
  defineActor,
  deliveredWereSent,
  fifoDelivery,
  messages,
  noDuplicateDelivery,
  topology,
} from './model/actors/index.js';
export type { Actor, ActorContext, ActorDefinition, ActorSystem, ActorSystemDefinition, FaultBudget, NetworkKind, NetworkOptions } from './model/actors/index.js';
export { ProtocolError, enumParam, formatParams, intParam, ints, resolveParams } from './model/core/index.js';
export type { EnumParam, IntParam, Param, Params } from './model/core/index.js';
export { defineProtocol, protocolEntries, variantId } from './model/protocols/protocol.js';
export type { Protocol, ProtocolDeployment, ProtocolEntry, Variant } from './model/protocols/protocol.js';
export { NO_FAULTS, systemForRun, workloadRandom } from './model/actors/index.js';
export type { Completion, Deployment, DeploymentParams, Effect, Reaction, Roles, RunBudget, SystemView, Workload, WorkloadInput } from './model/actors/index.js';
export { mutualExclusion, reachable, threads } from './model/threads/index.js';
export type { SystemDefinition, ThreadSystem } from './model/threads/index.js';
export { check, checkSync, formatResult, formatTrace, parseTraceFile, renderMsc, replay, resultJson, writeTraceFile } from './checker/index.js';
export type { CheckOptions, CheckResult, Finding, ReplayResult, RunOptions, Stats, TraceFile, Verdict } from './checker/index.js';
