/**
 * The catalogue's vocabulary: an entry names a model, its parameters with their defaults, the properties it
 * is checked against, the verdict its default instance must give, and, where one exists, an independent
 * figure (TLC's or SPIN's state counts) for the same state machine.
 *
 * @module
 */
import type { AnyModel } from '../model/core/index.js';
import { clip } from '../model/core/index.js';

/** An integer parameter of a catalogue entry. */
export interface IntParam {
  readonly type: 'int';
  readonly name: string;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** A parameter that takes one of a fixed set of names. */
export interface EnumParam {
  readonly type: 'enum';
  readonly name: string;
  readonly description: string;
  readonly default: string;
  readonly values: readonly string[];
}

/** A parameter of a catalogue entry. */
export type Param = IntParam | EnumParam;

/** Parameter values by name. */
export type Params = Readonly<Record<string, number | string>>;

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

/** Thrown for a bad spec id or parameter; its message is one line, fit for a user. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
}

/** An integer parameter. */
export function intParam(name: string, description: string, def: number, min: number, max: number): IntParam {
  return { type: 'int', name, description, default: def, min, max };
}

/** A parameter with named values. */
export function enumParam(name: string, description: string, def: string, values: readonly string[]): EnumParam {
  return { type: 'enum', name, description, default: def, values };
}

/**
 * The integer parameters `names` of resolved parameters `p`, typed, for passing on to a model's options:
 * `causalBss({ ...ints(p, 'members', 'multicasts'), mutation })`.
 */
export function ints<K extends string>(p: Params, ...names: K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const n of names) {
    const v = p[n];
    if (typeof v !== 'number') throw new TypeError(`parameter ${n} is not a resolved integer (got ${JSON.stringify(v)})`);
    out[n] = v;
  }
  return out;
}

/** The default parameters of `spec`. */
export function defaults(spec: Checkable): Params {
  return Object.fromEntries(spec.params.map((p) => [p.name, p.default]));
}

/**
 * Resolves `given` (strings from a command line, or values) against the parameters of `spec`: fills in
 * defaults, converts and range-checks values. Throws {@link SpecError} naming the problem.
 */
export function resolveParams(spec: Checkable, given: Readonly<Record<string, string | number>>): Params {
  const out: Record<string, number | string> = { ...defaults(spec) };
  for (const [name, raw] of Object.entries(given)) {
    const p = spec.params.find((q) => q.name === name);
    if (!p) {
      const known = spec.params.map((q) => q.name).join(', ') || 'none';
      throw new SpecError(`unknown parameter '${clip(name)}' for ${spec.id} (parameters: ${known})`);
    }
    if (p.type === 'int') {
      const v = typeof raw === 'number' ? raw : /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(v) || v < p.min || v > p.max) {
        throw new SpecError(`bad value '${clip(raw)}' for parameter ${name} of ${spec.id}: expected an integer in [${p.min}, ${p.max}]`);
      }
      out[name] = v;
    } else {
      const v = String(raw);
      if (!p.values.includes(v)) throw new SpecError(`bad value '${clip(raw)}' for parameter ${name} of ${spec.id}: expected one of ${p.values.join(', ')}`);
      out[name] = v;
    }
  }
  return out;
}

/** Formats parameters as `rms=3 crashes=1`. */
export function formatParams(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
