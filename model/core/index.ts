/**
 * The core of interleave's modelling language: schemas, the Level-0 model of both tiers, properties, and
 * state diffs. Everything a checker needs to know about a model, and nothing about any protocol.
 *
 * @module
 */
export * from './schema/index.js';
export { CLIP_LENGTH, clip } from './clip.js';
export { always, alwaysEventually, eventually, eventuallyAlways, isStateProperty, isTemporalProperty, leadsTo, sometimes, step } from './property.js';
export type { Property, PropertyKind, StateProperty, StepProperty, TemporalKind, TemporalProperty } from './property.js';
export { fairClassOf, strongFairness, weakFairness } from './fairness.js';
export type { Fairness } from './fairness.js';
export { defineModel, formatAction } from './model.js';
export type { AnyModel, Model, ModelDefinition, ModelEvent, ObjectModel } from './model.js';
export { defineObjectModel } from './objects/objectModel.js';
export type { ObjectModelDefinition } from './objects/objectModel.js';
export { canonicalWords, toPlain } from './objects/canonical.js';
export { diffValues, formatChange, formatState, formatValue } from './diff.js';
export type { Change } from './diff.js';
export { ProtocolError, defaults, enumParam, formatParams, intParam, ints, resolveParams } from './params.js';
export type { EnumParam, IntParam, Param, Params, Parameterised } from './params.js';
