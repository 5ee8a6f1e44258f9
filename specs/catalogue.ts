/**
 * The catalogue's vocabulary: an entry names a model, its parameters with their defaults, the properties it
 * is checked against, the verdict its default instance must give, and, where one exists, an independent
 * figure (TLC's or SPIN's state counts) for the same state machine.
 *
 * @module
 */
import type { AnyModel, Param, Params } from '../model/core/index.js';

/** What the default instance of an entry must give: `holds`, `deadlock`, or `violated:<property>`. */
export type Expected = 'holds' | 'deadlock' | `violated:${string}`;

/** State counts published by another checker for one instance of the same state machine. */
export interface Reference {
  /** Which checker produced the figures. */
  readonly by: 'TLC' | 'SPIN';
  /** The parameters of the instance. */
  readonly params: Params;
  readonly distinct: number;
  readonly generated?: number;
  readonly depth?: number;
}

/** Something `check` and `replay` can build a model of: a catalogue entry, or a model from a user's module. */
export interface Checkable {
  /** Kebab-case id; a mutant's id starts with its protocol's id. */
  readonly id: string;
  readonly description: string;
  readonly params: readonly Param[];
  /** Builds the model, with its properties, for fully resolved parameters. */
  build(params: Params): AnyModel;
  /** Independent figures for some instances. */
  readonly references?: readonly Reference[];
}

/** A catalogue entry: something to check, and what checking it must find. */
export interface Spec extends Checkable {
  /** The verdict of the default instance. */
  readonly expected: Expected;
  /** The id of the entry this one is a deliberately broken variant of. */
  readonly mutantOf: string | null;
}

