/**
 * The shared-memory and channel layer: processes as program counters over labelled atomic steps, shared
 * variables, semaphores and channels; compiled to a packed Level-0 model.
 *
 * @module
 */
export { threads } from './threads.js';
export type { ProcessDefinition, SemaphoreDecl, SystemDefinition, ThreadsBuilder } from './threads.js';
export type { Origin, ProcessInfo, ProgramInfo, Section, ThreadSystem } from './threadSystem.js';
export { stepKit, stepName } from './steps.js';
export type { ChannelDecl, ChannelMap, StepDef, StepKit, StepRun } from './steps.js';
export { compileThreads, formatThreadAction } from './compileThreads.js';
export type { BuildOptions, ThreadAction, ThreadMove, ThreadsModel } from './compileThreads.js';
export { ThreadsViews, mutualExclusion, reachable, starvationFree } from './view.js';
export type { RawThreadsState, ThreadsView } from './view.js';
